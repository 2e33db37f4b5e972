import type { Decimal } from "decimal.js";
import type { DecideContext, DecideResult, Rejection } from "../../runtime/actor-kind.js";
import { assert, unreachable } from "../../runtime/assert.js";
import { fitsAmount, formatAmount } from "../shared/amount.js";
import { bookingDayOf } from "../shared/booking-day.js";
import type { AccountCommand } from "./commands.js";
import type { AccountChange, AccountEvent } from "./events.js";
import { evolveAccount } from "./evolve.js";
import { accountIdOf } from "./id.js";
import { bookingDaysOpen, ledgerAsOf } from "./ledger-days.js";
import type { AccountPolicy } from "./policy.js";
import { reject, type AccountRejectionCode } from "./rejections.js";
import { availableOf, headerOf, positionOf, type AccountState, type Finished } from "./state.js";
import type { AccountReply, AccountView, LedgerAsOfReply } from "./view.js";

type Result = DecideResult<AccountEvent, AccountRejectionCode>;
type Refusal = Rejection<AccountRejectionCode>;

/**
 * The account's rules (ADR 003). Pure: no I/O, and the clock only as the turn's `now` (the day entries and
 * settlements are booked on); a rejection changes nothing.
 */
export function decideAccount(
  state: AccountState,
  command: AccountCommand,
  context: Pick<DecideContext, "actorId" | "now" | "principal">,
  policy: AccountPolicy,
): Result {
  if (command.type === "get") return { events: [], reply: describe(state) };
  if (state.status === "new" && command.type !== "open")
    return reject("account_not_open", `account ${context.actorId} has not been opened`);
  // A closed account's past days are still read: its last statements are reconciled after it closed.
  if (command.type === "ledgerAsOf") return answerLedgerAsOf(state, command.date);
  if (state.status === "closed") return reject("account_closed", "the account is closed");
  const accept = (body: AccountChange): Result => accepted(state, body, policy);
  const today = bookingDayOf(context.now);
  switch (command.type) {
    case "open":
      if (state.status === "open")
        return reject(
          "account_already_open",
          `the account is already open (${state.profile?.currency ?? ""}, pool ${state.profile?.pool ?? ""})`,
        );
      if (context.actorId !== accountIdOf(command.bankCode, command.accountNumber)) {
        return reject(
          "account_id_mismatch",
          `account ${context.actorId} must be opened with its own bank code and number (${accountIdOf(command.bankCode, command.accountNumber)})`,
        );
      }
      return accept({
        type: "accountOpened",
        bankCode: command.bankCode,
        accountNumber: command.accountNumber,
        currency: command.currency,
        pool: command.pool,
        overdraftLimit: formatAmount(command.overdraftLimit),
        countInTransitCredit: command.countInTransitCredit,
      });
    case "recordEntry":
      return (
        reservedEntryId(command.entryId, context.principal) ??
        currencyMismatch(state, command.currency) ??
        bookingDateOutsideWindow(state, command.bookingDate, today, policy) ??
        accept({
          type: "entryRecorded",
          entryId: command.entryId,
          direction: command.direction,
          amount: formatAmount(command.amount),
          description: command.description,
          bookingDate: command.bookingDate ?? today,
        })
      );
    case "freeze":
      if (state.freezes.has(command.freezeId))
        return reject("freeze_exists", `freeze ${command.freezeId} is already active`);
      if (state.finished.has(`freeze:${command.freezeId}`))
        return reject("freeze_id_used", `freeze id ${command.freezeId} was used before`);
      return (
        currencyMismatch(state, command.currency) ??
        coveredByAvailable(state, command.amount, "freeze") ??
        accept({
          type: "fundsFrozen",
          freezeId: command.freezeId,
          amount: formatAmount(command.amount),
          reason: command.reason,
        })
      );
    case "unfreeze": {
      const freeze = state.freezes.get(command.freezeId);
      if (!freeze) return finishedOrMissing(state, "freeze", command.freezeId);
      return accept({
        type: "fundsUnfrozen",
        freezeId: command.freezeId,
        amount: formatAmount(freeze.amount),
        reason: command.reason,
      });
    }
    case "reserve":
      if (state.reservations.has(command.reservationId) || state.finished.has(`reservation:${command.reservationId}`)) {
        return reject("reservation_exists", `reservation ${command.reservationId} exists or existed`);
      }
      return (
        currencyMismatch(state, command.currency) ??
        (command.direction === "debit" ? coveredByAvailable(state, command.amount, "debit reservation") : undefined) ??
        accept({
          type: "transitReserved",
          reservationId: command.reservationId,
          direction: command.direction,
          amount: formatAmount(command.amount),
          transferId: command.transferId,
        })
      );
    case "settle":
    case "release": {
      const reservation = state.reservations.get(command.reservationId);
      if (!reservation) return finishedOrMissing(state, "reservation", command.reservationId);
      const fields = {
        reservationId: command.reservationId,
        direction: reservation.direction,
        amount: formatAmount(reservation.amount),
      };
      return command.type === "settle"
        ? accept({ type: "transitSettled", ...fields, bookingDate: today })
        : accept({ type: "transitReleased", ...fields, reason: command.reason });
    }
    case "syncStatement":
      return compareStatement(state, command, accept);
    case "close":
      if (state.freezes.size > 0 || state.reservations.size > 0 || !state.ledger.isZero()) {
        return reject("account_not_empty", "close needs a zero ledger and no freeze or reservation", {
          position: positionOf(state),
        });
      }
      return accept({ type: "accountClosed", reason: command.reason });
    default:
      return unreachable(command);
  }
}

