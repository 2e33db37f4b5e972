import { Decimal } from "decimal.js";

/** One `<Ntry>` of a camt.053 as the bank simulator renders it (simulator/statement.ts), the fields a test edits. */
export interface Camt053Entry {
  /** A decimal string. */
  readonly amount: string;
  readonly direction: "CRDT" | "DBIT";
  readonly bankReference: string;
  readonly endToEndId: string;
  /** The entry's XML as read; the edited fields are written over it. */
  readonly xml: string;
}

const entryPattern = /^ {6}<Ntry>\n[\s\S]*?\n {6}<\/Ntry>$/gm;

function field(xml: string, pattern: RegExp, name: string): string {
  const found = pattern.exec(xml)?.[1];
  if (found === undefined) throw new Error(`camt.053 entry without ${name}: ${xml.slice(0, 200)}`);
  return found;
}

/** The entries of a simulator camt.053, in order. */
export function camt053Entries(xml: string): Camt053Entry[] {
  return (xml.match(entryPattern) ?? []).map((entry) => ({
    amount: field(entry, /<Amt Ccy="[A-Z]{3}">([0-9.]+)<\/Amt>/, "Amt"),
    direction: field(entry, /<CdtDbtInd>(CRDT|DBIT)<\/CdtDbtInd>/, "CdtDbtInd") as "CRDT" | "DBIT",
    bankReference: field(entry, /<AcctSvcrRef>([^<]*)<\/AcctSvcrRef>/, "AcctSvcrRef"),
    endToEndId: field(entry, /<EndToEndId>([^<]*)<\/EndToEndId>/, "EndToEndId"),
    xml: entry,
  }));
}

function entryXml(entry: Camt053Entry): string {
  return entry.xml
    .replace(/(<Amt Ccy="[A-Z]{3}">)[0-9.]+(<\/Amt>)/, `$1${entry.amount}$2`)
    .replace(/<CdtDbtInd>(CRDT|DBIT)<\/CdtDbtInd>/, `<CdtDbtInd>${entry.direction}</CdtDbtInd>`)
    .replace(/<AcctSvcrRef>[^<]*<\/AcctSvcrRef>/g, `<AcctSvcrRef>${entry.bankReference}</AcctSvcrRef>`)
    .replace(/<EndToEndId>[^<]*<\/EndToEndId>/, `<EndToEndId>${entry.endToEndId}</EndToEndId>`);
}

/** The statement with its entries replaced by `entries` (balances untouched: see `camt053Balanced`). */
export function withCamt053Entries(xml: string, entries: readonly Camt053Entry[]): string {
  const first = xml.search(entryPattern);
  const head = first < 0 ? xml.slice(0, xml.indexOf("    </Stmt>")) : xml.slice(0, first);
  const tail = xml.slice(xml.indexOf("    </Stmt>"));
  return `${head}${entries.map((entry) => `${entryXml(entry)}\n`).join("")}${tail}`;
}

function balance(xml: string, code: "OPBD" | "CLBD"): RegExpExecArray {
  const pattern = new RegExp(
    `(<Cd>${code}</Cd></CdOrPrtry></Tp>\\s*<Amt Ccy="[A-Z]{3}">)([0-9.]+)(</Amt>\\s*<CdtDbtInd>)(CRDT|DBIT)(</CdtDbtInd>)`,
  );
  const found = pattern.exec(xml);
  if (!found) throw new Error(`camt.053 without a ${code} balance`);
  return found;
}

/** The statement with its closing balance (CLBD) set to the opening plus its entries, so it stays consistent. */
export function camt053Balanced(xml: string): string {
  const opening = balance(xml, "OPBD");
  const signed = (amount: string, indicator: string) =>
    indicator === "DBIT" ? new Decimal(amount).neg() : new Decimal(amount);
  const closing = camt053Entries(xml).reduce(
    (sum, entry) => sum.plus(signed(entry.amount, entry.direction)),
    signed(opening[2]!, opening[4]!),
  );
  const found = balance(xml, "CLBD");
  const replaced = `${found[1]!}${closing.abs().toFixed(4)}${found[3]!}${closing.isNegative() ? "DBIT" : "CRDT"}${found[5]!}`;
  return xml.replace(found[0], replaced);
}
