/** Matching of statement lines against the engine's records (ADR 014 §3): pure functions over the shared shapes. */
export { compareBalances, type BalanceComparison } from "./balances.js";
export { MatchingInputError } from "./errors.js";
export { matchStatement } from "./match-statement.js";
export { summarize, type MatchSummary } from "./summary.js";
export {
  dateDaysMax,
  decimalPlacesMax,
  type MatchEvidence,
  type MatchInput,
  type MatchResult,
  type MatchTolerance,
} from "./types.js";
