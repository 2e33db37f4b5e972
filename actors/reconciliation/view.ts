import type { Json, JsonObject } from "../../runtime/json.js";
import { JsonReader } from "../shared/json-reader.js";
import type { ReconciliationKey } from "./id.js";
import {
  decodeDifference,
  decodeRun,
  differenceJson,
  differenceStatuses,
  runJson,
  type Difference,
  type DifferenceStatus,
  type ReconciliationState,
  type RunSummary,
} from "./state.js";

/**
 * What `get` answers: the day's runs and every difference with its status, when it was found (readers count its age
 * from `foundAt`) and its history of changes with principal and time.
 */
export type ReconciliationView = {
  readonly accountId: string;
  readonly date: string;
  readonly currency: string | null;
  readonly runCount: number;
  readonly runs: readonly RunSummary[];
  readonly counts: Readonly<Record<DifferenceStatus, number>>;
  readonly differences: readonly Difference[];
};

/** What `record` answers: the run (the last one when `unchanged`) and the ids of what it changed. */
export type RecordReply = {
  readonly unchanged: boolean;
  readonly run: RunSummary;
  readonly found: readonly string[];
  readonly updated: readonly string[];
  readonly reopened: readonly string[];
  readonly cleared: readonly string[];
};

/** What the commands on one difference answer; `ignored` marks a stale reminder or answer that changed nothing. */
export type DifferenceReply = { readonly difference: Difference; readonly ignored?: boolean };

export function reconciliationView(key: ReconciliationKey, state: ReconciliationState): JsonObject {
  const differences = [...state.differences.values()];
  const counts = Object.fromEntries(
    differenceStatuses.map((status) => [status, differences.filter((d) => d.status === status).length]),
  );
  return {
    accountId: key.accountId,
    date: key.date,
    currency: state.currency,
    runCount: state.runCount,
    runs: state.runs.map(runJson),
    counts,
    differences: differences.map(differenceJson),
  };
}

export function recordReply(reply: RecordReply): JsonObject {
  return {
    unchanged: reply.unchanged,
    run: runJson(reply.run),
    found: [...reply.found],
    updated: [...reply.updated],
    reopened: [...reply.reopened],
    cleared: [...reply.cleared],
  };
}

export function differenceReply(d: Difference, ignored = false): JsonObject {
  return ignored ? { difference: differenceJson(d), ignored } : { difference: differenceJson(d) };
}

/** Decodes a `get` reply strictly; `source` names it in the error. */
export function decodeReconciliationView(json: Json, source: string): ReconciliationView {
  const r = JsonReader.of(source, json);
  const counts = r.object("counts");
  return {
    accountId: r.text("accountId"),
    date: r.text("date"),
    currency: r.textOrNull("currency"),
    runCount: r.integer("runCount"),
    runs: r.objects("runs").map(decodeRun),
    counts: Object.fromEntries(differenceStatuses.map((status) => [status, counts.integer(status)])) as Record<
      DifferenceStatus,
      number
    >,
    differences: r.objects("differences").map(decodeDifference),
  };
}

export function decodeRecordReply(json: Json, source: string): RecordReply {
  const r = JsonReader.of(source, json);
  return {
    unchanged: r.boolean("unchanged"),
    run: decodeRun(r.object("run")),
    found: r.texts("found"),
    updated: r.texts("updated"),
    reopened: r.texts("reopened"),
    cleared: r.texts("cleared"),
  };
}

export function decodeDifferenceReply(json: Json, source: string): DifferenceReply {
  const r = JsonReader.of(source, json);
  const difference = decodeDifference(r.object("difference"));
  const ignored = r.optionalBoolean("ignored");
  return ignored === undefined ? { difference } : { difference, ignored };
}
