import type { AnyActorKind } from "./actor-kind.js";
import type { CommandRequest } from "./messages.js";
import type { LogFields } from "./ports.js";
import { traceLogFields } from "./trace-context.js";

/** The fields that name an actor in a log line: `kind`, `actorId`, and the kind's own name for it (ADR 009 §6). */
export function actorLogFields(kind: Pick<AnyActorKind, "name" | "logField">, actorId: string): LogFields {
  return { kind: kind.name, actorId, ...(kind.logField !== undefined && { [kind.logField]: actorId }) };
}

/** The fields of a line about one command: its trace and span, its id and type, and its actor. */
export function commandLogFields(
  request: CommandRequest,
  kind: Pick<AnyActorKind, "name" | "logField"> = { name: request.kind },
): LogFields {
  return {
    ...traceLogFields(request.trace),
    commandId: request.commandId,
    commandType: request.type,
    ...actorLogFields(kind, request.actorId),
  };
}
