import { status } from "@grpc/grpc-js";
import { SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import {
  InMemorySpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type ReadableSpan,
} from "@opentelemetry/sdk-trace-node";
import { expect } from "chai";
import type { BankAdapter, BankCallContext } from "../../adapters/banks/bank-adapter.js";
import { transferEffectHandler } from "../../adapters/banks/transfer-effects.js";
import { endGrpcServerSpan, startGrpcServerSpan } from "../../adapters/grpc/grpc-span.js";
import { MemoryActorStore } from "../../adapters/memory/memory-actor-store.js";
import { MemoryEventBus } from "../../adapters/memory/memory-event-bus.js";
import { tallyKind } from "../../actors/tally/index.js";
import { ConfigError } from "../../engine/config.js";
import { startTracing, tracingSettings } from "../../engine/tracing.js";
import { ActorSystem } from "../../runtime/actor-system.js";
import { jsonLogger, silentLogger } from "../../runtime/logger.js";
import type { ActorRef } from "../../runtime/ports.js";
import { engineIdGenerator, startSpan } from "../../runtime/spans.js";
import { childSpan, continueTrace, type TraceContext } from "../../runtime/trace-context.js";
import { eventually } from "../support/tally.js";

const callerTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";
const callerSpanId = "00f067aa0ba902b7";
const callerHeader = `00-${callerTraceId}-${callerSpanId}-01`;

describe("OpenTelemetry spans of the engine's units of work (runtime/spans.ts, ADR 009 §7)", () => {
  describe("without an SDK (nothing configured)", () => {
    it("makes no-op spans that still name their unit's ids", () => {
      const unit = continueTrace(callerHeader);
      const span = startSpan("unit", unit);
      expect(span.isRecording()).to.equal(false);
      expect(span.spanContext()).to.deep.include({ traceId: unit.traceId, spanId: unit.spanId, traceFlags: 1 });
      span.end();
    });
  });

  describe("with an SDK given the engine's id generator", () => {
    const exporter = new InMemorySpanExporter();
    const provider = new NodeTracerProvider({
      idGenerator: engineIdGenerator,
      spanProcessors: [new SimpleSpanProcessor(exporter)],
    });
    const systems: ActorSystem[] = [];
    before(() => {
      expect(trace.setGlobalTracerProvider(provider), "no other tracer provider is registered").to.equal(true);
    });
    after(async () => {
      await provider.shutdown();
      trace.disable();
    });
    beforeEach(() => exporter.reset());
    afterEach(async () => {
      await Promise.all(systems.splice(0).map((system) => system.stop()));
    });

    const finished = (name: string): ReadableSpan[] => exporter.getFinishedSpans().filter((span) => span.name === name);
    const only = (name: string): ReadableSpan => {
      const spans = finished(name);
      expect(
        spans.map((span) => span.name),
        `spans named ${name} among ${exporter
          .getFinishedSpans()
          .map((span) => span.name)
          .join(", ")}`,
      ).to.have.length(1);
      return spans[0]!;
    };
    /** The ids of an exported span as a trace context, to compare with the journal's. */
    const idsOf = (span: ReadableSpan) => ({
      traceId: span.spanContext().traceId,
      spanId: span.spanContext().spanId,
      parentSpanId: span.parentSpanContext?.spanId,
    });

    function tallySystem() {
      const store = new MemoryActorStore();
      const system = new ActorSystem({
        kinds: [tallyKind],
        store,
        publisher: new MemoryEventBus(),
        limits: { reminderPollIntervalMs: 20 },
        effectHandlers: {
          tally: async (effect) => ({
            type: "fulfil",
            payload: { key: (effect.payload as { key: string }).key, value: "42" },
          }),
        },
      });
      systems.push(system);
      return { system, store };
    }
    const tally = (actorId: string, commandId: string, type: string, payload: unknown, trace?: TraceContext) => ({
      kind: "tally",
      actorId,
      commandId,
      type,
      payload,
      principal: "test",
      ...(trace && { trace }),
    });
    const entriesOf = (store: MemoryActorStore, actorId: string) =>
      store.readEntries({ kind: "tally", actorId }, 0, 100);

    it("records a unit's span with the unit's ids, under the caller's span, and gives other spans random ids", () => {
      const unit = continueTrace(callerHeader);
      const span = startSpan("unit", unit, { kind: SpanKind.SERVER, attributes: { "test.attribute": "x" } });
      span.end();
      const other = trace.getTracer("another-library").startSpan("other");
      other.end();
      const exported = only("unit");
      expect(idsOf(exported)).to.deep.equal({
        traceId: callerTraceId,
        spanId: unit.spanId,
        parentSpanId: callerSpanId,
      });
      expect(exported.kind).to.equal(SpanKind.SERVER);
      expect(exported.attributes).to.deep.include({ "test.attribute": "x" });
      expect(other.spanContext().traceId).to.not.equal(callerTraceId);
      expect(other.spanContext().spanId).to.not.equal(unit.spanId);
    });

    it("exports a command's span with the ids its journal entry stores, named by kind and type, from dispatch to reply", async () => {
      const { system, store } = tallySystem();
      const unit = continueTrace(callerHeader);
      await system.dispatch(tally("s1", "c1", "add", { amount: "1.5" }, unit));
      const [entry] = await entriesOf(store, "s1");
      const span = only("tally add");
      expect(idsOf(span)).to.deep.equal({
        traceId: callerTraceId,
        spanId: entry!.trace!.spanId,
        parentSpanId: callerSpanId,
      });
      expect(span.attributes).to.deep.include({
        "liquidity.command.id": "c1",
        "liquidity.command.type": "add",
        "liquidity.actor.kind": "tally",
        "liquidity.actor.id": "s1",
        "liquidity.principal": "test",
      });
      expect(span.status.code).to.equal(SpanStatusCode.UNSET);
    });

    it("marks a refused command's span failed with the refusal's code; one refused before any actor gets a name callers cannot vary", async () => {
      const { system } = tallySystem();
      const reply = await system.dispatch(tally("s2", "c1", "add", { amount: "-1" }, continueTrace(callerHeader)));
      expect(reply).to.deep.include({ ok: false });
      await system.dispatch(tally("s2", "c2", "add", { amount: "not a number" }, continueTrace(callerHeader)));
      await system.dispatch(tally("s2", "c3", "no-such-command", {}, continueTrace(callerHeader)));
      await system.dispatch({ ...tally("s2", "c4", "add", {}), kind: "no-such-kind" });
      const decided = only("tally add");
      expect(decided.status).to.deep.equal({ code: SpanStatusCode.ERROR, message: "total_would_go_negative" });
      expect(decided.attributes["liquidity.reply.code"]).to.equal("total_would_go_negative");
      const refused = finished("command");
      expect(refused.map((span) => span.attributes["liquidity.command.id"])).to.deep.equal(["c2", "c3", "c4"]);
      expect(refused.map((span) => span.status.message)).to.deep.equal([
        "invalid_command",
        "unknown_command",
        "unknown_actor_kind",
      ]);
      for (const span of refused) {
        expect(span.status.code).to.equal(SpanStatusCode.ERROR);
        expect(span.attributes["liquidity.reply.code"]).to.equal(span.status.message);
      }
    });

    it("exports an effect's span under its entry's command and its result command under the effect", async () => {
      const { system, store } = tallySystem();
      await system.dispatch(tally("s3", "ask", "request", { key: "k1" }, continueTrace(callerHeader)));
      await eventually("effect result applied", async () => (await entriesOf(store, "s3")).length === 2);
      const [asked, result] = await entriesOf(store, "s3");
      await eventually("effect span ended", () => finished("effect lookup").length === 1);
      const effect = only("effect lookup");
      expect(idsOf(effect)).to.deep.include({ traceId: callerTraceId, parentSpanId: asked!.trace!.spanId });
      expect(effect.attributes).to.deep.include({
        "liquidity.effect.id": "req.k1",
        "liquidity.effect.type": "lookup",
        "liquidity.actor.id": "s3",
      });
      expect(idsOf(only("tally fulfil"))).to.deep.equal({
        traceId: callerTraceId,
        spanId: result!.trace!.spanId,
        parentSpanId: effect.spanContext().spanId,
      });
    });

    it("exports a fired reminder's command span under the span of the entry that set it", async () => {
      const { system, store } = tallySystem();
      await system.dispatch(
        tally("s4", "s1", "schedule", { key: "k", dueAt: Date.now() + 30 }, continueTrace(callerHeader)),
      );
      await eventually("reminder fired", async () => (await entriesOf(store, "s4")).length === 2);
      const [scheduled, fired] = await entriesOf(store, "s4");
      await eventually("reminder span ended", () => finished("tally remind").length === 1);
      expect(idsOf(only("tally remind"))).to.deep.equal({
        traceId: callerTraceId,
        spanId: fired!.trace!.spanId,
        parentSpanId: scheduled!.trace!.spanId,
      });
    });

    it("exports a bank call as a client span under its effect's: the span the bank gets as traceparent and the call's log line names", async () => {
      const seen: Array<BankCallContext | undefined> = [];
      const unused = () => Promise.reject(new Error("not used"));
      const bank: BankAdapter = {
        bankCode: "BANKA",
        credit: unused,
        reverse: unused,
        queryStatus: unused,
        balance: unused,
        statement: unused,
        probe: unused,
        debit: async (_request, context) => {
          seen.push(context);
          return { status: "succeeded", bankReference: "ref-1" };
        },
      };
      const lines: Array<Record<string, unknown>> = [];
      const effectTrace = childSpan(continueTrace(callerHeader));
      const transfer: ActorRef = { kind: "transfer", actorId: "tr-1" };
      const handler = transferEffectHandler({
        channels: new Map([["BANKA-direct", bank]]),
        callbackUrl: () => undefined,
      });
      await handler(
        {
          id: "e1",
          type: "bank.send",
          payload: {
            channel: "BANKA-direct",
            step: "debit",
            serial: "tr-1.debit",
            request: {
              bankCode: "BANKA",
              account: "A1",
              amount: "1.00",
              currency: "CNY",
              toBankCode: "BANKB",
              toAccount: "B1",
              speed: "normal",
            },
          },
        },
        transfer,
        {
          trace: effectTrace,
          logger: jsonLogger({}, (line) => lines.push(JSON.parse(line) as Record<string, unknown>)).child({
            traceId: effectTrace.traceId,
            spanId: effectTrace.spanId,
          }),
          dispatch: async (request) => ({ ok: true, commandId: request.commandId, result: {} }),
        },
      );
      const call = only("bank debit");
      expect(call.kind).to.equal(SpanKind.CLIENT);
      expect(idsOf(call)).to.deep.equal({
        traceId: callerTraceId,
        spanId: seen[0]!.trace!.spanId,
        parentSpanId: effectTrace.spanId,
      });
      expect(call.attributes).to.deep.include({
        "liquidity.bank.channel": "BANKA-direct",
        "liquidity.bank.step": "debit",
        "liquidity.bank.serial": "tr-1.debit",
        "liquidity.bank.outcome": "succeeded",
      });
      const line = lines.find((candidate) => candidate["msg"] === "bank call");
      expect(line).to.deep.include({
        traceId: callerTraceId,
        spanId: call.spanContext().spanId,
        parentSpanId: effectTrace.spanId,
      });
    });

    it("names a gRPC server span by its path and fails it only for codes that mean the server failed", () => {
      for (const code of [status.OK, status.NOT_FOUND, status.INTERNAL]) {
        endGrpcServerSpan(
          startGrpcServerSpan("/liquidity.v1.Transfers/CreateTransfer", continueTrace(callerHeader)),
          code,
        );
      }
      const spans = finished("liquidity.v1.Transfers/CreateTransfer");
      expect(spans.map((span) => [span.attributes["rpc.grpc.status_code"], span.status.code])).to.deep.equal([
        [status.OK, SpanStatusCode.UNSET],
        [status.NOT_FOUND, SpanStatusCode.UNSET],
        [status.INTERNAL, SpanStatusCode.ERROR],
      ]);
      expect(spans[0]!.kind).to.equal(SpanKind.SERVER);
      expect(spans[0]!.attributes).to.deep.include({
        "rpc.system": "grpc",
        "rpc.service": "liquidity.v1.Transfers",
        "rpc.method": "CreateTransfer",
      });
    });
  });

  describe("exporting configuration (engine/tracing.ts, the standard OTEL_ variables)", () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:4318" };

    it("exports nothing without an OTLP endpoint, or when the SDK or the exporter is switched off", async () => {
      expect(await startTracing(silentLogger, {})).to.equal(undefined);
      for (const env of [
        {},
        { OTEL_SERVICE_NAME: "x", OTEL_EXPORTER_OTLP_ENDPOINT: " " },
        { ...endpoint, OTEL_SDK_DISABLED: "true" },
        { ...endpoint, OTEL_TRACES_EXPORTER: "none" },
      ]) {
        expect(tracingSettings(env), JSON.stringify(env)).to.equal(undefined);
      }
      expect(tracingSettings(endpoint)).to.deep.equal({
        endpoint: "http://127.0.0.1:4318",
        sampler: "parentbased_always_on",
        ratio: 1,
      });
      expect(
        tracingSettings({
          OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://c:4318/v1/traces",
          ...endpoint,
          OTEL_TRACES_SAMPLER: "traceidratio",
          OTEL_TRACES_SAMPLER_ARG: "0.25",
        }),
      ).to.deep.equal({ endpoint: "http://c:4318/v1/traces", sampler: "traceidratio", ratio: 0.25 });
    });

    it("refuses settings it cannot honour with a clear error, and installs nothing", async () => {
      const refusals: Array<[Record<string, string>, RegExp]> = [
        [
          { ...endpoint, OTEL_EXPORTER_OTLP_PROTOCOL: "grpc" },
          /OTEL_EXPORTER_OTLP_PROTOCOL must be http\/protobuf .*got grpc/,
        ],
        [{ ...endpoint, OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: "http/json" }, /got http\/json/],
        [{ ...endpoint, OTEL_TRACES_EXPORTER: "zipkin" }, /OTEL_TRACES_EXPORTER must be otlp or none, got zipkin/],
        [
          { ...endpoint, OTEL_TRACES_SAMPLER: "parentbased_always_off" },
          /OTEL_TRACES_SAMPLER must be .*got parentbased_always_off/,
        ],
        [
          { ...endpoint, OTEL_TRACES_SAMPLER: "traceidratio", OTEL_TRACES_SAMPLER_ARG: "1.5" },
          /OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1, got 1.5/,
        ],
      ];
      for (const [env, message] of refusals)
        expect(() => tracingSettings(env), JSON.stringify(env)).to.throw(ConfigError, message);
      const refused = await startTracing(silentLogger, refusals[0]![0]).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).to.be.instanceOf(ConfigError);
      expect(trace.getTracer("probe").startSpan("probe").isRecording(), "a refused setting installs nothing").to.equal(
        false,
      );
    });
  });
});
