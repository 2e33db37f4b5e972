import { expect } from "chai";
import { differenceIdOf, reconciliationKind, type ReconciliationState } from "../../actors/reconciliation/index.js";
import {
  matchesDifference,
  newDifferenceDirectory,
  type DifferenceDirectory,
  type DifferenceEntry,
} from "../../read-models/difference-directory.js";
import { newStatementDirectory } from "../../read-models/statement-directory.js";
import type { PublishedEvent } from "../../read-models/view-directory.js";
import { isRejection } from "../../runtime/actor-kind.js";
import type { Json, JsonObject } from "../../runtime/json.js";

const accountId = "BANKA:A1";
const date = "2026-12-07";
const actorId = `${accountId}:${date}`;
const key = { accountId, date };
const start = Date.parse("2026-12-08T06:00:00Z");
const reconciler = "system:reconciler";
const effect = "system:effect";
const digit = (d: string) => d.repeat(64);

const missingInEngine = { class: "missingInEngine", lines: [4], records: [], amount: "1500.25", detail: "line 4" };
const missingAtBank = { class: "missingAtBank", lines: [], records: ["entry:E-9"], amount: "-200", detail: "E-9" };
const amountDiffers = { class: "amountDiffers", lines: [6], records: ["entry:E-6"], amount: "50000", detail: "6" };
const closing = { class: "closingBalanceDiffers", lines: [], records: [], amount: "1300.25", detail: "closing" };
const idOf = (d: { class: string; lines: number[]; records: string[] }) =>
  differenceIdOf(key, d.class as "missingAtBank", d.lines, d.records);

function report(inputs: string, differences: Json[]): Record<string, Json> {
  return {
    statementVersion: digit("a"),
    statementId: "STMT-1",
    inputsDigest: digit(inputs),
    currency: "EUR",
    matched: { serial: 3 },
    pendingLines: 0,
    lineCount: 10,
    recordCount: 9,
    differences,
  };
}

/**
 * The reconciliation actor driven as the runtime drives it (parse, decide, evolve), its events published in order to
 * a difference directory, as the events stream would deliver them.
 */
class Driven {
  state: ReconciliationState = reconciliationKind.initialState(actorId);
  readonly published: PublishedEvent[] = [];
  private now = start;

  constructor(readonly directory: DifferenceDirectory) {}

  send(type: string, payload: Record<string, Json>, principal: string): void {
    this.now += 60_000;
    const parsed = reconciliationKind.parseCommand(type, payload);
    if (!parsed.ok) throw new Error(parsed.message);
    const context = { actorId, commandId: `c${this.now}`, principal, now: this.now };
    const result = reconciliationKind.decide(this.state, parsed.command, context);
    if (isRejection(result)) throw new Error(`${type} refused: ${result.rejected.message}`);
    for (const event of result.events) {
      this.state = reconciliationKind.evolve(this.state, event);
      const published = {
        actorId,
        eventSeq: this.published.length + 1,
        commandId: context.commandId,
        recordedAt: this.now,
        event: event as JsonObject,
      };
      this.published.push(published);
      this.directory.apply(published);
    }
  }

  /** Every difference the actor holds, as the directory holds it: the same status, amount, age and outcome. */
  expectDirectoryAgrees(): void {
    for (const d of this.state.differences.values()) {
      const entry = this.directory.byId(d.differenceId);
      expect(entry, d.differenceId).to.not.equal(undefined);
      const last = d.history.at(-1)!;
      expect(summary(entry!), d.differenceId).to.deep.equal({
        class: d.class,
        amount: d.amount,
        status: d.status,
        foundAt: d.foundAt,
        explained: d.explanation !== null,
        proposal: d.proposal && { action: d.proposal.action, by: d.proposal.by },
        resolution: d.resolution && {
          action: d.resolution.action,
          by: d.resolution.by,
          confirmedBy: d.resolution.confirmedBy,
        },
        booking: d.booking?.status ?? null,
        lastChange: { change: last.change, at: last.at },
      });
    }
    expect(this.directory.size).to.equal(this.state.differences.size);
  }
}

