import { assert } from "../../runtime/assert.js";

/** Candidates one sum search looks at: a line against at most this many records (or a record against lines). */
export const sumCandidatesMax = 20;
/** Members of a sum at most: a batch of more is rarely booked as one line without details. */
export const sumMembersMax = 6;
/** Steps one search may take, and all searches of one matching run together: time stays bounded on any input. */
export const sumStepsPerSearchMax = 20_000;
export const sumStepsPerRunMax = 2_000_000;

export interface SumSearchLimits {
  readonly stepsPerSearchMax: number;
  readonly stepsPerRunMax: number;
}

/**
 * Exact subset sums for the sum rules, bounded: sizes from 2 up to `sumMembersMax`, fewest members first; within a
 * size, the first subset in the order of amounts (largest first, then the candidates' own order). Amounts are exact
 * integers, so a sum either is the target or is not. When a bound stops a search, `cut` says so: the answer was
 * "none found", never a wrong match.
 */
export class SumSearch {
  private stepsLeftInRun: number;
  cut = false;

  constructor(
    private readonly limits: SumSearchLimits = {
      stepsPerSearchMax: sumStepsPerSearchMax,
      stepsPerRunMax: sumStepsPerRunMax,
    },
  ) {
    this.stepsLeftInRun = limits.stepsPerRunMax;
  }

  /** Whether the run's steps are all spent: every further search would answer nothing. */
  get spent(): boolean {
    return this.stepsLeftInRun <= 0;
  }

  /** Records that searches were skipped because the run's steps were spent. */
  skipped(): void {
    this.cut = true;
  }

  /** Positions in `amounts` of the subset found, ascending; `undefined` when none was found. */
  find(amounts: readonly bigint[], target: bigint): number[] | undefined {
    if (amounts.length < 2) return undefined;
    const order = amounts.map((_, position) => position).sort((a, b) => compareDescending(amounts, a, b));
    const values = chosen(amounts, order);
    const prefix = prefixSums(values);
    const state: SearchState = {
      values,
      prefix,
      picked: [],
      stepsLeft: Math.min(this.limits.stepsPerSearchMax, this.stepsLeftInRun),
    };
    const stepsAtStart = state.stepsLeft;
    let found: number[] | undefined;
    for (let size = 2; size <= Math.min(sumMembersMax, values.length) && found === undefined; size += 1) {
      if (pick(state, 0, size, target)) found = chosen(order, state.picked).sort((a, b) => a - b);
      if (state.stepsLeft < 0) break;
    }
    this.stepsLeftInRun -= stepsAtStart - Math.max(state.stepsLeft, 0);
    if (found === undefined && state.stepsLeft < 0) this.cut = true;
    return found;
  }
}

/** The items at the positions a search answered, in the positions' order. */
export function chosen<T>(items: readonly T[], positions: readonly number[]): T[] {
  return positions.map((position) => {
    const item = items[position];
    assert(item !== undefined, `a sum search answered position ${position} of ${items.length}`);
    return item;
  });
}

interface SearchState {
  readonly values: readonly bigint[];
  /** prefix[i] = values[0] + ... + values[i - 1]. */
  readonly prefix: readonly bigint[];
  readonly picked: number[];
  stepsLeft: number;
}

/** Picks `need` more values from `start` on summing to `remaining`, pruning by the largest and smallest sums left. */
function pick(state: SearchState, start: number, need: number, remaining: bigint): boolean {
  if (need === 0) return remaining === 0n;
  const { values, prefix } = state;
  const count = values.length;
  const smallestTail = at(prefix, count) - at(prefix, count - need + 1);
  for (let i = start; i <= count - need; i += 1) {
    const value = at(values, i);
    // The same value at the same depth leads to the same sums: try it once.
    if (i > start && value === at(values, i - 1)) continue;
    state.stepsLeft -= 1;
    if (state.stepsLeft < 0) return false;
    // Values only get smaller from here: when the largest sum reachable falls short, no later start reaches it.
    if (at(prefix, i + need) - at(prefix, i) < remaining) return false;
    if (value + smallestTail > remaining) continue;
    state.picked.push(i);
    if (pick(state, i + 1, need - 1, remaining - value)) return true;
    state.picked.pop();
  }
  return false;
}

function compareDescending(amounts: readonly bigint[], a: number, b: number): number {
  const left = at(amounts, a);
  const right = at(amounts, b);
  if (left === right) return a - b;
  return left > right ? -1 : 1;
}

function prefixSums(values: readonly bigint[]): bigint[] {
  const prefix = [0n];
  for (const value of values) prefix.push(at(prefix, prefix.length - 1) + value);
  return prefix;
}

function at(values: readonly bigint[], position: number): bigint {
  const value = values[position];
  assert(value !== undefined, `no value at ${position}`);
  return value;
}
