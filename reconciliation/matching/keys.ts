import type { StatementLine } from "../model.js";
import type { PreparedRecord } from "./prepare.js";

/** The rules that pair by a key, in the order matching tries them (ADR 014 §3, rules 1 to 3). */
export type KeyRule = "serial" | "bankReference" | "entryReference";
export const keyRules: readonly KeyRule[] = ["serial", "bankReference", "entryReference"];

/** The keys a line or one of its details carries. */
export interface Keys {
  readonly endToEndId: string | undefined;
  readonly bankReference: string | undefined;
}

const entryPrefix = "entry:";
const none: readonly number[] = [];

/** Records indexed by each key rule: lookups by key instead of scans, so matching stays near-linear. */
export class RecordKeys {
  private readonly indexes: Record<KeyRule, Map<string, number[]>> = {
    serial: new Map(),
    bankReference: new Map(),
    entryReference: new Map(),
  };

  constructor(records: readonly PreparedRecord[]) {
    for (const { index, record } of records) {
      add(this.indexes.serial, record.serial, index);
      add(this.indexes.bankReference, record.bankReference, index);
      add(this.indexes.entryReference, record.reference, index);
      const entryId = record.recordId.startsWith(entryPrefix) ? record.recordId.slice(entryPrefix.length) : undefined;
      if (entryId !== record.reference) add(this.indexes.entryReference, entryId, index);
    }
  }

  /** The records (indices in record order, each once) that any of `keys` names under `rule`. */
  named(rule: KeyRule, keys: readonly Keys[]): readonly number[] {
    const index = this.indexes[rule];
    const found: number[] = [];
    for (const key of keys) {
      if (rule !== "bankReference") pushAll(found, index, key.endToEndId);
      if (rule !== "serial") pushAll(found, index, key.bankReference);
    }
    if (found.length < 2) return found.length === 0 ? none : found;
    return [...new Set(found)].sort((a, b) => a - b);
  }

  /** The records a line names by any key rule, its own keys or its details'. */
  namedByAny(line: StatementLine): readonly number[] {
    const found = new Set<number>();
    for (const rule of keyRules) {
      for (const index of this.named(rule, [line])) found.add(index);
      for (const index of this.named(rule, line.details)) found.add(index);
    }
    return [...found].sort((a, b) => a - b);
  }

  /**
   * The one record a detail of a batch line names: the first rule whose keys name exactly one record decides;
   * `undefined` when no rule names one, or when the first rule that names any names several.
   */
  recordOfDetail(detail: Keys): number | undefined {
    for (const rule of keyRules) {
      const named = this.named(rule, [detail]);
      if (named.length === 1) return named[0];
      if (named.length > 1) return undefined;
    }
    return undefined;
  }
}

function add(index: Map<string, number[]>, key: string | undefined, recordIndex: number): void {
  if (key === undefined || key === "") return;
  const list = index.get(key);
  if (list === undefined) index.set(key, [recordIndex]);
  else list.push(recordIndex);
}

function pushAll(found: number[], index: Map<string, number[]>, key: string | undefined): void {
  if (key === undefined || key === "") return;
  const list = index.get(key);
  if (list !== undefined) found.push(...list);
}
