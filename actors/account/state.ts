import { RecentMap } from "../shared/recent-map.js";
import type { Decimal } from "decimal.js";
import { isJsonObject, type Json, type JsonObject } from "../../runtime/json.js";
import { formatAmount, Money } from "../shared/amount.js";
import { isBookingDay } from "../shared/booking-day.js";
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
/** Statement ids compared with the ledger that a repeat is refused for (ADR 014 §2). */
export const comparedStatementsKept = 1_000;

export interface AccountState {
  readonly status: "new" | "open" | "closed";
  readonly profile: AccountProfile | undefined;
  readonly ledger: Decimal;
  readonly frozen: Decimal;
  readonly inTransitDebit: Decimal;
  readonly inTransitCredit: Decimal;
  readonly freezes: ReadonlyMap<string, Freeze>;
  readonly reservations: ReadonlyMap<string, Reservation>;
  /** Keys `freeze:<id>` and `reservation:<id>`, oldest first, the last `finishedIdsKept`. */
  readonly finished: RecentMap<Finished>;
  /** Net signed movement of the ledger per booking day ("YYYY-MM-DD"), for the days from `oldestDayKept` on. */
  readonly ledgerDays: ReadonlyMap<string, Decimal>;
  /**
   * The first day the account gives its ledger as of (ledger-days.ts): the days before it were pruned, or may hold
   * movements without a booking date. Undefined before the first dated movement.
   */
  readonly oldestDayKept: string | undefined;
  /**
   * A movement without a booking date (a journal written before booking dates) came after the last dated one: no
   * day's ledger is known until the next dated movement.
   */
  readonly undatedMovement: boolean;
  /** Statements compared with the ledger: statement id -> the day compared; the last `comparedStatementsKept`, oldest first. */
  readonly comparedStatements: ReadonlyMap<string, string>;
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
  finished: RecentMap.empty(finishedIdsKept),
  ledgerDays: new Map(),
  oldestDayKept: undefined,
  undatedMovement: false,
  comparedStatements: new Map(),
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
const ledgerDayFields = ["day", "net"] as const;
const comparedFields = ["statementId", "asOf"] as const;

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
    // Sorted, so that the same days encode the same however the events brought them in.
    ledgerDays: encodeRows(
      ledgerDayFields,
      [...state.ledgerDays].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, net]) => [day, net.toFixed()]),
    ),
    oldestDayKept: state.oldestDayKept ?? null,
    undatedMovement: state.undatedMovement,
    comparedStatements: encodeRows(comparedFields, [...state.comparedStatements]),
  };
}

function fail(what: string): never {
  throw new TypeError(`not an encoded account state: ${what}`);
}

function text(value: Json | undefined, what: string): string {
  return typeof value === "string" ? value : fail(what);
}

/** `toFixed()` of a finite decimal: digits, a sign, a point (Decimal itself would also take "NaN" or "1e5"). */
function money(value: Json | undefined, what: string): Decimal {
  const digits = text(value, what);
  return /^-?\d+(\.\d+)?$/.test(digits) ? new Money(digits) : fail(what);
}

function day(value: Json | undefined, what: string): string {
  return isBookingDay(value) ? value : fail(what);
}

function rows(value: Json | undefined, what: string, fields: readonly string[]): Json[][] {
  return decodeRows(fields, value) ?? fail(what);
}

export function decodeAccountState(encoded: JsonObject): AccountState {
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
    finished: RecentMap.of(finishedIdsKept, rows(encoded["finished"], "finished", finishedFields).map(finishedEntry)),
    ...(encoded["ledgerDays"] === undefined ? decodeUndatedDays(encoded, status) : decodeLedgerDays(encoded)),
  };
}

type DaysOfState = Pick<AccountState, "ledgerDays" | "oldestDayKept" | "undatedMovement" | "comparedStatements">;

/** The booking days: every kept day valid, once, and not before the oldest day kept. */
function decodeLedgerDays(encoded: JsonObject): DaysOfState {
  const rawOldest = encoded["oldestDayKept"];
  const oldestDayKept = rawOldest === null ? undefined : day(rawOldest, "oldestDayKept");
  const undatedMovement = encoded["undatedMovement"];
  if (typeof undatedMovement !== "boolean") return fail("undatedMovement");
  const ledgerDays = new Map<string, Decimal>();
  for (const [rawDay, net] of rows(encoded["ledgerDays"], "ledgerDays", ledgerDayFields)) {
    const kept = day(rawDay, "ledger day");
    if (ledgerDays.has(kept)) return fail(`ledger day ${kept} twice`);
    if (oldestDayKept === undefined || kept < oldestDayKept) return fail(`ledger day ${kept} before oldestDayKept`);
    ledgerDays.set(kept, money(net, `net movement of ${kept}`));
  }
  const comparedStatements = new Map(
    rows(encoded["comparedStatements"], "comparedStatements", comparedFields).map(([id, asOf]): [string, string] => [
      text(id, "compared statement id"),
      day(asOf, "compared statement day"),
    ]),
  );
  return { ledgerDays, oldestDayKept, undatedMovement, comparedStatements };
}

/**
 * A snapshot written before booking dates: its movements have no day, as when their events are replayed, and its
 * last synced statement (an ISO date or time) counts as compared.
 */
function decodeUndatedDays(encoded: JsonObject, status: AccountState["status"]): DaysOfState {
  const statement = encoded["lastStatement"];
  if (statement === undefined) return fail("ledgerDays");
  if (statement !== null && !isJsonObject(statement)) return fail("lastStatement");
  const compared: [string, string][] = isJsonObject(statement)
    ? [[text(statement["statementId"], "statementId"), day(text(statement["asOf"], "asOf").slice(0, 10), "asOf")]]
    : [];
  return {
    ledgerDays: new Map(),
    oldestDayKept: undefined,
    undatedMovement: status !== "new",
    comparedStatements: new Map(compared),
  };
}
