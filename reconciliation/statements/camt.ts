import { XMLParser, XMLValidator } from "fast-xml-parser";
import type { StatementFormat } from "../model.js";
import { camtStatement } from "./camt-statement.js";
import type { LocatedStatement } from "./checks.js";
import { StatementRefused } from "./errors.js";
import { isoDateTime, quoted } from "./values.js";
import { optional, optionalPath, repeated, textOf, type XmlElement, type XmlValue } from "./xml-tree.js";

/**
 * ISO 20022 camt.053 (`BkToCstmrStmt/Stmt`, the end-of-day statement) and camt.052 (`BkToCstmrAcctRpt/Rpt`, the
 * intraday report), any version: the namespace names the message and its version, and the elements read here kept
 * their names across versions 02 to 13. The XML is checked well-formed first, since the parser itself accepts a
 * truncated document.
 */

const camtNamespacePattern = /^urn:iso:std:iso:20022:tech:xsd:camt\.(053|052)\.001\.\d{2}$/;

/** What each message calls its container and its statements. */
const messages = {
  camt053: { container: "BkToCstmrStmt", statement: "Stmt" },
  camt052: { container: "BkToCstmrAcctRpt", statement: "Rpt" },
} as const;

export type CamtFormat = keyof typeof messages;

function localName(name: string): string {
  return name.slice(name.indexOf(":") + 1);
}

/**
 * The validator's finding as a refusal. Elements left open at the end (a truncated file) are reported as a list
 * at line 1; they are named here at the end of the file instead.
 */
function notWellFormed(
  text: string,
  error: { code: string; msg: string; line: number; col?: number },
): StatementRefused {
  const open = error.code === "InvalidXml" && error.msg.startsWith("Invalid '[");
  if (open) {
    const names = [...error.msg.matchAll(/"([^"]*)"/g)].map((match) => localName(match[1]!));
    const lastLine = text.trimEnd().split(/\r\n|\n|\r/).length;
    return new StatementRefused(
      `line ${lastLine} (end of file)`,
      `the XML ends inside ${names.join("/")}: the file is truncated`,
    );
  }
  const place = error.col === undefined ? `line ${error.line}` : `line ${error.line} column ${error.col}`;
  return new StatementRefused(place, `the XML is not well-formed: ${error.msg}`);
}

/** Parses well-formed XML into the tree `xml-tree.ts` reads, with the root's prefixed name. */
function parseXml(text: string): { root: XmlElement; rootName: string } {
  // A document type may declare entities that expand without bound; ISO 20022 messages never carry one.
  if (/<!DOCTYPE/i.test(text)) throw new StatementRefused("Document", "a DOCTYPE is not allowed in a statement");
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw notWellFormed(text, valid.err);
  // The root's name as written: its prefix, if any, says which xmlns attribute names its namespace.
  let firstName: string | undefined;
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    // Every element is an array, so one element and several read the same way.
    isArray: (_name, _path, _leaf, isAttribute) => isAttribute !== true,
    transformTagName: (name) => {
      const bare = name.replace(/\/$/, "");
      firstName ??= bare;
      return localName(bare);
    },
  });
  let tree: Record<string, XmlValue[]>;
  try {
    tree = parser.parse(text) as Record<string, XmlValue[]>;
  } catch (error) {
    // The parser refuses names such as __proto__ that would reach the prototype of the tree it builds.
    throw new StatementRefused("Document", `the XML cannot be read: ${(error as Error).message}`, { cause: error });
  }
  const roots = Object.keys(tree).filter((key) => !key.startsWith("?"));
  const root = roots.length === 1 ? tree[roots[0]!] : undefined;
  if (root?.length !== 1) throw new StatementRefused("Document", "the XML must have exactly one root element");
  return { root: { value: root[0]!, place: "" }, rootName: firstName ?? roots[0]! };
}

/** The namespace the root element is in: `xmlns`, or `xmlns:p` for a root written `p:Document`. */
function namespaceOf(root: XmlElement, rootName: string): string | undefined {
  const colon = rootName.indexOf(":");
  const attribute = colon < 0 ? "@_xmlns" : `@_xmlns:${rootName.slice(0, colon)}`;
  if (typeof root.value === "string") return undefined;
  const namespace = root.value[attribute];
  return typeof namespace === "string" ? namespace : undefined;
}

function formatOf(root: XmlElement, rootName: string): CamtFormat {
  if (localName(rootName) !== "Document")
    throw new StatementRefused(rootName, "the root element must be Document (an ISO 20022 message)");
  const namespace = namespaceOf(root, rootName);
  const match = camtNamespacePattern.exec(namespace ?? "");
  if (match === null)
    throw new StatementRefused(
      "Document",
      `wrong namespace: ${namespace === undefined ? "none" : quoted(namespace, 100)}; expected camt.053 or camt.052 ` +
        "(urn:iso:std:iso:20022:tech:xsd:camt.053.001.NN or camt.052.001.NN)",
    );
  return match[1] === "053" ? "camt053" : "camt052";
}

/** Every statement of a camt.053 or camt.052 document, in document order. */
export function parseCamt(text: string, expected?: StatementFormat): LocatedStatement[] {
  const { root, rootName } = parseXml(text);
  const format = formatOf(root, rootName);
  if (expected !== undefined && expected !== format)
    throw new StatementRefused("Document", `a ${format} document where ${expected} was expected`);
  const names = messages[format];
  const container = optional(root, names.container);
  if (container === undefined)
    throw new StatementRefused("Document", `holds no ${names.container}, which a ${format} document must`);
  const groupCreated = optionalPath({ value: container.value, place: "" }, "GrpHdr", "CreDtTm");
  const groupCreatedAt = groupCreated === undefined ? undefined : isoDateTime(textOf(groupCreated), groupCreated.place);
  const statements = repeated({ value: container.value, place: "" }, names.statement);
  if (statements.length === 0) throw new StatementRefused(names.container, `holds no ${names.statement}`);
  return statements.map((statement) => ({
    place: statement.place,
    statement: camtStatement(statement, format, groupCreatedAt),
  }));
}
