import { createHash } from "node:crypto";
import type { Decimal } from "decimal.js";
import type { MemoryEventBus } from "../../adapters/memory/memory-event-bus.js";
import { Money } from "../../actors/shared/amount.js";
import { bookingDayOf } from "../../actors/shared/booking-day.js";
import type { InternalRecord, StatementFormat, StatementLine } from "../../reconciliation/model.js";
import type { RecordSource, StatementLineStore } from "../../reconciliation/ports.js";
import type { ActorKind, DecideResult } from "../../runtime/actor-kind.js";
import { isJsonObject, type JsonObject } from "../../runtime/json.js";
import type { OutboundEvent } from "../../runtime/ports.js";

/**
 * Stand-ins for what reconciliation reads from other parts of the engine, built on the contracts they keep: the
 * statements actor's `get` reply, the line store by digest, and a records read model folded from the account events
 * of the in-process bus (entries, transfer steps from their reservations, adjustments).
 */

/** A statement version as the statements actor registers it (its `get` reply's `versions` items). */
export interface FakeVersion {
  readonly statementId: string;
  readonly version: number;
  readonly digest: string;
  readonly format: StatementFormat;
  readonly fromDate: string;
  readonly toDate: string;
  readonly currency: string;
  readonly lineCount: number;
  readonly opening: { readonly amount: string; readonly date: string } | null;
  readonly closing: { readonly amount: string; readonly date: string } | null;
  readonly importedAt: number;
}

type StatementsState = { readonly versions: readonly JsonObject[] };
type StatementsCommand = { readonly type: "get" } | { readonly type: "register"; readonly version: JsonObject };
type StatementsEvent = { readonly type: "registered"; readonly version: JsonObject };

/** The statements actor as reconciliation reads it: `get` answers the versions, oldest first; `register` adds one. */
export const fakeStatementsKind: ActorKind<StatementsState, StatementsCommand, StatementsEvent> = {
  name: "statements",
  initialState: () => ({ versions: [] }),
  parseCommand: (type, payload) => {
    if (type === "get") return { ok: true, command: { type } };
    if (type === "register" && isJsonObject(payload) && isJsonObject(payload["version"]))
      return { ok: true, command: { type, version: payload["version"] } };
    return { ok: false, code: "invalid_command", message: `no ${type}` };
  },
  decide: (state, command, context): DecideResult<StatementsEvent> =>
    command.type === "get"
      ? { events: [], reply: { accountId: context.actorId, versions: [...state.versions] } }
      : { events: [{ type: "registered", version: command.version }], reply: {} },
  evolve: (state, event) => ({ versions: [...state.versions, event.version] }),
  encodeState: (state) => ({ versions: [...state.versions] }),
  decodeState: (encoded) => ({ versions: encoded["versions"] as JsonObject[] }),
};

/** Lines by digest, as the statement line store keeps them. */
export class FakeLineStore implements StatementLineStore {
  readonly byDigest = new Map<string, StatementLine[]>();

  async putLines(digest: string, lines: readonly StatementLine[]): Promise<void> {
    if (!this.byDigest.has(digest)) this.byDigest.set(digest, [...lines]);
  }

  async lines(digest: string, lineCount: number): Promise<StatementLine[]> {
    const lines = this.byDigest.get(digest);
    if (!lines || lines.length !== lineCount) throw new Error(`the lines of ${digest} are incomplete`);
    return lines;
  }
}

/**
 * The engine's records of each account, folded from the account events on the in-process bus: `entry:<id>` (or
 * `adjustment:<differenceId>`) for an entry on its booking day, `transfer:<id>:<step>` for a transfer step from its
 * reservation (not booked, on the day it was reserved) until settled (booked, on the settlement's day).
 */
export class BusRecords implements RecordSource {
  private readonly records = new Map<string, Map<string, InternalRecord>>();
  private readonly applied = new Map<string, number>();
  /** Set to hold the model behind: events are queued, not folded, until released. */
  held: OutboundEvent[] | undefined;

