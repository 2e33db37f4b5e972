import { Money } from "../../actors/shared/amount.js";
import type { Booking } from "../../simulator/book.js";
import { renderCamt053, type DayStatement } from "../../simulator/statement.js";

/**
 * The reconciliation benchmark's day: one account's entries booked on one day, and the bank's camt.053 statement of
 * that day. Most lines name their entry by EndToEndId (matched by the entry-reference rule), every fifth carries no
 * key (NOTPROVIDED: matched by amount and date), and a fixed few are perturbed whatever the size, so that the count
 * of differences stays far below what one run may record (1,000): records with no line, lines with no record, lines
 * whose amount is a cent off.
 */

export const bankCode = "BENCH";
export const currency = "EUR";

/** How many of each perturbation a day of `lines` lines gets: none on a day too short to carry them apart. */
export interface Perturbations {
  readonly missingAtBank: number;
  readonly missingInEngine: number;
  readonly amountOff: number;
}

export interface EntryToBook {
  readonly entryId: string;
  readonly direction: "credit" | "debit";
  /** Exact, as a decimal string. */
  readonly amount: string;
}

export interface BenchDay {
  readonly accountNumber: string;
  /** What the engine books (not timed): the account's entries of the day, in order. */
  readonly entries: readonly EntryToBook[];
  /** The camt.053 file of the day, as the bank sends it. */
  readonly camt: string;
  readonly lineCount: number;
  readonly keyless: number;
  readonly perturbations: Perturbations;
}

/** A small deterministic generator (mulberry32), so that every run books and parses the same day. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Items `every` apart from `offset`, `count` of them: the perturbed items, spread through the day. */
function spread(count: number, every: number, offset: number): Set<number> {
  return new Set(Array.from({ length: count }, (_, k) => offset + k * every));
}

/**
 * `size` items: each an entry and its line, but for the perturbed ones. Item 0 is the day's funding credit, so that
 * every debit is covered; amounts are drawn to the cent from 1.00 to 10,000.00 (equal amounts happen, as in a real
 * day).
 */
export function benchDay(
  accountNumber: string,
  date: string,
  size: number,
  perturbations: Perturbations,
  seed: number,
): BenchDay {
  const random = generator(seed);
  const perturbed = perturbations.missingAtBank + perturbations.missingInEngine + perturbations.amountOff;
  const every = Math.max(1, Math.floor(size / (perturbed + 1)));
  // Offsets 1, 2, 3 within each stride: the perturbed sets never overlap, and item 0 (the funding) is never one.
  const noLine = spread(perturbations.missingAtBank, every, 1);
  const noRecord = spread(perturbations.missingInEngine, every, 2);
  const offByACent = spread(perturbations.amountOff, every, 3);
  const entries: EntryToBook[] = [];
  const bookings: Booking[] = [];
  const bookedAt = new Date(`${date}T12:00:00Z`);
  let bankBalance = new Money(0);
  let keyless = 0;
  for (let index = 0; index < size; index++) {
    const funding = index === 0;
    const direction = funding || random() < 0.6 ? "credit" : "debit";
    const amount = funding ? new Money(size).times(20_000) : new Money(1 + Math.floor(random() * 999_900)).div(100);
    const entryId = `bench-${index}`;
    if (!noRecord.has(index)) entries.push({ entryId, direction, amount: amount.toFixed(2) });
    if (noLine.has(index)) continue;
    const lineAmount = offByACent.has(index) ? amount.plus("0.01") : amount;
    const keyed = funding || index % 5 !== 4;
    if (!keyed) keyless++;
    bankBalance = direction === "credit" ? bankBalance.plus(lineAmount) : bankBalance.minus(lineAmount);
    bookings.push({
      kind: direction,
      bookedAt,
      direction: direction === "credit" ? "CRDT" : "DBIT",
      amount: lineAmount,
      balanceAfter: bankBalance,
      bankReference: `BK${seed}-${index}`,
      endToEndId: keyed ? entryId : undefined,
      counterpartyBank: undefined,
      counterpartyAccount: undefined,
    });
  }
  const statement: DayStatement = {
    bankCode,
    account: accountNumber,
    currency,
    date,
    opening: new Money(0),
    closing: bankBalance,
    bookings,
    createdAt: new Date(`${date}T23:59:59Z`),
  };
  return {
    accountNumber,
    entries,
    camt: renderCamt053(statement),
    lineCount: bookings.length,
    keyless,
    perturbations,
  };
}
