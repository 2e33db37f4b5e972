import { formatAmount } from "../actors/shared/amount.js";
import type { StepName } from "../actors/transfer/commands.js";
import { assert } from "../runtime/assert.js";
import type { JsonObject } from "../runtime/json.js";
import type { Logger } from "../runtime/ports.js";
import { reconcilerPrincipal, stepOf, type ReconcilerSystem } from "./actor-reads.js";
import type { MatchEvidence } from "./matching/index.js";
import type { InternalRecord, Match, StatementLine } from "./model.js";
import type { StatementVersionInfo } from "./statement-choice.js";

/**
 * What became of one piece of evidence (ADR 014 §5): the transfer took it (`delivered`), knew it already
 * (`already_known`: the step had succeeded, or this line was recorded), refused it (`refused`: the line is not that
 * step's booking, or it was never sent), or could not be asked now (`failed`: a full mailbox, a journal down).
 */
export type EvidenceOutcomeKind = "delivered" | "already_known" | "refused" | "failed";

export interface EvidenceOutcome {
  readonly transferId: string;
  readonly step: StepName;
  readonly recordId: string;
  readonly line: number;
  readonly outcome: EvidenceOutcomeKind;
  /** The transfer's or the runtime's code and sentence, for `refused` and `failed`. */
  readonly code?: string;
  readonly message?: string;
}

/** The one command id of a line's evidence: a rerun sends the same, and the transfer takes it once. */
export function evidenceCommandId(statementDigest: string, line: number): string {
  return `evidence:${statementDigest}:${line}`;
}

/** What the run read that evidence needs: the account, its statement, the day's lines, the records, the matches. */
export interface EvidenceContext {
  readonly accountId: string;
  readonly statement: StatementVersionInfo;
  readonly dayLines: readonly StatementLine[];
  readonly records: readonly InternalRecord[];
  readonly matches: readonly Match[];
}

/**
 * The transfer's `statementEvidence` for one matched line. A line matched to that step alone gives its own amount;
 * a line of a batch (or one part of a split payment) gives the record's, the step's share of what the line booked.
 */
export function evidencePayload(context: EvidenceContext, evidence: MatchEvidence): JsonObject {
  const line = context.dayLines.find((l) => l.lineNo === evidence.line);
  const record = context.records.find((r) => r.recordId === evidence.recordId);
  const match = context.matches.find((m) => m.records.includes(evidence.recordId));
  assert(line && record && match, `evidence of line ${evidence.line} names what the run did not read`);
  const step = stepOf(record);
  assert(step !== undefined, `evidence names ${record.recordId}, which is not a transfer step`);
  const single = match.lines.length === 1 && match.records.length === 1;
  return {
    step,
    accountId: context.accountId,
    direction: line.direction,
    amount: formatAmount(single ? line.amount : record.amount),
    ...(line.bankReference !== undefined && { bankReference: line.bankReference }),
    statementVersion: context.statement.digest,
    statementId: context.statement.statementId,
    line: line.lineNo,
    bookingDate: line.bookingDate,
  };
}

/**
 * Sends each piece of evidence to its transfer, one after the other, and says what became of each. A refusal is the
 * transfer's business (logged, reported), never the run's failure.
 */
export async function sendEvidence(
  system: ReconcilerSystem,
  context: EvidenceContext,
  evidence: readonly MatchEvidence[],
  logger: Logger,
): Promise<EvidenceOutcome[]> {
  const outcomes: EvidenceOutcome[] = [];
  for (const item of evidence) {
    const payload = evidencePayload(context, item);
    const record = context.records.find((r) => r.recordId === item.recordId)!;
    const transferId = record.transferId!;
    const reply = await system.dispatch({
      kind: "transfer",
      actorId: transferId,
      commandId: evidenceCommandId(context.statement.digest, item.line),
      type: "statementEvidence",
      payload,
      principal: reconcilerPrincipal,
    });
    const common = { transferId, step: stepOf(record)!, recordId: item.recordId, line: item.line };
    if (reply.ok) {
      const known = (reply.result as JsonObject)["alreadyKnown"] === true;
      outcomes.push({ ...common, outcome: known ? "already_known" : "delivered" });
      continue;
    }
    const outcome = reply.error.retryable ? "failed" : "refused";
    logger.warn("statement evidence not taken by its transfer", {
      transfer: transferId,
      line: item.line,
      code: reply.error.code,
      reason: reply.error.message,
    });
    outcomes.push({ ...common, outcome, code: reply.error.code, message: reply.error.message });
  }
  return outcomes;
}
