import { expect } from "chai";
import {
  decodePullReply,
  decodeRegisterReply,
  decodeStatementPullEffect,
  decodeStatementsView,
  pullAttemptsMax,
  pullReminderKey,
  statementsKind,
  type StatementsCommand,
  type StatementsEvent,
  type StatementsState,
} from "../../actors/statements/index.js";
import type { Json, JsonObject } from "../../runtime/json.js";
import { given, sent, type DeciderTest, type SentCommand } from "../support/decider.js";

const accountId = "BANKA:A1";
const importer = "system:statements-import";
const digestOf = (n: number) => n.toString(16).padStart(64, "0");

type StatementsTest = DeciderTest<StatementsState, StatementsCommand, StatementsEvent>;

/** A register as the import sends it: statement S-1 of 2026-12-07, 3 lines, version content by `digest`. */
function registration(digest: string, change: Record<string, Json> = {}): JsonObject {
  return {
    statementId: "S-1",
    digest,
    format: "camt053",
    sequence: "17",
    fromDate: "2026-12-07",
    toDate: "2026-12-07",
    currency: "CNY",
    opening: { amount: "100.0000", date: "2026-12-07" },
    closing: { amount: "-25.5000", date: "2026-12-07" },
    lineCount: 3,
    createdAt: "2026-12-08T06:00:00Z",
    source: "upload",
    principal: "grpc:olivia",
    header: { accountNumber: "A1", bankCode: "BANKA" },
    ...change,
  };
}

function fresh(...history: SentCommand[]): StatementsTest {
  return given(
    {
      kind: statementsKind,
      actorId: accountId,
      principal: importer,
      decodeReply: (reply: Json, type: string) => {
        if (type === "get") return decodeStatementsView(reply, "the view") as unknown as Json;
        if (type === "register") return decodeRegisterReply(reply, "the reply") as unknown as Json;
        if (type === "pull") return decodePullReply(reply, "the reply") as unknown as Json;
        return reply;
      },
      decodeEffect: (effect) => decodeStatementPullEffect(effect),
    },
    ...history,
  );
}