function accepted(state: AccountState, body: AccountChange, policy: AccountPolicy): Result {
  const next = evolveAccount(state, body, policy);
  const outOfRange = [next.ledger, next.frozen, next.inTransitDebit, next.inTransitCredit, availableOf(next)].some(
    (value) => !fitsAmount(value),
  );
  if (outOfRange)
    return reject("amount_out_of_range", "the position would leave the DECIMAL(20,4) range (|x| < 10^16)");
  const position = positionOf(next);
  const reply: AccountReply = { position };
  return { events: [{ ...body, position, account: headerOf(next) } as AccountEvent], reply };
}

/**
 * A statement's balance against the ledger as of its day (ADR 014 §2): recorded as `ledgerCompared`, the ledger
 * unchanged. Any day inside the window may be compared, in any order; a statement id only once.
 */
function compareStatement(
  state: AccountState,
  command: Extract<AccountCommand, { type: "syncStatement" }>,
  accept: (body: AccountChange) => Result,
): Result {
  const compared = state.comparedStatements.get(command.statementId);
  if (compared !== undefined)
    return reject(
      "statement_already_compared",
      `statement ${command.statementId} was compared already (as of ${compared})`,
    );
  const mismatch = currencyMismatch(state, command.currency);
  if (mismatch) return mismatch;
  const asOf = ledgerAsOf(state, command.asOf);
  if ("rejected" in asOf) return asOf;
  return accept({
    type: "ledgerCompared",
    statementId: command.statementId,
    asOf: command.asOf,
    statementBalance: formatAmount(command.balance),
    engineLedger: formatAmount(asOf.ledger),
    difference: formatAmount(command.balance.minus(asOf.ledger)),
  });
}

/** The reply to `ledgerAsOf`: no events, the ledger at the end of the day or the refusal. */
function answerLedgerAsOf(state: AccountState, date: string): Result {
  const asOf = ledgerAsOf(state, date);
  if ("rejected" in asOf) return asOf;
  const reply: LedgerAsOfReply = {
    date,
    ledger: formatAmount(asOf.ledger),
    bookedAfter: formatAmount(asOf.bookedAfter),
  };
  return { events: [], reply };
}

