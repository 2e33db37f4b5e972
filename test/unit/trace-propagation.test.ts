import type { AddressInfo } from "node:net";
import { expect } from "chai";
import { Registry } from "prom-client";
import type { BankAdapter, BankCallContext } from "../../adapters/banks/bank-adapter.js";
import { transferEffectHandler } from "../../adapters/banks/transfer-effects.js";
import { MemoryActorStore } from "../../adapters/memory/memory-actor-store.js";
import { MemoryEventBus } from "../../adapters/memory/memory-event-bus.js";
import { fromJournalDocument, toJournalDocument } from "../../adapters/mongo/documents.js";
import { accountKind } from "../../actors/account/index.js";
import { channelKind } from "../../actors/channel/index.js";
import { tallyKind } from "../../actors/tally/index.js";
import { transferKind } from "../../actors/transfer/index.js";
import { startAdminHttp } from "../../adapters/http/admin-http.js";
import { ActorSystem } from "../../runtime/actor-system.js";
import type { EffectHandler } from "../../runtime/effect-runner.js";
import { jsonLogger } from "../../runtime/logger.js";
import type { CommandRequest } from "../../runtime/messages.js";
import type { ActorRef, JournalEntry } from "../../runtime/ports.js";
import { continueTrace, isTraceContext, parseTraceparent, type TraceContext } from "../../runtime/trace-context.js";
import { eventually } from "../support/tally.js";
import { noonOffsetMinutes } from "../support/transfer-world.js";

const callerTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
const callerSpanId = "00f067aa0ba902b7";
const callerHeader = `00-${callerTraceId}-${callerSpanId}-01`;

type LogLine = Record<string, unknown>;

/** A JSON logger whose lines are kept in memory. */
function capturingLogger(): { logger: ReturnType<typeof jsonLogger>; lines: LogLine[] } {
  const lines: LogLine[] = [];
  return { logger: jsonLogger({ service: "test" }, (line) => lines.push(JSON.parse(line) as LogLine)), lines };
}

