import type { Decimal } from "decimal.js";
import { Money } from "../shared/amount.js";
import type { JsonObject } from "../../runtime/json.js";

export interface TallyState {
  readonly total: Decimal;
  readonly additions: number;
  readonly reminded: readonly string[];
  /** `key=value` of each fulfilled request, in order. */
  readonly fulfilled: readonly string[];
}

export const initialTallyState: TallyState = { total: new Money(0), additions: 0, reminded: [], fulfilled: [] };

export function encodeTallyState(state: TallyState): JsonObject {
  return {
    total: state.total.toFixed(),
    additions: state.additions,
    reminded: [...state.reminded],
    fulfilled: [...state.fulfilled],
  };
}

export function decodeTallyState(encoded: JsonObject): TallyState {
  const { total, additions, reminded, fulfilled = [] } = encoded;
  if (
    typeof total !== "string" ||
    typeof additions !== "number" ||
    !Array.isArray(reminded) ||
    !Array.isArray(fulfilled)
  ) {
    throw new TypeError("not an encoded tally state");
  }
  return { total: new Money(total), additions, reminded: reminded.map(String), fulfilled: fulfilled.map(String) };
}
