import { unreachable } from "../../runtime/assert.js";
import { Money } from "../shared/amount.js";
import type { AccountChange } from "./events.js";
import { finishedIdsKept, type AccountState, type Finished } from "./state.js";

/**
 * Applies one event (its position field is not read, so `decide` can apply a change before the position exists).
 * Pure: returns a new state, copies only the collections the event changes.
 */
export function evolveAccount(state: AccountState, event: AccountChange): AccountState {
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
    case "entryRecorded": {
      const amount = new Money(event.amount);
      return {
        ...state,
        ledger: event.direction === "credit" ? state.ledger.plus(amount) : state.ledger.minus(amount),
      };
    }
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
        finished: withFinished(state.finished, `freeze:${event.freezeId}`, "unfrozen"),
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
      const common = {
        reservations: without(state.reservations, event.reservationId),
        finished: withFinished(state.finished, `reservation:${event.reservationId}`, settled ? "settled" : "released"),
      };
      if (event.direction === "debit") {
        return {
          ...state,
          ...common,
          inTransitDebit: state.inTransitDebit.minus(amount),
          ledger: settled ? state.ledger.minus(amount) : state.ledger,
        };
      }
      return {
        ...state,
        ...common,
        inTransitCredit: state.inTransitCredit.minus(amount),
        ledger: settled ? state.ledger.plus(amount) : state.ledger,
      };
    }
    case "ledgerSynced":
      return {
        ...state,
        ledger: new Money(event.statementBalance),
        lastStatement: { statementId: event.statementId, asOf: event.asOf },
      };
    case "accountClosed":
      return { ...state, status: "closed" };
    default:
      return unreachable(event);
  }
}

function withEntry<V>(map: ReadonlyMap<string, V>, key: string, value: V): ReadonlyMap<string, V> {
  return new Map(map).set(key, value);
}

function without<V>(map: ReadonlyMap<string, V>, key: string): ReadonlyMap<string, V> {
  const copy = new Map(map);
  copy.delete(key);
  return copy;
}

/** Remembers how an id ended, forgetting the oldest beyond `finishedIdsKept`. */
function withFinished(
  finished: ReadonlyMap<string, Finished>,
  key: string,
  how: Finished,
): ReadonlyMap<string, Finished> {
  const copy = new Map(finished).set(key, how);
  for (const oldest of copy.keys()) {
    if (copy.size <= finishedIdsKept) break;
    copy.delete(oldest);
  }
  return copy;
}
