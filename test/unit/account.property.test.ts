import { expect } from "chai";
import type { Decimal } from "decimal.js";
import fc from "fast-check";
import { MemoryActorStore } from "../../adapters/memory/memory-actor-store.js";
import { MemoryEventBus } from "../../adapters/memory/memory-event-bus.js";
import { accountKind } from "../../actors/account/index.js";
import { decodeAccountReply, decodeAccountView, decodeLedgerAsOfReply } from "../../actors/account/view.js";
import { Money } from "../../actors/shared/amount.js";
import { addDays } from "../../actors/shared/booking-day.js";
import { ActorSystem } from "../../runtime/actor-system.js";
import type { Reply } from "../../runtime/messages.js";

const actorId = "PROP:42";
/** The turn's clock, fixed: noon UTC of `today`, so that booking days are known to the model. */
const today = "2026-11-25";
const clock = { now: () => Date.parse(`${today}T12:00:00Z`) };
/** Booking dates an entry may name: inside the window, a day ahead, too far ahead, before the window, not a date. */
const bookingDates = [
  undefined,
  addDays(today, -3),
  addDays(today, -1),
  today,
  addDays(today, 1),
  addDays(today, 2),
  "2025-01-01",
  "2026-02-30",
];
/** The days whose ledger is asked at the end: around every day an entry can be booked on. */
const askedDays = [
  addDays(today, -4),
  addDays(today, -3),
  addDays(today, -2),
  addDays(today, -1),
  today,
  addDays(today, 1),
];
const amounts = ["0.0001", "1", "10.5", "99.9999", "250", "1000", "-5", "1e3", "0"];
const ids = ["a", "b", "c"];
const currencies = ["EUR", "EUR", "EUR", "EUR", "USD"];

/** Wire commands, valid and invalid mixed, over a few ids so that settles, repeats and conflicts happen. */
const commandArbitrary = fc.oneof(
  fc.record({
    type: fc.constant("recordEntry"),
    payload: fc
      .record({
        entryId: fc.uuid(),
        direction: fc.constantFrom("credit", "debit"),
        amount: fc.constantFrom(...amounts),
        currency: fc.constantFrom(...currencies),
        bookingDate: fc.constantFrom(...bookingDates),
      })
      .map(({ bookingDate, ...entry }) => (bookingDate === undefined ? entry : { ...entry, bookingDate })),
  }),
  fc.record({
    type: fc.constant("freeze"),
    payload: fc.record({
      freezeId: fc.constantFrom(...ids),
      amount: fc.constantFrom(...amounts),
      currency: fc.constantFrom(...currencies),
      reason: fc.constant("hold"),
    }),
  }),
  fc.record({ type: fc.constant("unfreeze"), payload: fc.record({ freezeId: fc.constantFrom(...ids) }) }),
  fc.record({
    type: fc.constant("reserve"),
    payload: fc.record({
      reservationId: fc.constantFrom(...ids),
      direction: fc.constantFrom("credit", "debit"),
      amount: fc.constantFrom(...amounts),
      currency: fc.constantFrom(...currencies),
      transferId: fc.constant("t"),
    }),
  }),
  fc.record({
    type: fc.constantFrom("settle", "release"),
    payload: fc.record({ reservationId: fc.constantFrom(...ids) }),
  }),
  fc.record({
    type: fc.constant("syncStatement"),
    payload: fc.record({
      statementId: fc.uuid(),
      balance: fc.constantFrom(...amounts),
      currency: fc.constant("EUR"),
      asOf: fc.constantFrom(...askedDays),
    }),
  }),
);

/**
 * An independent model of the position, moved only by accepted commands: the actor must agree with it after
 * every step (self-consistency alone would not catch a wrong amount). It keeps every movement with its booking day.
 */
class PositionModel {
  ledger = new Money(0);
  private readonly movements: Array<{ day: string; amount: Decimal }> = [];
  frozen = new Money(0);
  inTransitDebit = new Money(0);
  inTransitCredit = new Money(0);
  private readonly freezes = new Map<string, string>();
  private readonly reservations = new Map<string, { direction: string; amount: string }>();

  accept(type: string, payload: Record<string, string>): void {
    const signed = (direction: string | undefined, amount: string) =>
      direction === "credit" ? new Money(amount) : new Money(amount).negated();
    switch (type) {
      case "recordEntry":
        this.move(signed(payload["direction"], payload["amount"]!), payload["bookingDate"] ?? today);
        return;
      case "freeze":
        this.freezes.set(payload["freezeId"]!, payload["amount"]!);
        this.frozen = this.frozen.plus(payload["amount"]!);
        return;
      case "unfreeze":
        this.frozen = this.frozen.minus(this.freezes.get(payload["freezeId"]!)!);
        this.freezes.delete(payload["freezeId"]!);
        return;
      case "reserve":
        this.reservations.set(payload["reservationId"]!, {
          direction: payload["direction"]!,
          amount: payload["amount"]!,
        });
        this.moveInTransit(payload["direction"]!, payload["amount"]!, 1);
        return;
      case "settle":
      case "release": {
        const reservation = this.reservations.get(payload["reservationId"]!)!;
        this.reservations.delete(payload["reservationId"]!);
        this.moveInTransit(reservation.direction, reservation.amount, -1);
        if (type === "settle") this.move(signed(reservation.direction, reservation.amount), today);
        return;
      }
      case "syncStatement":
        // A comparison: the ledger does not move (ADR 014 §2).
        return;
    }
  }

