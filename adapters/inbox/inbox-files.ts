import { extname } from "node:path";
import type { StatementFormatName } from "../../actors/statements/index.js";

/**
 * What the inbox makes of a file's name (ADR 014 §1 "Three doors"): a statement by its extension, a CSV mapping, or
 * something it leaves alone. Pure, so the rules are tested without a folder.
 */

/** The folders inside the inbox where a file goes once handled. */
export const importedFolder = "imported";
export const refusedFolder = "refused";
/** The mapping for every CSV of the inbox that has none of its own (`<name>.mapping.json`). */
export const inboxMappingFile = "mapping.json";
const mappingSuffix = ".mapping.json";

export type InboxFile =
  /** A statement to import; `format` undefined: sniffed (camt053 or camt052 by the namespace). */
  | { readonly kind: "statement"; readonly format: StatementFormatName | undefined }
  /** A file the inbox does not read (its extension says it is no statement): refused with the reason. */
  | { readonly kind: "unknown"; readonly reason: string }
  /** Left where it is: a mapping, a hidden file, or one still being written (`.tmp`, `.part`). */
  | { readonly kind: "skipped" };

const formatsByExtension: Readonly<Record<string, StatementFormatName | undefined>> = {
  ".xml": undefined,
  ".sta": "mt940",
  ".mt940": "mt940",
  ".txt": "mt940",
  ".csv": "csv",
};

export function inboxFileOf(name: string): InboxFile {
  if (name.startsWith(".") || name === inboxMappingFile || name.endsWith(mappingSuffix)) return { kind: "skipped" };
  const extension = extname(name).toLowerCase();
  if (extension === ".tmp" || extension === ".part") return { kind: "skipped" };
  if (Object.hasOwn(formatsByExtension, extension)) return { kind: "statement", format: formatsByExtension[extension] };
  return {
    kind: "unknown",
    reason: `not a statement file by its name: the inbox reads .xml (camt.053, camt.052), .sta, .mt940 or .txt (MT940) and .csv`,
  };
}

/** The mapping of its own a CSV may have beside it: `bank-de.csv` → `bank-de.mapping.json`. */
export function ownMappingName(name: string): string {
  return `${name.slice(0, name.length - extname(name).length)}${mappingSuffix}`;
}