  constructor(bus: MemoryEventBus) {
    bus.subscribe((event) => {
      if (event.kind !== "account") return;
      if (this.held) this.held.push(event);
      else this.fold(event);
    });
  }

  release(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const event of held) this.fold(event);
  }

  async recordsOf(accountId: string, fromDate: string, toDate: string): Promise<InternalRecord[]> {
    return [...(this.records.get(accountId)?.values() ?? [])]
      .filter((r) => r.bookingDate >= fromDate && r.bookingDate <= toDate)
      .sort((a, b) =>
        a.bookingDate === b.bookingDate ? (a.recordId < b.recordId ? -1 : 1) : a.bookingDate < b.bookingDate ? -1 : 1,
      );
  }

  async appliedThrough(accountId: string): Promise<number> {
    return this.applied.get(accountId) ?? 0;
  }

  private fold(published: OutboundEvent): void {
    const event = published.event as JsonObject & { type: string };
    const records = this.records.get(published.actorId) ?? new Map<string, InternalRecord>();
    this.records.set(published.actorId, records);
    this.applied.set(published.actorId, published.eventSeq);
    const text = (name: string) => String(event[name]);
    if (event.type === "entryRecorded") {
      const entryId = text("entryId");
      const adjustment = entryId.startsWith("adjustment:");
      const recordId = adjustment ? entryId : `entry:${entryId}`;
      records.set(recordId, record(recordId, adjustment ? "adjustment" : "entry", event, text("bookingDate"), true));
    } else if (event.type === "transitReserved") {
      const transferId = text("transferId");
      const step = text("direction") === "debit" ? "debit" : "credit";
      const recordId = `transfer:${transferId}:${step}`;
      records.set(recordId, {
        ...record(recordId, "transferStep", event, bookingDayOf(published.recordedAt), false),
        serial: `${transferId}.${step}`,
        transferId,
      });
    } else if (event.type === "transitSettled" || event.type === "transitReleased") {
      const [transferId, step] = text("reservationId").split(".") as [string, string];
      const recordId = `transfer:${transferId}:${step}`;
      const known = records.get(recordId);
      if (known && event.type === "transitSettled")
        records.set(recordId, { ...known, booked: true, bookingDate: text("bookingDate") });
      else records.delete(recordId);
    }
  }
}

function record(
  recordId: string,
  kind: InternalRecord["kind"],
  event: JsonObject,
  bookingDate: string,
  booked: boolean,
): InternalRecord {
  return {
    recordId,
    kind,
    direction: event["direction"] === "debit" ? "debit" : "credit",
    amount: new Money(String(event["amount"])),
    bookingDate,
    serial: undefined,
    bankReference: undefined,
    reference: undefined,
    booked,
    transferId: undefined,
  };
}

/** A statement line with the fields a test names; the rest empty. */
export function line(
  lineNo: number,
  direction: "credit" | "debit",
  amount: string,
  bookingDate: string,
  refs: { bankReference?: string; endToEndId?: string; status?: "booked" | "pending" } = {},
): StatementLine {
  return {
    lineNo,
    direction,
    amount: new Money(amount),
    status: refs.status ?? "booked",
    bookingDate,
    valueDate: bookingDate,
    bankReference: refs.bankReference,
    endToEndId: refs.endToEndId,
    code: undefined,
    details: [],
    place: `Ntry[${lineNo}]`,
  };
}

/** A digest for a test statement, named by `label`. */
export function digestOf(label: string): string {
  return createHash("sha256").update(label).digest("hex");
}

/** The sum of the booked lines' effects, added to `opening`: the closing a consistent statement states. */
export function closingOf(opening: string, lines: readonly StatementLine[]): Decimal {
  return lines
    .filter((l) => l.status === "booked")
    .reduce((sum, l) => (l.direction === "credit" ? sum.plus(l.amount) : sum.minus(l.amount)), new Money(opening));
}
