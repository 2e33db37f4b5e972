import { Money, formatAmount } from "../actors/shared/amount.js";
import { assert } from "../runtime/assert.js";
import { truncateText } from "../runtime/text.js";
import type { JsonObject } from "../runtime/json.js";
import { signedAmount } from "./day-inputs.js";
import type { FoundDifference, MatchRule, StatementLine } from "./model.js";
import type { StatementVersionInfo } from "./statement-choice.js";

/** The reconciliation actor takes details of at most this many characters (actors/reconciliation/parse.ts). */
const detailCharactersMax = 1_000;

/** What a run sends the reconciliation actor as `record` (actors/reconciliation/commands.ts RunReport). */
export interface RunRecordInput {
  readonly statement: StatementVersionInfo;
  readonly inputsDigest: string;
  readonly matched: Readonly<Record<MatchRule, number>>;
  readonly dayLines: readonly StatementLine[];
  readonly pendingLines: number;
  readonly recordCount: number;
  readonly differences: readonly FoundDifference[];
}

/**
 * The `record` payload. Line numbers are the statement's, so `lineCount` is the whole statement's, not the day's.
 * Each difference that names lines carries what they booked (`lineEffect`): a person may settle a transfer with it.
 */
export function runRecordPayload(input: RunRecordInput): JsonObject {
  const lines = new Map(input.dayLines.map((line) => [line.lineNo, line]));
  return {
    statementVersion: input.statement.digest,
    statementId: input.statement.statementId,
    inputsDigest: input.inputsDigest,
    currency: input.statement.currency,
    matched: { ...input.matched },
    pendingLines: input.pendingLines,
    lineCount: input.statement.lineCount,
    recordCount: input.recordCount,
    differences: input.differences.map((d) => ({
      class: d.class,
      lines: [...d.lines],
      records: [...d.records],
      amount: formatAmount(d.amount),
      detail: truncateText(d.detail, detailCharactersMax),
      ...(d.lines.length > 0 && { lineEffect: formatAmount(lineEffectOf(d, lines)) }),
    })),
  };
}

function lineEffectOf(d: FoundDifference, lines: ReadonlyMap<number, StatementLine>) {
  return d.lines.reduce((sum, lineNo) => {
    const line = lines.get(lineNo);
    assert(line !== undefined, `difference ${d.class} names line ${lineNo}, which is not a line of the day`);
    return sum.plus(signedAmount(line));
  }, new Money(0));
}
