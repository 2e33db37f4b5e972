import type { JsonObject } from "../../runtime/json.js";
import type { Direction } from "./commands.js";

/** The position as it goes out: decimal strings with 4 places (DECIMAL(20,4)). */
export interface PositionJson extends JsonObject {
  ledger: string;
  frozen: string;
  inTransitDebit: string;
  inTransitCredit: string;
  available: string;
}

/** Who the account is, on every event, so that a consumer can group and filter without state (ADR 005 §3). */
export interface AccountHeaderJson extends JsonObject {
  currency: string;
  pool: string;
  status: "open" | "closed";
}

/**
 * Every account event carries the full position after it (ADR 003 §6) and the account's header after it
 * (ADR 005 §3); `evolve` ignores both.
 */
type WithPosition<T> = T & { position: PositionJson; account: AccountHeaderJson };

export type AccountEvent = WithPosition<
  | {
      type: "accountOpened";
      bankCode: string;
      accountNumber: string;
      currency: string;
      pool: string;
      overdraftLimit: string;
      countInTransitCredit: boolean;
    }
  | {
      type: "entryRecorded";
      entryId: string;
      direction: Direction;
      amount: string;
      description: string;
      /** YYYY-MM-DD; absent in events written before booking dates (ADR 014 §2). */
      bookingDate?: string;
    }
  | { type: "fundsFrozen"; freezeId: string; amount: string; reason: string }
  | { type: "fundsUnfrozen"; freezeId: string; amount: string; reason: string }
  | { type: "transitReserved"; reservationId: string; direction: Direction; amount: string; transferId: string }
  | {
      type: "transitSettled";
      reservationId: string;
      direction: Direction;
      amount: string;
      /** The UTC day of the turn it settled in; absent in events written before booking dates. */
      bookingDate?: string;
    }
  | { type: "transitReleased"; reservationId: string; direction: Direction; amount: string; reason: string }
  /** Written before ADR 014: the statement's balance replaced the ledger. Replayed, never decided any more. */
  | {
      type: "ledgerSynced";
      statementId: string;
      asOf: string;
      statementBalance: string;
      previousLedger: string;
      difference: string;
    }
  /** A statement's balance compared with the ledger as of its day (ADR 014 §2); the ledger does not move. */
  | {
      type: "ledgerCompared";
      statementId: string;
      /** YYYY-MM-DD: the day whose end the statement's balance is of. */
      asOf: string;
      statementBalance: string;
      /** The engine's ledger at the end of `asOf`. */
      engineLedger: string;
      /** statementBalance - engineLedger. */
      difference: string;
    }
  | { type: "accountClosed"; reason: string }
>;

export type AccountEventType = AccountEvent["type"];

/** An event without its position and header: what `decide` builds and what `evolve` needs. */
export type AccountChange = AccountEvent extends infer E
  ? E extends AccountEvent
    ? Omit<E, "position" | "account">
    : never
  : never;