function summary(entry: DifferenceEntry) {
  return {
    class: entry.class,
    amount: entry.amount,
    status: entry.status,
    foundAt: entry.foundAt,
    explained: entry.explained,
    proposal: entry.proposal && { action: entry.proposal.action, by: entry.proposal.by },
    resolution: entry.resolution && {
      action: entry.resolution.action,
      by: entry.resolution.by,
      confirmedBy: entry.resolution.confirmedBy,
    },
    booking: entry.booking?.status ?? null,
    lastChange: { change: entry.lastChange.change, at: entry.lastChange.at },
  };
}

describe("difference directory (the differences read model)", () => {
  it("folds every kind of change into the status, amount, age and outcome the actor itself holds", () => {
    const driven = new Driven(newDifferenceDirectory());
    const steps: Array<[string, Record<string, Json>, string]> = [
      ["record", report("1", [missingInEngine, missingAtBank, amountDiffers, closing]), reconciler],
      ["explain", { differenceId: idOf(missingAtBank), note: "fee not booked yet", evidence: "T-1" }, "grpc:alice"],
      [
        "resolve",
        { differenceId: idOf(missingInEngine), action: "adjust", reason: "r", approvalAbove: "1000" },
        "grpc:alice",
      ],
      ["rejectResolution", { differenceId: idOf(missingInEngine), reason: "wrong" }, "grpc:bob"],
      [
        "resolve",
        { differenceId: idOf(missingInEngine), action: "adjust", reason: "r", approvalAbove: "1000" },
        "grpc:alice",
      ],
      ["confirmResolution", { differenceId: idOf(missingInEngine), comment: "" }, "grpc:bob"],
      ["redeliver", { differenceId: idOf(missingInEngine) }, "system:reminder"],
      ["bookingFailed", { differenceId: idOf(missingInEngine), action: "adjust", reason: "closed" }, effect],
      ["adjustmentBooked", { differenceId: idOf(missingInEngine) }, effect],
      [
        "resolve",
        { differenceId: idOf(missingAtBank), action: "noBooking", reason: "r", approvalAbove: "1000" },
        "grpc:carol",
      ],
      [
        "resolve",
        { differenceId: idOf(amountDiffers), action: "adjust", reason: "r", approvalAbove: "1000" },
        "grpc:alice",
      ],
      // Run 2: amountDiffers with another amount (its proposal withdrawn); the closing balance agrees (cleared).
      ["record", report("2", [missingInEngine, missingAtBank, { ...amountDiffers, amount: "49000" }]), reconciler],
      // Run 3: the closing balance differs again (reopened).
      [
        "record",
        report("3", [missingInEngine, missingAtBank, { ...amountDiffers, amount: "49000" }, closing]),
        reconciler,
      ],
    ];
    for (const [type, payload, principal] of steps) {
      driven.send(type, payload, principal);
      driven.expectDirectoryAgrees();
    }
    const types = new Set(driven.published.map((p) => p.event["type"]));
    expect([...types].sort()).to.deep.equal(
      [
        "runRecorded",
        "differenceFound",
        "differenceUpdated",
        "differenceReopened",
        "differenceCleared",
        "differenceExplained",
        "resolutionProposed",
        "resolutionRejected",
        "differenceResolved",
        "bookingRedelivered",
        "resolutionBooked",
        "bookingFailed",
      ].sort(),
    );
    const adjusted = driven.directory.byId(idOf(missingInEngine))!;
    expect(adjusted).to.deep.include({ accountId, date, reconciliationId: actorId, currency: "EUR" });
    expect(adjusted.resolution).to.deep.include({ action: "adjust", by: "grpc:alice", confirmedBy: "grpc:bob" });
  });

  it("takes an event seen again, or an earlier one after a later, as the same: nothing changes", () => {
    const driven = new Driven(newDifferenceDirectory());
    driven.send("record", report("1", [missingInEngine, closing]), reconciler);
    driven.send("explain", { differenceId: idOf(closing), note: "n", evidence: "" }, "grpc:alice");
    const before = [...driven.directory.all()];
    for (const published of [...driven.published].reverse()) expect(driven.directory.apply(published)).to.equal(false);
    expect([...driven.directory.all()]).to.deep.equal(before);
    driven.expectDirectoryAgrees();
  });

  it("counts an event it cannot read as ignored, and tells no watcher of a booking's resend", () => {
    const directory = newDifferenceDirectory();
    const driven = new Driven(directory);
    driven.send("record", report("1", [missingInEngine]), reconciler);
    const changes: string[] = [];
    directory.subscribe((_key, entry) => changes.push(entry?.lastChange.change ?? "gone"));
    driven.send(
      "resolve",
      { differenceId: idOf(missingInEngine), action: "adjust", reason: "r", approvalAbove: "10000" },
      "grpc:alice",
    );
    driven.send("redeliver", { differenceId: idOf(missingInEngine) }, "system:reminder");
    expect(changes).to.deep.equal(["differenceResolved"]);
    const base = { actorId, commandId: "x", recordedAt: 0 };
    directory.apply({
      ...base,
      eventSeq: 100,
      event: { type: "differenceExplained", differenceId: idOf(missingInEngine) },
    });
    directory.apply({ ...base, eventSeq: 101, event: { type: "differenceExplained" } });
    directory.apply({ ...base, actorId: "not-a-reconciliation", eventSeq: 1, event: { type: "differenceFound" } });
    expect(directory.ignoredEvents).to.equal(3);
    expect(directory.byId(idOf(missingInEngine))!.status).to.equal("resolved");
  });

  it("lists by account, day and id, and filters by account, days, class and status", () => {
    const directory = newDifferenceDirectory();
    const other = `BANKB:B7:2026-12-05`;
    new Driven(directory).send("record", report("1", [missingInEngine, missingAtBank]), reconciler);
    directory.apply({
      actorId: other,
      eventSeq: 1,
      commandId: "c",
      recordedAt: 0,
      event: {
        type: "differenceFound",
        differenceId: "duplicate-0123456789abcdef",
        class: "duplicate",
        lines: [1],
        records: [],
        amount: "5.0000",
        detail: "",
        statementVersion: digit("b"),
        runNo: 1,
        by: reconciler,
        at: 1,
      },
    });
    const listed = directory.list(() => true, "", 10).views;
    expect(listed.map((d) => d.reconciliationId)).to.deep.equal([actorId, actorId, other]);
    expect(listed.at(-1)).to.deep.include({ currency: null, accountId: "BANKB:B7", date: "2026-12-05" });
    const filter = (f: Partial<Parameters<typeof matchesDifference>[0]>) =>
      listed.filter((d) => matchesDifference({ classes: new Set(), statuses: new Set(), ...f }, d)).map((d) => d.class);
    expect(filter({ accountId: "BANKB:B7" })).to.deep.equal(["duplicate"]);
    expect(filter({ dateFrom: "2026-12-06" })).to.have.members(["missingInEngine", "missingAtBank"]);
    expect(filter({ dateTo: "2026-12-05" })).to.deep.equal(["duplicate"]);
    expect(filter({ classes: new Set(["missingAtBank", "duplicate"] as const) })).to.have.members([
      "missingAtBank",
      "duplicate",
    ]);
    expect(filter({ statuses: new Set(["resolved"] as const) })).to.deep.equal([]);
  });
});

describe("statement directory (statements imported per account)", () => {
  const registered = (eventSeq: number, toDate: string, importedAt: number): PublishedEvent => ({
    actorId: accountId,
    eventSeq,
    commandId: `c${eventSeq}`,
    recordedAt: importedAt,
    event: { type: "statementRegistered", fromDate: toDate, toDate, importedAt },
  });

  it("keeps the latest day covered and the newest import, whatever order the versions came in", () => {
    const directory = newStatementDirectory();
    directory.apply(registered(1, "2026-12-07", 1_000));
    directory.apply(registered(2, "2026-12-05", 2_000));
    directory.apply({ ...registered(3, "2026-12-05", 3_000), event: { type: "statementAlreadyKnown" } });
    expect(directory.get(accountId)).to.deep.equal({
      accountId,
      coveredTo: "2026-12-07",
      lastImportedAt: 2_000,
      versions: 2,
    });
    directory.apply({ ...registered(4, "2026-02-30", 4_000) });
    expect(directory.ignoredEvents).to.equal(1);
  });
});
