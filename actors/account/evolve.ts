import type { Decimal } from "decimal.js";
import { unreachable } from "../../runtime/assert.js";
import { Money } from "../shared/amount.js";
import type { Direction } from "./commands.js";
import type { AccountChange } from "./events.js";
import { withMovement } from "./ledger-days.js";
import type { AccountPolicy } from "./policy.js";
import { comparedStatementsKept, type AccountState } from "./state.js";

/**
 * Applies one event (its position field is not read, so `decide` can apply a change before the position exists).
 * Pure: returns a new state, copies only the collections the event changes.
 */
export function evolveAccount(state: AccountState, event: AccountChange, policy: AccountPolicy): AccountState {
  const days = policy.ledgerDaysKept;
  switch (event.type) {
    case "accountOpened":
      return {
        ...state,
        status: "open",
        profile: {
          bankCode: event.bankCode,
          accountNumber: event.accountNumber,
          currency: event.currency,
          pool: event.pool,
          overdraftLimit: new Money(event.overdraftLimit),
          countInTransitCredit: event.countInTransitCredit,
        },
      };
    case "entryRecorded":
      return withMovement(state, signed(event.direction, event.amount), event.bookingDate, days);
    case "fundsFrozen": {
      const amount = new Money(event.amount);
      return {
        ...state,
        frozen: state.frozen.plus(amount),
        freezes: withEntry(state.freezes, event.freezeId, { amount, reason: event.reason }),
      };
    }
    case "fundsUnfrozen":
      return {
        ...state,
        frozen: state.frozen.minus(new Money(event.amount)),
        freezes: without(state.freezes, event.freezeId),
        finished: state.finished.with(`freeze:${event.freezeId}`, "unfrozen"),
      };
    case "transitReserved": {
      const amount = new Money(event.amount);
      const reservations = withEntry(state.reservations, event.reservationId, {
        direction: event.direction,
        amount,
        transferId: event.transferId,
      });
      return event.direction === "debit"
        ? { ...state, inTransitDebit: state.inTransitDebit.plus(amount), reservations }
        : { ...state, inTransitCredit: state.inTransitCredit.plus(amount), reservations };
    }
    case "transitSettled":
    case "transitReleased": {
      const amount = new Money(event.amount);
      const settled = event.type === "transitSettled";
      const ended: AccountState = {
        ...state,
        reservations: without(state.reservations, event.reservationId),
        finished: state.finished.with(`reservation:${event.reservationId}`, settled ? "settled" : "released"),
        ...(event.direction === "debit"
          ? { inTransitDebit: state.inTransitDebit.minus(amount) }
          : { inTransitCredit: state.inTransitCredit.minus(amount) }),
      };
      return event.type === "transitSettled"
        ? withMovement(ended, signed(event.direction, event.amount), event.bookingDate, days)
        : ended;
    }
    case "ledgerSynced": {
      // Before ADR 014 a statement replaced the ledger: a movement of the difference, on no known day.
      const moved = withMovement(state, new Money(event.statementBalance).minus(state.ledger), undefined, days);
      return { ...moved, comparedStatements: withCompared(state, event.statementId, event.asOf.slice(0, 10)) };
    }
    case "ledgerCompared":
      return { ...state, comparedStatements: withCompared(state, event.statementId, event.asOf) };
    case "accountClosed":
      return { ...state, status: "closed" };
    default:
      return unreachable(event);
  }
}

/** An amount as it moves the ledger: credits up, debits down. */
function signed(direction: Direction, amount: string): Decimal {
  return direction === "credit" ? new Money(amount) : new Money(amount).negated();
}

/** Remembers a compared statement, forgetting the oldest beyond `comparedStatementsKept`. */
function withCompared(state: AccountState, statementId: string, day: string): ReadonlyMap<string, string> {
  const copy = new Map(state.comparedStatements);
  copy.delete(statementId);
  copy.set(statementId, day);
  for (const oldest of copy.keys()) {
    if (copy.size <= comparedStatementsKept) break;
    copy.delete(oldest);
  }
  return copy;
}

function withEntry<V>(map: ReadonlyMap<string, V>, key: string, value: V): ReadonlyMap<string, V> {
  return new Map(map).set(key, value);
}

function without<V>(map: ReadonlyMap<string, V>, key: string): ReadonlyMap<string, V> {
  const copy = new Map(map);
  copy.delete(key);
  return copy;
}
