import type { EffectRequest } from "../runtime/actor-kind.js";
import type { EffectHandler } from "../runtime/effect-runner.js";
import type { JsonObject } from "../runtime/json.js";
import type { CommandRequest } from "../runtime/messages.js";
import type { ActorStore, EventPublisher } from "../runtime/ports.js";
import type { ReconcilerSystem } from "../reconciliation/actor-reads.js";
import type { ImportParts } from "../reconciliation/import.js";
import { linesPerChunk } from "../reconciliation/statements/line-chunks.js";

/**
 * Test-only fault points, switched on with LIQ_FAULT_POINT, that make the engine stop at an exact step and say so
 * on stdout, so that a crash test can SIGKILL it there:
 * - `hold-publication`: journal written, events never published;
 * - `hold-checkpoint`: events published, the publication checkpoint never saved (ADR 002);
 * - `hold-before:<effect type>:<step>` (e.g. `hold-before:bank.send:debit`): the transfer's intent is journaled,
 *   the effect (bank call, account command) never starts;
 * - `hold-after:<effect type>:<step>`: the bank call (or account command) was made, its result is never written;
 * - `hold-activation:<actor id>`: every activation of the actors with that id waits forever at its first read (after
 *   a crash, a recovery that cannot finish).
 * `<step>` is the bank step (debit, credit, reversal), the position task id (settle-debit...), or what a plan creates
 * (`hold-before:planner.deliver:auto`: its transfer; `:suggest`: its suggestion); without it, every effect of the
 * type holds (`hold-before:suggestion.transfer`: a suggestion's last approval is journaled, the transfer's create is
 * never sent).
 */
export function withFaultPoint(
  point: string | undefined,
  store: ActorStore,
  publisher: EventPublisher,
): { store: ActorStore; publisher: EventPublisher } {
  const hold = (name: string) => (): Promise<never> => {
    process.stdout.write(`${JSON.stringify({ event: "fault-point", point: name })}\n`);
    return new Promise<never>(() => {});
  };
  switch (point) {
    case undefined:
      return { store, publisher };
    case "hold-publication":
      return { store, publisher: { ...bind(publisher), publish: hold(point) } };
    case "hold-checkpoint":
      return {
        store: Object.assign(Object.create(store) as ActorStore, { savePublicationCheckpoints: hold(point) }),
        publisher,
      };
    default: {
      if (effectFaultPattern.test(point)) return { store, publisher };
      const held = activationFaultPattern.exec(point)?.[1];
      if (held === undefined) throw new Error(`unknown LIQ_FAULT_POINT "${point}"`);
      const loadSnapshot: ActorStore["loadSnapshot"] = (actor) =>
        actor.actorId === held ? hold(point)() : store.loadSnapshot(actor);
      return { store: Object.assign(Object.create(store) as ActorStore, { loadSnapshot }), publisher };
    }
  }
}

const effectFaultPattern = /^hold-(before|after):([a-z.]+)(?::([a-z-]+))?$/;
const activationFaultPattern = /^hold-activation:([A-Za-z0-9_:-]{1,128})$/;

/** Wraps an effect handler with a `hold-before`/`hold-after` fault point; other points leave it as it is. */
export function withEffectFaultPoint(point: string | undefined, handler: EffectHandler): EffectHandler {
  const match = point === undefined ? null : effectFaultPattern.exec(point);
  if (!match) return handler;
  const [, when, type, step] = match;
  const hits = (effect: EffectRequest) =>
    effect.type === type &&
    (step === undefined ||
      (effect.payload as JsonObject)["step"] === step ||
      (effect.payload as JsonObject)["taskId"] === step);
  const hold = (): Promise<never> => {
    process.stdout.write(`${JSON.stringify({ event: "fault-point", point })}\n`);
    return new Promise<never>(() => {});
  };
  return async (effect, actor, runtime) => {
    if (!hits(effect)) return handler(effect, actor, runtime);
    if (when === "before") return hold();
    await handler(effect, actor, runtime);
    return hold();
  };
}

function bind(publisher: EventPublisher): EventPublisher {
  return {
    publish: (events) => publisher.publish(events),
    lastPublishedEventSeq: (actor) => publisher.lastPublishedEventSeq(actor),
    close: () => publisher.close(),
  };
}

/**
 * The import's fault points (ADR 014 §1: lines first, then the registration), on the parts the import runs on:
 * - `hold-after:statements.chunk`: the first chunk of a version's lines written, the rest never;
 * - `hold-before:statements.register`: every line written, the registration never sent;
 * - `hold-after:statements.register`: registered, the door never told (the inbox never moves the file).
 */
export function withImportFaultPoint(point: string | undefined, parts: ImportParts): ImportParts {
  const hold = (): Promise<never> => {
    process.stdout.write(`${JSON.stringify({ event: "fault-point", point })}\n`);
    return new Promise<never>(() => {});
  };
  const isRegister = (request: CommandRequest) => request.kind === "statements" && request.type === "register";
  switch (point) {
    case undefined:
      return parts;
    case "hold-after:statements.chunk":
      return {
        ...parts,
        lines: {
          putLines: async (digest, lines) => {
            await parts.lines.putLines(digest, lines.slice(0, linesPerChunk));
            return hold();
          },
          lines: (digest, lineCount) => parts.lines.lines(digest, lineCount),
        },
      };
    case "hold-before:statements.register":
    case "hold-after:statements.register":
      return {
        ...parts,
        system: {
          query: (...args) => parts.system.query(...args),
          dispatch: async (request) => {
            if (!isRegister(request)) return parts.system.dispatch(request);
            if (point === "hold-before:statements.register") return hold();
            await parts.system.dispatch(request);
            return hold();
          },
        },
      };
    default:
      return parts;
  }
}

/**
 * The reconciler's fault point (ADR 014 §4: the report kept before the run is recorded):
 * `hold-before:reconciliation.record` holds once a day's report is stored, its `record` never sent to the day's
 * reconciliation actor. Reads and evidence pass through.
 */
export function withReconcilerFaultPoint(point: string | undefined, system: ReconcilerSystem): ReconcilerSystem {
  if (point !== "hold-before:reconciliation.record") return system;
  return {
    query: (...args) => system.query(...args),
    inspect: (...args) => system.inspect(...args),
    dispatch: (request) => {
      if (request.kind !== "reconciliation" || request.type !== "record") return system.dispatch(request);
      process.stdout.write(`${JSON.stringify({ event: "fault-point", point })}\n`);
      return new Promise<never>(() => {});
    },
  };
}