  /** The ledger at the end of `day`: every movement booked on it or before. */
  ledgerAsOf(day: string): string {
    return this.movements
      .filter((movement) => movement.day <= day)
      .reduce((sum, movement) => sum.plus(movement.amount), new Money(0))
      .toFixed(4);
  }

  private move(amount: Decimal, day: string): void {
    this.ledger = this.ledger.plus(amount);
    this.movements.push({ day, amount });
  }

  fields(): Record<string, string> {
    return {
      ledger: this.ledger.toFixed(4),
      frozen: this.frozen.toFixed(4),
      inTransitDebit: this.inTransitDebit.toFixed(4),
      inTransitCredit: this.inTransitCredit.toFixed(4),
    };
  }

  private moveInTransit(direction: string, amount: string, sign: 1 | -1): void {
    if (direction === "debit") this.inTransitDebit = this.inTransitDebit.plus(new Money(amount).times(sign));
    else this.inTransitCredit = this.inTransitCredit.plus(new Money(amount).times(sign));
  }
}

interface Snapshot {
  readonly position: Record<string, string>;
  readonly entrySeq: number;
}

describe("account actor properties (fast-check, memory adapters)", () => {
  it("for any command sequence: the position and the ledger as of each day match a model, available follows the formula, rejections change nothing, the journal replays to the same position", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(commandArbitrary, { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        async (commands, countInTransitCredit) => {
          const store = new MemoryActorStore();
          const bus = new MemoryEventBus();
          const system = new ActorSystem({
            kinds: [accountKind],
            store,
            publisher: bus,
            clock,
            limits: { snapshotEveryEvents: 7 },
          });
          let counter = 0;
          const send = (target: ActorSystem, type: string, payload: unknown): Promise<Reply> =>
            target.dispatch({
              kind: "account",
              actorId,
              commandId: `p-${counter++}`,
              type,
              payload,
              principal: "property",
            });
          const snapshot = async (target: ActorSystem): Promise<Snapshot> => {
            const reply = await send(target, "get", {});
            if (!reply.ok) throw new Error(`get failed: ${reply.error.code}`);
            expect(decodeAccountView(reply.result, "the view"), "the view decodes to itself").to.deep.equal(
              reply.result,
            );
            const { entrySeq } = await target.inspect({ kind: "account", actorId });
            return { position: (reply.result as { position: Record<string, string> }).position, entrySeq };
          };
          try {
            await send(system, "open", {
              bankCode: "PROP",
              accountNumber: "42",
              currency: "EUR",
              pool: "p",
              overdraftLimit: "100",
              countInTransitCredit,
            });
            const model = new PositionModel();
            for (const command of commands) {
              const before = await snapshot(system);
              const reply = await send(system, command.type, command.payload);
              const after = await snapshot(system);
              if (!reply.ok)
                expect(after, `${command.type} refused (${reply.error.code}) yet changed the account`).to.deep.equal(
                  before,
                );
              else {
                expect(decodeAccountReply(reply.result, "the reply"), "the reply decodes to itself").to.deep.equal(
                  reply.result,
                );
                model.accept(command.type, command.payload as Record<string, string>);
              }
              const p = after.position;
              expect(p, `after ${command.type}`).to.deep.include(model.fields());
              let expected = new Money(p["ledger"]!).minus(p["frozen"]!).minus(p["inTransitDebit"]!);
              if (countInTransitCredit) expected = expected.plus(p["inTransitCredit"]!);
              expect(p["available"]).to.equal(expected.toFixed(4));
            }
            const final = await snapshot(system);
            const ledgersAsOf = async (target: ActorSystem) => {
              const answers: Record<string, string> = {};
              for (const day of askedDays) {
                const reply = await send(target, "ledgerAsOf", { date: day });
                if (!reply.ok) throw new Error(`ledgerAsOf ${day} failed: ${reply.error.code}`);
                answers[day] = decodeLedgerAsOfReply(reply.result, "the ledger as of").ledger;
              }
              return answers;
            };
            const asOf = await ledgersAsOf(system);
            expect(asOf, "the ledger as of each day").to.deep.equal(
              Object.fromEntries(askedDays.map((day) => [day, model.ledgerAsOf(day)])),
            );
            const lastEvent = bus.events.filter((event) => event.actorId === actorId).at(-1);
            expect(lastEvent?.event["position"]).to.deep.equal(final.position);
            await system.stop();
            const replayed = new ActorSystem({ kinds: [accountKind], store, publisher: bus, clock });
            try {
              expect(await snapshot(replayed)).to.deep.equal(final);
              expect(await ledgersAsOf(replayed), "the same days after a replay").to.deep.equal(asOf);
            } finally {
              await replayed.stop();
            }
          } finally {
            await system.stop();
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
