import type { Decimal } from "decimal.js";
import { isJsonObject, type Json, type JsonObject } from "../../runtime/json.js";
import { formatAmount, Money } from "../shared/amount.js";
import { decodeRows, encodeRows } from "../shared/snapshot-rows.js";
import type { Direction } from "./commands.js";
import { assert } from "../../runtime/assert.js";
import type { AccountHeaderJson, PositionJson } from "./events.js";

export interface AccountProfile {
  readonly bankCode: string;
  readonly accountNumber: string;
  readonly currency: string;
  readonly pool: string;
  readonly overdraftLimit: Decimal;
  readonly countInTransitCredit: boolean;
}

export interface Freeze {
  readonly amount: Decimal;
  readonly reason: string;
}

export interface Reservation {
  readonly direction: Direction;
  readonly amount: Decimal;
  readonly transferId: string;
}

/** How a freeze or reservation ended; kept for the last `finishedIdsKept` ids (ADR 003 §4). */
export type Finished = "unfrozen" | "settled" | "released";

/** The outcomes each kind of finished key (`freeze:<id>`, `reservation:<id>`) can have. */
const finishedOutcomes: Readonly<Record<"freeze" | "reservation", readonly Finished[]>> = {
  freeze: ["unfrozen"],
  reservation: ["settled", "released"],
};

export const finishedIdsKept = 1_000;

export interface AccountState {
  readonly status: "new" | "open" | "closed";
  readonly profile: AccountProfile | undefined;
  readonly ledger: Decimal;
  readonly frozen: Decimal;
  readonly inTransitDebit: Decimal;
  readonly inTransitCredit: Decimal;
  readonly freezes: ReadonlyMap<string, Freeze>;
  readonly reservations: ReadonlyMap<string, Reservation>;
  /** Keys `freeze:<id>` and `reservation:<id>`, oldest first. */
  readonly finished: ReadonlyMap<string, Finished>;
  readonly lastStatement: { readonly statementId: string; readonly asOf: string } | undefined;
}

const zero = new Money(0);

export const initialAccountState: AccountState = {
  status: "new",
  profile: undefined,
  ledger: zero,
  frozen: zero,
  inTransitDebit: zero,
  inTransitCredit: zero,
  freezes: new Map(),
  reservations: new Map(),
  finished: new Map(),
  lastStatement: undefined,
};

/** available = ledger - frozen - inTransitDebit (+ inTransitCredit unless the account excludes it). */
export function availableOf(state: AccountState): Decimal {
  const base = state.ledger.minus(state.frozen).minus(state.inTransitDebit);
  return state.profile?.countInTransitCredit === false ? base : base.plus(state.inTransitCredit);
}

export function positionOf(state: AccountState): PositionJson {
  return {
    ledger: formatAmount(state.ledger),
    frozen: formatAmount(state.frozen),
    inTransitDebit: formatAmount(state.inTransitDebit),
    inTransitCredit: formatAmount(state.inTransitCredit),
    available: formatAmount(availableOf(state)),
  };
}

/** The header of an opened account (decide only builds events for opened accounts). */
export function headerOf(state: AccountState): AccountHeaderJson {
  assert(state.profile !== undefined && state.status !== "new", "an account event needs an opened account");
  return { currency: state.profile.currency, pool: state.profile.pool, status: state.status };
}

const freezeFields = ["id", "amount", "reason"] as const;
const reservationFields = ["id", "direction", "amount", "transferId"] as const;
const finishedFields = ["key", "outcome"] as const;

export function encodeAccountState(state: AccountState): JsonObject {
  const profile = state.profile;
  return {
    status: state.status,
    profile: profile ? { ...profile, overdraftLimit: profile.overdraftLimit.toFixed() } : null,
    ledger: state.ledger.toFixed(),
    frozen: state.frozen.toFixed(),
    inTransitDebit: state.inTransitDebit.toFixed(),
    inTransitCredit: state.inTransitCredit.toFixed(),
    freezes: encodeRows(
      freezeFields,
      [...state.freezes].map(([id, freeze]) => [id, freeze.amount.toFixed(), freeze.reason]),
    ),
    reservations: encodeRows(
      reservationFields,
      [...state.reservations].map(([id, r]) => [id, r.direction, r.amount.toFixed(), r.transferId]),
    ),
    finished: encodeRows(finishedFields, [...state.finished]),
    lastStatement: state.lastStatement ? { ...state.lastStatement } : null,
  };
}

