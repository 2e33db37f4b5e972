import type { ErrorBody } from "./errors.js";
import { errorBody } from "./errors.js";
import type { Json } from "./json.js";
import { isJsonObject } from "./json.js";
import type { TraceContext } from "./trace-context.js";

/** A command addressed to one actor, as the transports hand it to the runtime. */
export interface CommandRequest {
  readonly kind: string;
  readonly actorId: string;
  /** Client-supplied idempotency key. */
  readonly commandId: string;
  readonly type: string;
  readonly payload: unknown;
  /** Who sent it; recorded in the journal. */
  readonly principal: string;
  /** The command's own span in its trace (ADR 009); the runtime starts a new trace when absent. */
  readonly trace?: TraceContext;
}

export type Reply =
  | {
      readonly ok: true;
      readonly commandId: string;
      readonly result: Json;
      /** The journal entry that recorded the command; absent when the command changed nothing. */
      readonly entrySeq?: number;
      /** True when this is the stored outcome of an earlier delivery of the same command id. */
      readonly duplicate?: boolean;
    }
  | { readonly ok: false; readonly commandId?: string; readonly error: ErrorBody };

/** The body of a command message on the wire; kind and actor id come from the subject. */
export interface CommandBody {
  readonly commandId: string;
  readonly type: string;
  readonly payload: unknown;
}

export const commandIdPattern = /^[\x21-\x7e]{1,128}$/;
export const commandTypePattern = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/** Validates a decoded wire body; returns a typed error reply for anything off-shape. */
export function parseCommandBody(decoded: unknown): { ok: true; body: CommandBody } | { ok: false; reply: Reply } {
  const fail = (message: string, commandId?: string): { ok: false; reply: Reply } => ({
    ok: false,
    reply:
      commandId === undefined
        ? { ok: false, error: errorBody("invalid_envelope", message) }
        : { ok: false, commandId, error: errorBody("invalid_envelope", message) },
  });
  if (!isJsonObject(decoded)) return fail("the message must be a JSON object");
  const { commandId, type, payload } = decoded;
  if (commandId === undefined || commandId === null || commandId === "") return fail("commandId is missing");
  if (typeof commandId !== "string" || !commandIdPattern.test(commandId)) {
    return fail("commandId must be 1-128 printable ASCII characters without spaces");
  }
  if (typeof type !== "string" || !commandTypePattern.test(type)) {
    return fail('type must be a command name such as "add"', commandId);
  }
  return { ok: true, body: { commandId, type, payload: payload ?? {} } };
}

export function errorReply(error: ErrorBody, commandId?: string): Reply {
  return commandId === undefined ? { ok: false, error } : { ok: false, commandId, error };
}