describe("trace context across doors, journal, events, effects and reminders (memory adapters, ADR 009)", () => {
  const systems: ActorSystem[] = [];
  afterEach(async () => {
    await Promise.all(systems.splice(0).map((system) => system.stop()));
  });

  function tallySystem(options: { handler?: EffectHandler; store?: MemoryActorStore } = {}) {
    const store = options.store ?? new MemoryActorStore();
    const bus = new MemoryEventBus();
    const { logger, lines } = capturingLogger();
    const system = new ActorSystem({
      kinds: [tallyKind],
      store,
      publisher: bus,
      logger,
      limits: { reminderPollIntervalMs: 20 },
      ...(options.handler && { effectHandlers: { tally: options.handler } }),
    });
    systems.push(system);
    return { system, store, bus, lines };
  }
  const tally = (
    actorId: string,
    commandId: string,
    type: string,
    payload: unknown,
    trace?: TraceContext,
  ): CommandRequest => ({
    kind: "tally",
    actorId,
    commandId,
    type,
    payload,
    principal: "test",
    ...(trace && { trace }),
  });
  const entriesOf = (store: MemoryActorStore, actor: ActorRef) => store.readEntries(actor, 0, 100);

  it("journals the command's span in its entry and publishes its events with it", async () => {
    const { system, store, bus } = tallySystem();
    const trace = continueTrace(callerHeader);
    expect(await system.dispatch(tally("t1", "c1", "add", { amount: "1.5" }, trace))).to.deep.include({ ok: true });
    const [entry] = await entriesOf(store, { kind: "tally", actorId: "t1" });
    expect(entry!.trace).to.deep.equal(trace);
    expect(entry!.trace).to.deep.include({ traceId: callerTraceId, parentSpanId: callerSpanId });
    await eventually("event published", () => bus.events.length === 1);
    expect(bus.events[0]!.trace).to.deep.equal(trace);
  });

  it("gives a command without a trace a new root, so every entry has one", async () => {
    const { system, store } = tallySystem();
    await system.dispatch(tally("t2", "c1", "add", { amount: "1" }));
    await system.dispatch(tally("t2", "c2", "add", { amount: "1" }));
    const entries = await entriesOf(store, { kind: "tally", actorId: "t2" });
    expect(entries.every((entry) => isTraceContext(entry.trace) && entry.trace.parentSpanId === undefined)).to.equal(
      true,
    );
    expect(entries[0]!.trace!.traceId).to.not.equal(entries[1]!.trace!.traceId);
  });

  it("fires a reminder in the trace of the entry that set it, as a child span", async () => {
    const { system, store } = tallySystem();
    const trace = continueTrace(callerHeader);
    await system.dispatch(tally("t3", "s1", "schedule", { key: "k", dueAt: Date.now() + 50 }, trace));
    const actor = { kind: "tally", actorId: "t3" };
    await eventually("reminder fired", async () => (await entriesOf(store, actor)).length === 2);
    const [scheduled, fired] = await entriesOf(store, actor);
    // The journal stores the trace once, on the entry; the reminder takes it when the entry is applied (live or replay).
    expect(scheduled!.trace).to.deep.equal(trace);
    expect(scheduled!.reminders?.set?.[0]).to.not.have.property("trace");
    expect(fired!.commandId).to.match(/^reminder:k:/);
    expect(fired!.trace).to.deep.include({ traceId: callerTraceId, parentSpanId: trace.spanId });
    expect(fired!.trace!.spanId).to.not.equal(trace.spanId);
  });

  it("runs an entry's effect in a child span; the commands it sends and its result are children of that span; its log lines carry the ids", async () => {
    let effectTrace: TraceContext | undefined;
    const { system, store, lines } = tallySystem({
      handler: async (effect, _actor, runtime) => {
        effectTrace = runtime.trace;
        // A command to another actor, without a trace of its own: the runtime makes it a child of the effect.
        const reply = await runtime.dispatch(tally("other", `from-${effect.id}`, "add", { amount: "2" }));
        runtime.logger.warn("effect looked something up", { replyOk: reply.ok });
        return { type: "fulfil", payload: { key: "k1", value: "42" } };
      },
    });
    const trace = continueTrace(callerHeader);
    await system.dispatch(tally("t4", "ask", "request", { key: "k1" }, trace));
    const actor = { kind: "tally", actorId: "t4" };
    await eventually("effect result applied", async () => (await entriesOf(store, actor)).length === 2);
    expect(effectTrace).to.deep.include({ traceId: callerTraceId, parentSpanId: trace.spanId });
    expect(effectTrace!.spanId).to.not.equal(trace.spanId);
    const [, result] = await entriesOf(store, actor);
    expect(result!.commandId).to.equal("effect:req.k1");
    expect(result!.trace).to.deep.include({ traceId: callerTraceId, parentSpanId: effectTrace!.spanId });
    const [sent] = await entriesOf(store, { kind: "tally", actorId: "other" });
    expect(sent!.trace).to.deep.include({ traceId: callerTraceId, parentSpanId: effectTrace!.spanId });
    expect(sent!.trace!.spanId).to.not.equal(result!.trace!.spanId);
    const line = lines.find((candidate) => candidate["msg"] === "effect looked something up");
    expect(line).to.deep.include({
      level: "warn",
      service: "test",
      traceId: callerTraceId,
      spanId: effectTrace!.spanId,
      parentSpanId: trace.spanId,
      kind: "tally",
      actorId: "t4",
      effect: "req.k1",
      effectType: "lookup",
      replyOk: true,
    });
  });

  it("logs a failure about one command with its trace, span, command id, kind and actor", async () => {
    const store = new MemoryActorStore();
    store.loadSnapshot = () => Promise.reject(new Error("store down"));
    const { system, lines } = tallySystem({ store });
    const trace = continueTrace(callerHeader);
    const reply = await system.dispatch(tally("t5", "c1", "add", { amount: "1" }, trace));
    expect(reply).to.deep.include({ ok: false });
    const line = lines.find((candidate) => candidate["msg"] === "activation failed");
    expect(line).to.deep.include({
      level: "warn",
      traceId: callerTraceId,
      spanId: trace.spanId,
      parentSpanId: callerSpanId,
      commandId: "c1",
      commandType: "add",
      kind: "tally",
      actorId: "t5",
    });
    expect(line!["error"]).to.deep.equal({ name: "Error", message: "store down" });
  });

  it("continues an HTTP caller's traceparent at the embedded command endpoint and answers with the command's span", async () => {
    const { system, store } = tallySystem();
    const server = await startAdminHttp({
      host: "127.0.0.1",
      port: 0,
      registry: new Registry(),
      system,
      acceptCommands: true,
    });
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/actors/tally/t7/commands`;
      const post = (commandId: string, traceparent: string) =>
        fetch(url, {
          method: "POST",
          headers: { traceparent },
          body: JSON.stringify({ commandId, type: "add", payload: { amount: "1" } }),
        });
      const answered = await post("c1", callerHeader);
      expect(answered.status).to.equal(200);
      const [entry] = await entriesOf(store, { kind: "tally", actorId: "t7" });
      expect(entry!.trace).to.deep.include({ traceId: callerTraceId, parentSpanId: callerSpanId });
      expect(answered.headers.get("traceparent")).to.equal(`00-${callerTraceId}-${entry!.trace!.spanId}-01`);
      const fresh = await post("c2", "00-not-a-trace-01");
      expect(fresh.status, "an invalid header is ignored, never refused").to.equal(200);
      expect(parseTraceparent(fresh.headers.get("traceparent"))?.traceId)
        .to.match(/^[0-9a-f]{32}$/)
        .and.not.equal(callerTraceId);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("round-trips an entry's trace through the MongoDB document shape; an old entry without one, or a corrupt one, loads without it", () => {
    const trace = continueTrace(callerHeader);
    const entry: JournalEntry = {
      kind: "tally",
      actorId: "t6",
      seq: 1,
      firstEventSeq: 1,
      events: [],
      commandId: "c1",
      commandType: "add",
      principal: "test",
      reply: {},
      reminders: null,
      recordedAt: 1,
      trace,
    };
    expect(fromJournalDocument(toJournalDocument(entry))).to.deep.equal(entry);
    const { trace: _dropped, ...old } = entry;
    expect(fromJournalDocument(toJournalDocument(old))).to.deep.equal(old);
    expect(
      fromJournalDocument({ ...toJournalDocument(old), trace: { traceId: "nope" } as unknown as TraceContext }),
    ).to.deep.equal(old);
  });

  describe("a transfer's saga", () => {
    /** A bank that answers every money call `succeeded` at once and remembers each call's context. */
    function recordingBank(
      bankCode: string,
      calls: Array<{ bankCode: string; op: string; serial: string; context: BankCallContext | undefined }>,
    ): BankAdapter {
      const answer = (op: string) => async (request: { serial: string }, context?: BankCallContext) => {
        calls.push({ bankCode, op, serial: request.serial, context });
        return { status: "succeeded" as const, bankReference: `${bankCode}-${request.serial}` };
      };
      const unused = () => Promise.reject(new Error("not used"));
      return {
        bankCode,
        debit: answer("debit"),
        credit: answer("credit"),
        reverse: answer("reversal"),
        queryStatus: unused,
        balance: unused,
        statement: unused,
        probe: unused,
      };
    }

    it("carries the create's trace to the account and channel commands, the bank calls (HTTP header) and the log lines", async () => {
      const calls: Array<{ bankCode: string; op: string; serial: string; context: BankCallContext | undefined }> = [];
      const channels = new Map([
        ["BANKA-direct", recordingBank("BANKA", calls)],
        ["BANKB-direct", recordingBank("BANKB", calls)],
      ]);
      const store = new MemoryActorStore();
      const bus = new MemoryEventBus();
      const { logger, lines } = capturingLogger();
      const system = new ActorSystem({
        kinds: [accountKind, transferKind(), channelKind],
        store,
        publisher: bus,
        logger,
        effectHandlers: { transfer: transferEffectHandler({ channels, callbackUrl: () => undefined }) },
      });
      systems.push(system);
      system.start();
      const send = async (
        kind: string,
        actorId: string,
        commandId: string,
        type: string,
        payload: unknown,
        trace?: TraceContext,
      ) => {
        const reply = await system.dispatch({
          kind,
          actorId,
          commandId,
          type,
          payload,
          principal: "test",
          ...(trace && { trace }),
        });
        if (!reply.ok) throw new Error(`${kind} ${actorId} ${type} refused: ${JSON.stringify(reply.error)}`);
        return reply;
      };
      for (const [id, bankCode] of [
        ["BANKA-direct", "BANKA"],
        ["BANKB-direct", "BANKB"],
      ] as const) {
        await send("channel", id, "configure", "configure", {
          bankCode,
          currency: "CNY",
          utcOffsetMinutes: noonOffsetMinutes(),
          dailyLimit: "1000000",
          alternative: null,
          speeds: { normal: { fee: "1.00", cutoff: "23:59" } },
          breaker: { failureThreshold: 3, openForMs: 60_000 },
        });
      }
      await send("account", "BANKA:A1", "open", "open", {
        bankCode: "BANKA",
        accountNumber: "A1",
        currency: "CNY",
        pool: "main",
      });
      await send("account", "BANKA:A1", "fund", "recordEntry", {
        entryId: "opening",
        direction: "credit",
        amount: "1000",
        currency: "CNY",
      });
      await send("account", "BANKB:B1", "open", "open", {
        bankCode: "BANKB",
        accountNumber: "B1",
        currency: "CNY",
        pool: "main",
      });

      const create = continueTrace(callerHeader);
      await send(
        "transfer",
        "tr-1",
        "create",
        "create",
        {
          from: "BANKA:A1",
          to: "BANKB:B1",
          amount: "100.25",
          currency: "CNY",
          debitChannel: "BANKA-direct",
          creditChannel: "BANKB-direct",
        },
        create,
      );
      let status = "";
      await eventually(
        "transfer SUCCESS with its position tasks done",
        async () => {
          const view = (await send("transfer", "tr-1", `get-${Math.random()}`, "get", {})).result as {
            status: string;
            positionTasksPending: number;
          };
          status = view.status;
          return status === "SUCCESS" && view.positionTasksPending === 0;
        },
        10_000,
      ).catch((error: Error) => {
        throw new Error(`${error.message}; last status ${status}`);
      });

      const transferEntries = await store.readEntries({ kind: "transfer", actorId: "tr-1" }, 0, 100);
      expect(transferEntries[0]!.trace).to.deep.equal(create);
      // Every later step of the saga (effect results, each a child of an effect span) stays in the create's trace.
      expect(transferEntries.every((entry) => entry.trace?.traceId === callerTraceId)).to.equal(true);
      expect(
        bus.events
          .filter((event) => event.kind === "transfer")
          .every((event) => event.trace?.traceId === callerTraceId),
      ).to.equal(true);

      expect(calls.map((call) => `${call.bankCode} ${call.op}`)).to.deep.equal(["BANKA debit", "BANKB credit"]);
      for (const call of calls) {
        expect(call.context?.trace?.traceId, call.op).to.equal(callerTraceId);
        expect(parseTraceparent(`00-${call.context!.trace!.traceId}-${call.context!.trace!.spanId}-01`)).to.not.equal(
          undefined,
        );
      }
      const spans = new Set(transferEntries.map((entry) => entry.trace!.spanId));
      expect(
        calls.every((call) => !spans.has(call.context!.trace!.spanId)),
        "each bank call is an effect's own span",
      ).to.equal(true);

      for (const [kind, actorId] of [
        ["account", "BANKA:A1"],
        ["account", "BANKB:B1"],
        ["channel", "BANKA-direct"],
        ["channel", "BANKB-direct"],
      ] as const) {
        const sagaEntries = (await store.readEntries({ kind, actorId }, 0, 100)).filter(
          (entry) => entry.principal === "system:transfer:tr-1",
        );
        expect(sagaEntries.length, `${kind} ${actorId}`).to.be.greaterThan(0);
        for (const entry of sagaEntries) {
          expect(entry.trace?.traceId, `${kind} ${actorId} ${entry.commandId}`).to.equal(callerTraceId);
          expect(spans.has(entry.trace!.spanId), "a command an effect sends has a span of its own").to.equal(false);
        }
      }

      const bankLines = lines.filter((line) => line["msg"] === "bank call");
      expect(bankLines.map((line) => [line["step"], line["call"], line["outcome"]])).to.deep.equal([
        ["debit", "send", "succeeded"],
        ["credit", "send", "succeeded"],
      ]);
      for (const line of bankLines) {
        expect(line).to.deep.include({
          level: "info",
          traceId: callerTraceId,
          kind: "transfer",
          actorId: "tr-1",
          transferId: "tr-1",
          effectType: "bank.send",
        });
        expect(
          calls.some((call) => call.context?.trace?.spanId === line["spanId"]),
          "the line names the span the bank saw",
        ).to.equal(true);
      }
    });
  });
});
