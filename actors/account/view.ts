import type { Json } from "../../runtime/json.js";
import { JsonReader } from "../shared/json-reader.js";
import type { PositionJson } from "./events.js";

/** An opened account's profile as `get` shows it; the overdraft limit is a decimal string. */
export type AccountProfileView = {
  readonly bankCode: string;
  readonly accountNumber: string;
  readonly currency: string;
  readonly pool: string;
  readonly overdraftLimit: string;
  readonly countInTransitCredit: boolean;
};

type Holdings = {
  readonly position: PositionJson;
  /** Freezes and reservations active now. */
  readonly freezes: number;
  readonly reservations: number;
};

/** The view of an account that was opened (and may since have been closed). */
export type OpenedAccountView = { readonly status: "open" | "closed" } & AccountProfileView & Holdings;

/** What `get` answers (decide.ts): the profile once opened, the position, what is held. */
export type AccountView = ({ readonly status: "new" } & Holdings) | OpenedAccountView;

/** What every accepted command other than `get` answers: the position after it. */
export type AccountReply = { readonly position: PositionJson };

/** What `ledgerAsOf` answers: the ledger at the end of `date` and the net movement booked after it (ADR 014 §2). */
export type LedgerAsOfReply = {
  readonly date: string;
  readonly ledger: string;
  readonly bookedAfter: string;
};

/** An account's `get` reply as it comes back from the runtime; `source` names it for the error ("the reply of ..."). */
export function decodeAccountView(reply: Json, source: string): AccountView {
  const r = JsonReader.of(source, reply);
  const holdings: Holdings = {
    position: decodePosition(r.object("position")),
    freezes: r.integer("freezes"),
    reservations: r.integer("reservations"),
  };
  const status = r.oneOf("status", ["new", "open", "closed"] as const);
  if (status === "new") return { status, ...holdings };
  return {
    status,
    bankCode: r.text("bankCode"),
    accountNumber: r.text("accountNumber"),
    currency: r.text("currency"),
    pool: r.text("pool"),
    overdraftLimit: r.text("overdraftLimit"),
    countInTransitCredit: r.boolean("countInTransitCredit"),
    ...holdings,
  };
}

/** An account's reply to a command other than `get`. */
export function decodeAccountReply(reply: Json, source: string): AccountReply {
  return { position: decodePosition(JsonReader.of(source, reply).object("position")) };
}

/** An account's reply to `ledgerAsOf`. */
export function decodeLedgerAsOfReply(reply: Json, source: string): LedgerAsOfReply {
  const r = JsonReader.of(source, reply);
  return { date: r.text("date"), ledger: r.text("ledger"), bookedAfter: r.text("bookedAfter") };
}

function decodePosition(r: JsonReader): PositionJson {
  return {
    ledger: r.text("ledger"),
    frozen: r.text("frozen"),
    inTransitDebit: r.text("inTransitDebit"),
    inTransitCredit: r.text("inTransitCredit"),
    available: r.text("available"),
  };
}
