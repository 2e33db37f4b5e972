import type { Json, JsonObject } from "../../runtime/json.js";
import { JsonReader } from "../shared/json-reader.js";
import { decodeVersion, versionJson, type StatementsState, type StatementVersion } from "./state.js";

/**
 * What `get` answers: the account's statement versions, oldest first (the newest of a statement id is its last).
 * The reconciler reads it with `decodeStatementsView`.
 */
export interface StatementsView {
  readonly accountId: string;
  readonly versions: readonly StatementVersion[];
}

/** What `register` answers: the version held (`alreadyImported`) or the new one, and the digest it corrects. */
export type RegisterReply =
  | { readonly alreadyImported: true; readonly version: number }
  | { readonly alreadyImported: false; readonly version: number; readonly supersedes?: string };

/** What `pull` answers: the pull of that day, `started` now or awaiting its answer already. */
export interface PullReply {
  readonly pull: number;
  readonly date: string;
  readonly started: boolean;
}

export function describeStatements(accountId: string, state: StatementsState): JsonObject {
  return { accountId, versions: state.versions.map(versionJson) };
}

/** A statements actor's `get` reply as it comes back from the runtime; `source` names it for the error. */
export function decodeStatementsView(reply: Json, source: string): StatementsView {
  const r = JsonReader.of(source, reply);
  return { accountId: r.text("accountId"), versions: r.objects("versions").map(decodeVersion) };
}

export function decodeRegisterReply(reply: Json, source: string): RegisterReply {
  const r = JsonReader.of(source, reply);
  const version = r.integer("version");
  if (r.boolean("alreadyImported")) return { alreadyImported: true, version };
  return r.has("supersedes")
    ? { alreadyImported: false, version, supersedes: r.text("supersedes") }
    : { alreadyImported: false, version };
}

export function decodePullReply(reply: Json, source: string): PullReply {
  const r = JsonReader.of(source, reply);
  return { pull: r.integer("pull"), date: r.text("date"), started: r.boolean("started") };
}