export function decodeAccountState(encoded: JsonObject): AccountState {
  const fail = (what: string): never => {
    throw new TypeError(`not an encoded account state: ${what}`);
  };
  const text = (value: Json | undefined, what: string): string => (typeof value === "string" ? value : fail(what));
  // `toFixed()` of a finite decimal: digits, a sign, a point (Decimal itself would also take "NaN" or "1e5").
  const money = (value: Json | undefined, what: string): Decimal => {
    const digits = text(value, what);
    return /^-?\d+(\.\d+)?$/.test(digits) ? new Money(digits) : fail(what);
  };
  const rows = (value: Json | undefined, what: string, fields: readonly string[]): Json[][] =>
    decodeRows(fields, value) ?? fail(what);
  const direction = (value: Json | undefined): Direction =>
    value === "credit" || value === "debit" ? value : fail("reservation direction");
  const finishedEntry = ([key, how]: Json[]): [string, Finished] => {
    const name = text(key, "finished key");
    const outcomes = finishedOutcomes[name.startsWith("freeze:") ? "freeze" : "reservation"];
    return [name, outcomes.find((outcome) => outcome === how) ?? fail(`finished outcome of ${name}`)];
  };
  const status = encoded["status"];
  if (status !== "new" && status !== "open" && status !== "closed") return fail("status");
  // An opened account has its profile; a new one has none.
  const rawProfile = encoded["profile"];
  if (status === "new" ? rawProfile !== null : !isJsonObject(rawProfile)) return fail("profile");
  let profile: AccountProfile | undefined;
  if (isJsonObject(rawProfile)) {
    const countInTransitCredit = rawProfile["countInTransitCredit"];
    profile = {
      bankCode: text(rawProfile["bankCode"], "bankCode"),
      accountNumber: text(rawProfile["accountNumber"], "accountNumber"),
      currency: text(rawProfile["currency"], "currency"),
      pool: text(rawProfile["pool"], "pool"),
      overdraftLimit: money(rawProfile["overdraftLimit"], "overdraftLimit"),
      countInTransitCredit:
        typeof countInTransitCredit === "boolean" ? countInTransitCredit : fail("countInTransitCredit"),
    };
  }
  const statement = encoded["lastStatement"];
  if (statement !== null && !isJsonObject(statement)) return fail("lastStatement");
  return {
    status,
    profile,
    ledger: money(encoded["ledger"], "ledger"),
    frozen: money(encoded["frozen"], "frozen"),
    inTransitDebit: money(encoded["inTransitDebit"], "inTransitDebit"),
    inTransitCredit: money(encoded["inTransitCredit"], "inTransitCredit"),
    freezes: new Map(
      rows(encoded["freezes"], "freezes", freezeFields).map(([id, amount, reason]) => [
        text(id, "freeze id"),
        { amount: money(amount, "freeze amount"), reason: text(reason, "freeze reason") },
      ]),
    ),
    reservations: new Map(
      rows(encoded["reservations"], "reservations", reservationFields).map(([id, rawDirection, amount, transferId]) => [
        text(id, "reservation id"),
        {
          direction: direction(rawDirection),
          amount: money(amount, "reservation amount"),
          transferId: text(transferId, "transferId"),
        },
      ]),
    ),
    finished: new Map(rows(encoded["finished"], "finished", finishedFields).map(finishedEntry)),
    lastStatement: isJsonObject(statement)
      ? { statementId: text(statement["statementId"], "statementId"), asOf: text(statement["asOf"], "asOf") }
      : undefined,
  };
}