describe("statements actor", () => {
  describe("register", () => {
    it("registers a first version as version 1 with what the import said, and lists it in its view", () => {
      const actor = fresh();
      actor
        .when("register", registration(digestOf(1)), { now: 7_000 })
        .thenEvents([
          {
            type: "statementRegistered",
            statementId: "S-1",
            version: 1,
            digest: digestOf(1),
            supersedes: null,
            sequence: "17",
            importedAt: 7_000,
            principal: "grpc:olivia",
            header: { accountNumber: "A1", bankCode: "BANKA" },
          },
        ])
        .thenReply({ alreadyImported: false, version: 1 });
      expect(actor.when("get").reply).to.deep.equal({
        accountId,
        versions: [
          {
            statementId: "S-1",
            version: 1,
            digest: digestOf(1),
            format: "camt053",
            fromDate: "2026-12-07",
            toDate: "2026-12-07",
            currency: "CNY",
            lineCount: 3,
            opening: { amount: "100.0000", date: "2026-12-07" },
            closing: { amount: "-25.5000", date: "2026-12-07" },
            source: "upload",
            principal: "grpc:olivia",
            importedAt: 7_000,
          },
        ],
      });
    });

    it("answers a version it holds with that version and records nothing, whichever door sends it", () => {
      const actor = fresh(sent("register", registration(digestOf(1))));
      actor
        .when("register", registration(digestOf(1), { source: "inbox", principal: "system:inbox" }))
        .thenEvents([])
        .thenReply({ alreadyImported: true, version: 1 });
      expect(actor.when("get").reply["versions"]).to.have.length(1);
    });

    it("keeps a corrected re-issue (same statement id, another digest) as version 2 beside version 1, naming what it supersedes", () => {
      const actor = fresh(sent("register", registration(digestOf(1))));
      actor
        .when("register", registration(digestOf(2), { lineCount: 4 }))
        .thenEvents([{ type: "statementRegistered", version: 2, supersedes: digestOf(1) }])
        .thenReply({ alreadyImported: false, version: 2, supersedes: digestOf(1) });
      actor.when("register", registration(digestOf(3), { statementId: "S-2" })).thenReply({
        alreadyImported: false,
        version: 1,
      });
      const versions = actor.when("get").reply["versions"] as Array<Record<string, Json>>;
      expect(versions.map((v) => [v["statementId"], v["version"], v["digest"]])).to.deep.equal([
        ["S-1", 1, digestOf(1)],
        ["S-1", 2, digestOf(2)],
        ["S-2", 1, digestOf(3)],
      ]);
      actor.when("register", registration(digestOf(1))).thenReply({ alreadyImported: true, version: 1 });
    });

    it("takes a statement without balances, sequence or creation time, and shows null balances", () => {
      const actor = fresh();
      const { opening: _o, closing: _c, sequence: _s, createdAt: _t, ...bare } = registration(digestOf(1));
      actor.when("register", bare).thenEvents([{ opening: null, closing: null, sequence: null, createdAt: null }]);
      expect(actor.when("get").reply["versions"][0]).to.deep.include({ opening: null, closing: null });
    });

    it("refuses a register from a client: only the engine's import registers (after writing the lines)", () => {
      fresh()
        .when("register", registration(digestOf(1)), { principal: "grpc:mallory" })
        .thenRejected("internal_command", /sent by the engine itself/);
    });

    for (const [label, change, message] of [
      ["a digest that is no SHA-256", { digest: "abc" }, /digest must be a SHA-256/],
      ["an unknown format", { format: "pdf" }, /format must be "camt053" or "camt052" or "mt940" or "csv"/],
      ["a last day before the first", { toDate: "2026-12-06" }, /toDate must be on or after fromDate/],
      ["a date that is no calendar day", { fromDate: "2026-02-30" }, /fromDate must be a date YYYY-MM-DD/],
      ["an amount with five places", { opening: { amount: "1.00001", date: "2026-12-07" } }, /opening\.amount/],
      ["a negative line count", { lineCount: -1 }, /lineCount must be an integer from 0/],
      ["an unknown source", { source: "fax" }, /source must be "upload" or "inbox" or "pull"/],
      ["a header that is no object", { header: "x" }, /header must be an object/],
      ["an unknown field", { lines: [] }, /unknown field "lines"/],
      ["no currency", { currency: "XYZ1" }, /currency must be an ISO 4217 code/],
    ] as const)
      it(`refuses a malformed register (${label}) and records nothing`, () => {
        const actor = fresh();
        actor
          .when("register", registration(digestOf(1), change as Record<string, Json>))
          .thenRejected("invalid_command", message);
        expect(actor.journal).to.deep.equal([]);
      });
  });

  describe("pull", () => {
    const day = Date.parse("2026-12-08T05:00:00Z");

    it('resolves "yesterday" from the turn\'s time (UTC), sends one pull effect guarded by a reminder', () => {
      const actor = fresh();
      const then = actor
        .when("pull", { date: "yesterday" }, { now: day, principal: "system:schedule:pull-a1" })
        .thenEvents([
          { type: "statementPullStarted", pull: 1, date: "2026-12-07", principal: "system:schedule:pull-a1" },
        ])
        .thenReply({ pull: 1, date: "2026-12-07", started: true })
        .thenEffects([
          { id: "pull.1.1", type: "statements.pull", payload: { pull: 1, attempt: 1, date: "2026-12-07" } },
        ]);
      expect(then.reminders?.set?.[0]).to.deep.include({ key: pullReminderKey(1), dueAt: day + 120_000 });
    });

    it("answers a second pull of a day still awaiting its answer with that pull, and starts nothing", () => {
      const actor = fresh(sent("pull", { date: "2026-12-07" }, { now: day }));
      actor.when("pull", { date: "yesterday" }, { now: day }).thenEvents([]).thenReply({
        pull: 1,
        date: "2026-12-07",
        started: false,
      });
    });

    it("ends a pull with its effect's answer and cancels its guard", () => {
      const actor = fresh(sent("pull", { date: "2026-12-07" }, { now: day }));
      actor
        .when(
          "pulled",
          { pull: 1, attempt: 1, outcome: "imported", message: "version 1" },
          { principal: "system:effect" },
        )
        .thenEvents([{ type: "statementPullEnded", pull: 1, date: "2026-12-07", outcome: "imported" }])
        .thenReminders({ cancel: [pullReminderKey(1)] });
      actor.when("pulled", { pull: 1, attempt: 1, outcome: "imported" }).thenEvents([]).thenReply({ ignored: true });
    });

    it(`sends a pull again while unanswered, and ends it unanswered after ${pullAttemptsMax} attempts`, () => {
      const actor = fresh(sent("pull", { date: "2026-12-07" }, { now: day }));
      actor.take("statements.pull");
      for (let attempt = 2; attempt <= pullAttemptsMax; attempt++) {
        actor.fire(pullReminderKey(1)).thenEvents([{ type: "statementPullRetried", attempt }]);
        expect(actor.take("statements.pull").id).to.equal(`pull.1.${attempt}`);
      }
      actor.fire(pullReminderKey(1)).thenEvents([{ type: "statementPullEnded", outcome: "unanswered" }]);
      expect(actor.has("statements.pull")).to.equal(false);
      expect(actor.reminders.size).to.equal(0);
    });

    it("refuses a day after today, a malformed date, and the answers from a client", () => {
      const actor = fresh();
      actor.when("pull", { date: "2026-12-09" }, { now: day }).thenRejected("pull_date_in_future");
      actor.when("pull", { date: "tomorrow" }, { now: day }).thenRejected("invalid_command", /"yesterday"/);
      actor
        .when("pulled", { pull: 1, attempt: 1, outcome: "imported" }, { principal: "grpc:mallory" })
        .thenRejected("internal_command");
      actor.when("pullDue", { pull: 1 }, { principal: "nats:mallory" }).thenRejected("internal_command");
    });
  });
});
