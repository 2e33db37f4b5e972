import { assert, unreachable } from "../../runtime/assert.js";
import type { JsonObject } from "../../runtime/json.js";
import { JsonReader } from "../shared/json-reader.js";
import type { ReconciliationEvent } from "./events.js";
import {
  decodeRun,
  decodeTransfer,
  historyKeptMax,
  runsKeptMax,
  unresolvedStatusOf,
  type Difference,
  type HistoryEntry,
  type ReconciliationState,
  type Resolution,
} from "./state.js";

/** Folds one event into the state; never mutates its input. */
export function evolveReconciliation(state: ReconciliationState, event: ReconciliationEvent): ReconciliationState {
  if (event.type === "runRecorded") {
    const run = decodeRun(JsonReader.of("the run of a runRecorded event", event.run));
    assert(run.runNo === state.runCount + 1, `run ${run.runNo} recorded after run ${state.runCount}`);
    return { ...state, currency: run.currency, runCount: run.runNo, runs: [...state.runs, run].slice(-runsKeptMax) };
  }
  if (event.type === "differenceFound") {
    assert(!state.differences.has(event.differenceId), `difference ${event.differenceId} found twice`);
    return withDifference(state, found(event));
  }
  return withDifference(state, changed(differenceOf(state, event.differenceId), event));
}

function found(event: Extract<ReconciliationEvent, { type: "differenceFound" }>): Difference {
  const d: Difference = {
    differenceId: event.differenceId,
    class: event.class,
    lines: [...event.lines],
    records: [...event.records],
    amount: event.amount,
    detail: event.detail,
    statementVersion: event.statementVersion,
    statementId: event.statementId ?? null,
    lineEffect: event.lineEffect ?? null,
    status: "open",
    foundAt: event.at,
    foundInRun: event.runNo,
    explanation: null,
    proposal: null,
    resolution: null,
    booking: null,
    bookingSends: 0,
    history: [],
    historyOmitted: 0,
  };
  return noted(d, event, `found by run ${event.runNo}: ${event.detail}`);
}

type DifferenceEvent = Exclude<ReconciliationEvent, { type: "runRecorded" | "differenceFound" }>;

function changed(d: Difference, event: DifferenceEvent): Difference {
  switch (event.type) {
    case "differenceUpdated": {
      const withdrawn = event.proposalWithdrawn ? "; the proposed resolution is withdrawn (its amount changed)" : "";
      const status = event.proposalWithdrawn ? unresolvedStatusOf(d) : d.status;
      const next = { ...d, ...findingOf(event), status, proposal: event.proposalWithdrawn ? null : d.proposal };
      return noted(next, event, `run ${event.runNo} reports ${event.amount}: ${event.detail}${withdrawn}`);
    }
    case "differenceReopened": {
      const next: Difference = {
        ...d,
        ...findingOf(event),
        status: "open",
        foundAt: event.at,
        foundInRun: event.runNo,
        explanation: null,
        resolution: null,
      };
      return noted(next, event, `found again by run ${event.runNo} after it was cleared: ${event.detail}`);
    }
    case "differenceCleared": {
      const run = { runNo: event.runNo, statementVersion: event.statementVersion, inputsDigest: event.inputsDigest };
      const reason = `run ${event.runNo} no longer finds it`;
      const resolution: Resolution = {
        action: "cleared",
        reason,
        transfer: null,
        by: event.by,
        confirmedBy: null,
        at: event.at,
        run,
      };
      return noted({ ...d, status: "resolved", proposal: null, resolution }, event, reason);
    }
    case "differenceExplained": {
      const explanation = { note: event.note, evidence: event.evidence, by: event.by, at: event.at };
      return noted({ ...d, status: "explained", explanation }, event, `explained: ${event.note}`);
    }
    case "resolutionProposed": {
      const proposal = {
        action: event.action,
        reason: event.reason,
        transfer: transferOf(event.transfer, event.type),
        approvalAbove: event.approvalAbove,
        by: event.by,
        at: event.at,
      };
      const note = `${event.action} proposed (above ${event.approvalAbove}, needs a second person): ${event.reason}`;
      return noted({ ...d, status: "proposed", proposal }, event, note);
    }
    case "resolutionRejected":
      return noted(
        { ...d, status: unresolvedStatusOf(d), proposal: null },
        event,
        `proposed ${d.proposal?.action ?? "resolution"} rejected: ${event.reason}`,
      );
    case "differenceResolved":
      return resolved(d, event);
    case "bookingRedelivered":
      assert(event.send === d.bookingSends + 1, `send ${event.send} of ${d.differenceId} after ${d.bookingSends}`);
      assert(d.booking?.status === "pending", `a booking of ${d.differenceId} resent while not pending`);
      // Not in the history: a resend changes nothing a person decides on, and the guard may resend for hours.
      return { ...d, bookingSends: event.send };
    case "resolutionBooked":
      return booked(d, event);
    case "bookingFailed": {
      assert(d.booking !== null, `a booking of ${d.differenceId} failed that was never sent`);
      const booking = { ...d.booking, status: "failed" as const, failure: event.reason, at: event.at };
      const next = { ...d, status: unresolvedStatusOf(d), resolution: null, booking };
      return noted(next, event, `${event.action} could not be booked: ${event.reason}`);
    }
    default:
      return unreachable(event);
  }
}

