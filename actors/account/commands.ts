import type { Decimal } from "decimal.js";
import type { AccountProfile } from "./state.js";

export type Direction = "credit" | "debit";

/** Commands after parsing: amounts are exact decimals, every field validated (parse.ts). */
export type AccountCommand =
  | ({ readonly type: "open" } & AccountProfile)
  | {
      readonly type: "recordEntry";
      readonly entryId: string;
      readonly direction: Direction;
      readonly amount: Decimal;
      readonly currency: string;
      readonly description: string;
      /** YYYY-MM-DD; undefined: the UTC day of the turn. */
      readonly bookingDate: string | undefined;
    }
  | {
      readonly type: "freeze";
      readonly freezeId: string;
      readonly amount: Decimal;
      readonly currency: string;
      readonly reason: string;
    }
  | { readonly type: "unfreeze"; readonly freezeId: string; readonly reason: string }
  | {
      readonly type: "reserve";
      readonly reservationId: string;
      readonly direction: Direction;
      readonly amount: Decimal;
      readonly currency: string;
      readonly transferId: string;
    }
  | { readonly type: "settle"; readonly reservationId: string }
  | { readonly type: "release"; readonly reservationId: string; readonly reason: string }
  | {
      readonly type: "syncStatement";
      readonly statementId: string;
      readonly balance: Decimal;
      readonly currency: string;
      /** YYYY-MM-DD: the UTC day of the date or time the client sent. */
      readonly asOf: string;
    }
  | { readonly type: "close"; readonly reason: string }
  | { readonly type: "get" }
  /** The ledger at the end of a booking day (ADR 014 §2); a read, like `get`. */
  | { readonly type: "ledgerAsOf"; readonly date: string };

export type AccountCommandType = AccountCommand["type"];
