import type { Decimal } from "decimal.js";
import { Money } from "../../actors/shared/amount.js";
import { assert, InvariantViolation } from "../../runtime/assert.js";
import type { BookingDirection, DifferenceClass, MatchRule } from "../model.js";
import type { KeyRule, RecordKeys } from "./keys.js";
import type { Prepared, PreparedLine, PreparedRecord } from "./prepare.js";

/** A line a key rule named records for, left for the sum rules because no named record agreed in amount. */
export interface Claim {
  readonly rule: KeyRule | "batchDetails";
  /** Record indices the line's keys name, in record order. */
  readonly named: readonly number[];
}

/** A match as the rounds make it: positions, turned into line numbers and record ids at the end. */
export interface FoundMatch {
  readonly rule: MatchRule;
  readonly lines: readonly number[];
  readonly records: readonly number[];
}

/** A difference as the rounds find it: positions, turned into line numbers and record ids at the end. */
export interface FoundDifferenceAt {
  readonly class: DifferenceClass;
  readonly lines: readonly number[];
  readonly records: readonly number[];
  readonly amount: Decimal;
  readonly detail: string;
}

/**
 * What the rounds share: which lines and records each round has taken, the claims of key rules waiting for the sum
 * rules, the records no amount rule may take, and what was found. Every line and record is taken at most once.
 */
export class Workspace {
  readonly lines: readonly PreparedLine[];
  readonly records: readonly PreparedRecord[];
  readonly matches: FoundMatch[] = [];
  readonly differences: FoundDifferenceAt[] = [];
  readonly claims = new Map<number, Claim>();
  private readonly lineTaken: boolean[];
  private readonly recordTaken: boolean[];
  /** Named by a pending line or a claim: left to the key and sum rules, never paired by amount alone. */
  private readonly recordReserved: boolean[];

  constructor(
    readonly prepared: Prepared,
    readonly keys: RecordKeys,
  ) {
    this.lines = prepared.lines;
    this.records = prepared.records;
    this.lineTaken = new Array<boolean>(this.lines.length).fill(false);
    this.recordTaken = new Array<boolean>(this.records.length).fill(false);
    this.recordReserved = new Array<boolean>(this.records.length).fill(false);
  }

  /** Booked, not taken, not claimed: a line the next round may take. */
  lineIsOpen(line: number): boolean {
    return !this.lineTaken[line] && !this.claims.has(line);
  }

  recordIsOpen(record: number): boolean {
    return !this.recordTaken[record];
  }

  /** A record the amount rules may take: open, booked on the engine's ledger and named by no line still waiting. */
  recordIsFreeForAmounts(record: number): boolean {
    return !this.recordTaken[record] && !this.recordReserved[record] && this.recordAt(record).record.booked;
  }

  lineAt(line: number): PreparedLine {
    const found = this.lines[line];
    assert(found !== undefined, `no line at position ${line}`);
    return found;
  }

  recordAt(record: number): PreparedRecord {
    const found = this.records[record];
    assert(found !== undefined, `no record at position ${record}`);
    return found;
  }

  /** Takes a line out of matching without a match or difference (a pending line). */
  setAside(line: number): void {
    this.take(line, []);
  }

  reserve(records: readonly number[]): void {
    for (const record of records) this.recordReserved[record] = true;
  }

  claim(line: number, claim: Claim): void {
    assert(this.lineIsOpen(line), `line at ${line} claimed twice`);
    this.claims.set(line, claim);
    this.reserve(claim.named);
  }

  match(rule: MatchRule, lines: readonly number[], records: readonly number[]): void {
    this.take(lines, records);
    this.matches.push({ rule, lines: sorted(lines), records: sorted(records) });
  }

  differ(kind: DifferenceClass, lines: readonly number[], records: readonly number[], detail: string): void {
    this.take(lines, records);
    this.differences.push({
      class: kind,
      lines: sorted(lines),
      records: sorted(records),
      amount: this.differenceAmount(kind, lines, records),
      detail,
    });
  }

  /**
   * A later line naming records already taken: takes the line only; the difference lists the records it names.
   */
  duplicate(line: number, named: readonly number[], detail: string): void {
    this.take(line, []);
    this.differences.push({
      class: "duplicate",
      lines: [line],
      records: sorted(named),
      amount: this.differenceAmount("duplicate", [line], []),
      detail,
    });
  }

  /** Same direction and amounts no further apart than the tolerance. */
  agrees(line: number, record: number): boolean {
    const one = this.lineAt(line);
    const other = this.recordAt(record);
    return (
      one.line.direction === other.record.direction && distance(one.units, other.units) <= this.prepared.toleranceUnits
    );
  }

  private take(lines: number | readonly number[], records: readonly number[]): void {
    for (const line of typeof lines === "number" ? [lines] : lines) {
      assert(this.lines[line] !== undefined && !this.lineTaken[line], `line at ${line} absent or taken twice`);
      this.lineTaken[line] = true;
      this.claims.delete(line);
    }
    for (const record of records) {
      assert(
        this.records[record] !== undefined && !this.recordTaken[record],
        `record at ${record} absent or taken twice`,
      );
      this.recordTaken[record] = true;
    }
  }

  /** Statement minus engine, as the ledger would have to move to close the difference (ADR 014 §3). */
  private differenceAmount(kind: DifferenceClass, lines: readonly number[], records: readonly number[]): Decimal {
    const statement = total(lines.map((line) => signed(this.lineAt(line).line)));
    const engine = total(records.map((record) => signed(this.recordAt(record).record)));
    switch (kind) {
      case "amountDiffers":
        return statement.minus(engine);
      case "duplicate":
      case "missingInEngine":
        return statement;
      case "missingAtBank":
        return engine.negated();
      case "openingBalanceDiffers":
      case "closingBalanceDiffers":
        throw new InvariantViolation(`${kind} is not made by matching`);
    }
  }
}

/** A movement's effect on the account: credits add, debits take away. */
export function signed(movement: { readonly direction: BookingDirection; readonly amount: Decimal }): Decimal {
  const amount = new Money(movement.amount);
  return movement.direction === "credit" ? amount : amount.negated();
}

/** The sum of effects; a single effect as it is (most differences name one line or one record). */
function total(effects: readonly Decimal[]): Decimal {
  if (effects.length === 1 && effects[0] !== undefined) return effects[0];
  return effects.reduce((sum, effect) => sum.plus(effect), new Money(0));
}

export function distance(a: bigint, b: bigint): bigint {
  return a > b ? a - b : b - a;
}

function sorted(positions: readonly number[]): number[] {
  return [...positions].sort((a, b) => a - b);
}