function resolved(d: Difference, event: Extract<ReconciliationEvent, { type: "differenceResolved" }>): Difference {
  const resolution: Resolution = {
    action: event.action,
    reason: event.reason,
    transfer: transferOf(event.transfer, event.type),
    by: event.by,
    confirmedBy: event.confirmedBy,
    at: event.at,
    run: null,
  };
  const confirmed = event.confirmedBy === null ? "" : `, confirmed by ${event.confirmedBy}`;
  const note = `resolved by ${event.action}${confirmed}: ${event.reason}`;
  const base = { ...d, status: "resolved" as const, proposal: null, resolution };
  if (event.action === "noBooking") return noted(base, event, note, event.confirmedBy ?? event.by);
  const booking = { action: event.action, resolution, status: "pending" as const, failure: null, at: event.at };
  const next = { ...base, booking, bookingSends: d.bookingSends + 1 };
  return noted(next, event, note, event.confirmedBy ?? event.by);
}

/** A late success (after a failure reopened it) closes the difference with the resolution that was booked. */
function booked(d: Difference, event: Extract<ReconciliationEvent, { type: "resolutionBooked" }>): Difference {
  assert(d.booking !== null && d.booking.action === event.action, `${event.action} of ${d.differenceId} not sent`);
  const booking = { ...d.booking, status: "booked" as const, failure: null, at: event.at };
  const what = event.action === "adjust" ? "the adjustment is booked" : "the transfer took the statement's evidence";
  if (!event.late) return noted({ ...d, booking }, event, what);
  if (d.status === "resolved")
    return noted({ ...d, booking }, event, `${what}, late: it stays as well as the resolution made since`);
  const next = { ...d, status: "resolved" as const, proposal: null, resolution: d.booking.resolution, booking };
  return noted(next, event, `${what}, late, after it had failed: resolved by ${event.action} after all`);
}

function findingOf(event: {
  amount: string;
  detail: string;
  statementVersion: string;
  statementId?: string;
  lineEffect?: string | null;
}) {
  return {
    amount: event.amount,
    detail: event.detail,
    statementVersion: event.statementVersion,
    statementId: event.statementId ?? null,
    lineEffect: event.lineEffect ?? null,
  };
}

function transferOf(transfer: JsonObject | null, eventType: string) {
  return decodeTransfer(JsonReader.of(`a ${eventType} event`, { transfer }));
}

/** Appends the change to the difference's history, keeping the last `historyKeptMax` entries. */
function noted(d: Difference, event: ReconciliationEvent, note: string, by: string = event.by): Difference {
  const entry: HistoryEntry = { change: event.type, by, at: event.at, note };
  const history = [...d.history, entry];
  const omitted = Math.max(0, history.length - historyKeptMax);
  return { ...d, history: history.slice(omitted), historyOmitted: d.historyOmitted + omitted };
}

function differenceOf(state: ReconciliationState, differenceId: string): Difference {
  const d = state.differences.get(differenceId);
  assert(d !== undefined, `an event names difference ${differenceId}, which this reconciliation does not know`);
  return d;
}

function withDifference(state: ReconciliationState, d: Difference): ReconciliationState {
  const differences = new Map(state.differences);
  differences.set(d.differenceId, d);
  return { ...state, differences };
}
