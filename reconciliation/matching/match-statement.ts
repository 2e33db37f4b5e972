import { assert } from "../../runtime/assert.js";
import { RecordKeys } from "./keys.js";
import { reportLeftovers } from "./leftovers.js";
import { prepare } from "./prepare.js";
import { assembleResult } from "./result.js";
import { matchByAmountAndDate } from "./round-amount-and-date.js";
import { findBatchLines, matchBatchDetails } from "./round-batch-details.js";
import { matchByKeys, setAsideRepeatedBankReferences } from "./round-keys.js";
import { matchSumsByKey } from "./round-sums-by-key.js";
import { matchSumsInWindow } from "./round-sums-in-window.js";
import { SumSearch } from "./subset-sum.js";
import type { MatchInput, MatchResult } from "./types.js";
import { Workspace } from "./workspace.js";

/**
 * Matches one account's statement lines against the engine's records (ADR 014 §3), in rounds, each taking only
 * what the rounds before left. Pure and deterministic: the same lines and records, in any order, give the same
 * result. Throws `MatchingInputError` on malformed input, before matching anything.
 */
export function matchStatement(input: MatchInput): MatchResult {
  const prepared = prepare(input);
  const space = new Workspace(prepared, new RecordKeys(prepared.records));
  const pending = setAsidePending(space);
  setAsideRepeatedBankReferences(space);
  const batchLines = findBatchLines(space);
  matchByKeys(space, batchLines);
  matchBatchDetails(space, batchLines);
  matchByAmountAndDate(space);
  const search = new SumSearch();
  matchSumsByKey(space, search);
  assert(space.claims.size === 0, "every claim is settled by the sums by key");
  matchSumsInWindow(space, search);
  reportLeftovers(space);
  return assembleResult(space, pending, search.cut);
}

/**
 * Pending lines are listed, never matched; the records they name are kept from the amount rules, so that a payment
 * the bank has not booked yet is not paired with some other line of the same amount.
 */
function setAsidePending(space: Workspace): number[] {
  const pending: number[] = [];
  for (const { index, line } of space.lines) {
    if (line.status !== "pending") continue;
    pending.push(index);
    space.setAside(index);
    space.reserve(space.keys.namedByAny(line));
  }
  return pending;
}
