import type { Decimal } from "decimal.js";
import type { DecideContext, DecideResult, Rejection } from "../../runtime/actor-kind.js";
import { assert, unreachable } from "../../runtime/assert.js";
import { fitsAmount, formatAmount } from "../shared/amount.js";
import type { AccountCommand } from "./commands.js";
import type { AccountChange, AccountEvent } from "./events.js";
import { evolveAccount } from "./evolve.js";
import { accountIdOf } from "./id.js";
import { reject, type AccountRejectionCode } from "./rejections.js";
import { availableOf, headerOf, positionOf, type AccountState, type Finished } from "./state.js";
import type { AccountReply, AccountView } from "./view.js";

type Result = DecideResult<AccountEvent, AccountRejectionCode>;
type Refusal = Rejection<AccountRejectionCode>;

/** The account's rules (ADR 003). Pure: no clock, no I/O; a rejection changes nothing. */
export function decideAccount(
  state: AccountState,
  command: AccountCommand,
  context: Pick<DecideContext, "actorId">,
): Result {
  if (command.type === "get") return { events: [], reply: describe(state) };
  if (state.status === "new" && command.type !== "open")
    return reject("account_not_open", `account ${context.actorId} has not been opened`);
  if (state.status === "closed") return reject("account_closed", "the account is closed");
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
      return accept(state, {
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
        currencyMismatch(state, command.currency) ??
        accept(state, {
          type: "entryRecorded",
          entryId: command.entryId,
          direction: command.direction,
          amount: formatAmount(command.amount),
          description: command.description,
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
        accept(state, {
          type: "fundsFrozen",
          freezeId: command.freezeId,
          amount: formatAmount(command.amount),
          reason: command.reason,
        })
      );
    case "unfreeze": {
      const freeze = state.freezes.get(command.freezeId);
      if (!freeze) return finishedOrMissing(state, "freeze", command.freezeId);
      return accept(state, {
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
        accept(state, {
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
        ? accept(state, { type: "transitSettled", ...fields })
        : accept(state, { type: "transitReleased", ...fields, reason: command.reason });
    }
    case "syncStatement": {
      const last = state.lastStatement;
      if (last && command.asOf < last.asOf)
        return reject(
          "statement_out_of_order",
          `statement of ${command.asOf} is older than the last one synced (${last.asOf})`,
        );
      if (last?.statementId === command.statementId)
        return reject("statement_already_synced", `statement ${command.statementId} was synced already`);
      return (
        currencyMismatch(state, command.currency) ??
        accept(state, {
          type: "ledgerSynced",
          statementId: command.statementId,
          asOf: command.asOf,
          statementBalance: formatAmount(command.balance),
          previousLedger: formatAmount(state.ledger),
          difference: formatAmount(command.balance.minus(state.ledger)),
        })
      );
    }
    case "close":
      if (state.freezes.size > 0 || state.reservations.size > 0 || !state.ledger.isZero()) {
        return reject("account_not_empty", "close needs a zero ledger and no freeze or reservation", {
          position: positionOf(state),
        });
      }
      return accept(state, { type: "accountClosed", reason: command.reason });
    default:
      return unreachable(command);
  }
}

function accept(state: AccountState, body: AccountChange): Result {
  const next = evolveAccount(state, body);
  const outOfRange = [next.ledger, next.frozen, next.inTransitDebit, next.inTransitCredit, availableOf(next)].some(
    (value) => !fitsAmount(value),
  );
  if (outOfRange)
    return reject("amount_out_of_range", "the position would leave the DECIMAL(20,4) range (|x| < 10^16)");
  const position = positionOf(next);
  const reply: AccountReply = { position };
  return { events: [{ ...body, position, account: headerOf(next) } as AccountEvent], reply };
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