/** An entry's own booking date must fall in the days open to booking (ledger-days.ts); the default always does. */
function bookingDateOutsideWindow(
  state: AccountState,
  bookingDate: string | undefined,
  today: string,
  policy: AccountPolicy,
): Refusal | undefined {
  if (bookingDate === undefined) return undefined;
  const open = bookingDaysOpen(state, today, policy.ledgerDaysKept);
  if (bookingDate > open.last)
    return reject(
      "booking_date_too_far_ahead",
      `booking date ${bookingDate} is after ${open.last}, the latest day an entry may be booked on now (today is ${today}, UTC)`,
    );
  if (bookingDate < open.first)
    return reject(
      "booking_date_beyond_retention",
      `booking date ${bookingDate} is before ${open.first}, the oldest day the account books on now`,
      { oldestBookingDay: open.first },
    );
  return undefined;
}

/**
 * Entry ids the engine books under its own names: a transfer's reversal and resolved credit (`transfer:<id>:<step>`,
 * by the transfer) and a reconciliation's adjustment (`adjustment:<differenceId>`, by the reconciliation). Reconciliation
 * reads them as what they are (a transfer step, an approved correction), so an upstream system may not use them.
 */
const reservedEntryPrefixes: ReadonlyArray<readonly [prefix: string, principalPrefix: string]> = [
  ["transfer:", "system:transfer:"],
  ["adjustment:", "system:reconciliation:"],
];

function reservedEntryId(entryId: string, principal: string): Refusal | undefined {
  for (const [prefix, principalPrefix] of reservedEntryPrefixes) {
    if (entryId.startsWith(prefix) && !principal.startsWith(principalPrefix))
      return reject("entry_id_reserved", `entry ids starting with "${prefix}" are the engine's own; use another id`);
  }
  return undefined;
}

function currencyMismatch(state: AccountState, currency: string): Refusal | undefined {
  const own = state.profile?.currency;
  return own === currency ? undefined : reject("currency_mismatch", `the account holds ${own ?? "?"}, not ${currency}`);
}

function coveredByAvailable(state: AccountState, amount: Decimal, what: string): Refusal | undefined {
  const limit = state.profile?.overdraftLimit.negated();
  const after = availableOf(state).minus(amount);
  if (limit === undefined || after.greaterThanOrEqualTo(limit)) return undefined;
  return reject(
    "insufficient_available",
    `a ${what} of ${formatAmount(amount)} would take available to ${formatAmount(after)}, below ${formatAmount(limit)}`,
    {
      available: formatAmount(availableOf(state)),
    },
  );
}

/** How each kind of id can end, and the refusal that says so (`<what>_already_<how>`). */
const alreadyFinished: Record<"freeze" | "reservation", Partial<Record<Finished, AccountRejectionCode>>> = {
  freeze: { unfrozen: "freeze_already_unfrozen" },
  reservation: { settled: "reservation_already_settled", released: "reservation_already_released" },
};

/** `<what>_already_<how>` for an id that ended recently, else `<what>_not_found`. */
function finishedOrMissing(state: AccountState, what: "freeze" | "reservation", id: string): Refusal {
  const how = state.finished.get(`${what}:${id}`);
  if (how) {
    const code = alreadyFinished[what][how];
    assert(code, `${what} ${id} cannot have been ${how}`);
    return reject(code, `${what} ${id} was ${how} already`);
  }
  return reject(
    what === "freeze" ? "freeze_not_found" : "reservation_not_found",
    `there is no ${what} ${id} on this account`,
  );
}

function describe(state: AccountState): AccountView {
  const holdings = { position: positionOf(state), freezes: state.freezes.size, reservations: state.reservations.size };
  const profile = state.profile;
  if (state.status === "new") return { status: state.status, ...holdings };
  assert(profile, "an opened account has its profile");
  return {
    status: state.status,
    bankCode: profile.bankCode,
    accountNumber: profile.accountNumber,
    currency: profile.currency,
    pool: profile.pool,
    overdraftLimit: formatAmount(profile.overdraftLimit),
    countInTransitCredit: profile.countInTransitCredit,
    ...holdings,
  };
}
