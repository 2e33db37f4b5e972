import type { JsonObject } from "../../runtime/json.js";
import { JsonReader } from "../shared/json-reader.js";
import { stepNames } from "../transfer/commands.js";
import {
  differenceClasses,
  matchRules,
  resolutionActions,
  type BookingAction,
  type DifferenceClass,
  type MatchRule,
  type ResolutionAction,
} from "./classes.js";
import type { TransferStepRef } from "./commands.js";

/**
 * `open` when found; `explained` once a person said why; `proposed` while a resolution above the approval threshold
 * waits for a second person; `resolved` when closed by a resolution or cleared by a later run.
 */
export const differenceStatuses = ["open", "explained", "proposed", "resolved"] as const;
export type DifferenceStatus = (typeof differenceStatuses)[number];

/** The statuses a person may still act on (explain, resolve). */
export type UnresolvedStatus = "open" | "explained";

/** The runs a state keeps; older ones are in the journal only (`runCount` counts them all). */
export const runsKeptMax = 100;
/** The history entries a difference keeps; older ones are in the journal only (`historyOmitted` counts them). */
export const historyKeptMax = 100;

/** One recorded run: what it read and what it found. Times are epoch milliseconds. */
export type RunSummary = {
  readonly runNo: number;
  readonly at: number;
  readonly by: string;
  readonly statementVersion: string;
  readonly statementId: string;
  readonly inputsDigest: string;
  readonly currency: string;
  readonly matched: Readonly<Record<MatchRule, number>>;
  readonly pendingLines: number;
  readonly lineCount: number;
  readonly recordCount: number;
  /** Differences the run reported, and what they did here: new, changed, found again after clearing. */
  readonly differenceCount: number;
  readonly found: number;
  readonly updated: number;
  readonly reopened: number;
  /** Differences it no longer found, closed as cleared. */
  readonly cleared: number;
};

export type Explanation = {
  readonly note: string;
  readonly evidence: string;
  readonly by: string;
  readonly at: number;
};

/** A resolution waiting for a second person; `approvalAbove` is the threshold its amount exceeded. */
export type Proposal = {
  readonly action: ResolutionAction;
  readonly reason: string;
  readonly transfer: TransferStepRef | null;
  readonly approvalAbove: string;
  readonly by: string;
  readonly at: number;
};

/** The run that closed a difference as cleared: it read these inputs and no longer found it. */
export type RunEvidence = { readonly runNo: number; readonly statementVersion: string; readonly inputsDigest: string };

/** How a difference was closed: a person's resolution (confirmed by a second one above the threshold) or a run. */
export type Resolution = {
  readonly action: ResolutionAction | "cleared";
  readonly reason: string;
  readonly transfer: TransferStepRef | null;
  readonly by: string;
  readonly confirmedBy: string | null;
  readonly at: number;
  /** Set for `cleared` only. */
  readonly run: RunEvidence | null;
};

export const bookingStatuses = ["pending", "booked", "failed"] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

/**
 * The booking of the last resolution that books something: sent (and resent by its guard) while `pending`, then
 * `booked` or `failed` by the answer. It keeps its resolution, so that a success arriving after a failure (a late
 * answer) still closes the difference with what was booked.
 */
export type Booking = {
  readonly action: BookingAction;
  readonly resolution: Resolution;
  readonly status: BookingStatus;
  readonly failure: string | null;
  readonly at: number;
};

/** One change of a difference, for people: what happened, who did it, when, and a sentence. */
export type HistoryEntry = { readonly change: string; readonly by: string; readonly at: number; readonly note: string };

/** A difference this actor knows, with its status and everything done about it. */
export type Difference = {
  readonly differenceId: string;
  readonly class: DifferenceClass;
  readonly lines: readonly number[];
  readonly records: readonly string[];
  /** Signed, 4 places: statement minus engine, what an adjustment books. */
  readonly amount: string;
  readonly detail: string;
  /** The statement version its line numbers refer to (the last run's that reported it). */
  readonly statementVersion: string;
  /** That version's statement id; null for a difference last reported before it was kept. */
  readonly statementId: string | null;
  /**
   * Signed, 4 places: what its statement lines booked (a credit adds); null when it names no line or was last
   * reported before it was kept. A transfer settled by this difference is told the line's direction and amount.
   */
  readonly lineEffect: string | null;
  readonly status: DifferenceStatus;
  /** When it was found (or found again after clearing): what its age is counted from. */
  readonly foundAt: number;
  readonly foundInRun: number;
  readonly explanation: Explanation | null;
  readonly proposal: Proposal | null;
  readonly resolution: Resolution | null;
  readonly booking: Booking | null;
  /** Sends of bookings so far, over all resolutions: numbers each send's effect id, unique forever. */
  readonly bookingSends: number;
  readonly history: readonly HistoryEntry[];
  readonly historyOmitted: number;
};

/** The account and day's reconciliation: its runs and the differences they found, keyed by id in found order. */
export type ReconciliationState = {
  /** The last run's currency; null before the first run. */
  readonly currency: string | null;
  readonly runCount: number;
  /** The last `runsKeptMax` runs, oldest first. */
  readonly runs: readonly RunSummary[];
  readonly differences: ReadonlyMap<string, Difference>;
};

export function initialReconciliationState(): ReconciliationState {
  return { currency: null, runCount: 0, runs: [], differences: new Map() };
}

/** The status a difference goes back to when a proposal is rejected or a booking fails. */
export function unresolvedStatusOf(d: Difference): UnresolvedStatus {
  return d.explanation ? "explained" : "open";
}

export function runJson(run: RunSummary): JsonObject {
  return { ...run, matched: { ...run.matched } };
}

function transferJson(transfer: TransferStepRef | null): JsonObject | null {
  return transfer && { ...transfer };
}

export function resolutionJson(r: Resolution): JsonObject {
  return { ...r, transfer: transferJson(r.transfer), run: r.run && { ...r.run } };
}

/** The wire, journal and snapshot form of a difference. */
export function differenceJson(d: Difference): JsonObject {
  return {
    ...d,
    lines: [...d.lines],
    records: [...d.records],
    explanation: d.explanation && { ...d.explanation },
    proposal: d.proposal && { ...d.proposal, transfer: transferJson(d.proposal.transfer) },
    resolution: d.resolution && resolutionJson(d.resolution),
    booking: d.booking && { ...d.booking, resolution: resolutionJson(d.booking.resolution) },
    history: d.history.map((entry) => ({ ...entry })),
  };
}

export function encodeReconciliationState(state: ReconciliationState): JsonObject {
  return {
    currency: state.currency,
    runCount: state.runCount,
    runs: state.runs.map(runJson),
    differences: [...state.differences.values()].map(differenceJson),
  };
}

export function decodeReconciliationState(encoded: JsonObject): ReconciliationState {
  const r = JsonReader.of("an encoded reconciliation state", encoded);
  const differences = r.objects("differences").map(decodeDifference);
  const byId = new Map(differences.map((d) => [d.differenceId, d]));
  if (byId.size !== differences.length) r.fail("differences", "a list of differences with distinct ids");
  return {
    currency: r.textOrNull("currency"),
    runCount: r.integer("runCount"),
    runs: r.objects("runs").map(decodeRun),
    differences: byId,
  };
}

export function decodeRun(r: JsonReader): RunSummary {
  const matched = r.object("matched");
  return {
    runNo: r.integer("runNo"),
    at: r.integer("at"),
    by: r.text("by"),
    statementVersion: r.text("statementVersion"),
    statementId: r.text("statementId"),
    inputsDigest: r.text("inputsDigest"),
    currency: r.text("currency"),
    matched: Object.fromEntries(matchRules.map((rule) => [rule, matched.integer(rule)])) as Record<MatchRule, number>,
    pendingLines: r.integer("pendingLines"),
    lineCount: r.integer("lineCount"),
    recordCount: r.integer("recordCount"),
    differenceCount: r.integer("differenceCount"),
    found: r.integer("found"),
    updated: r.integer("updated"),
    reopened: r.integer("reopened"),
    cleared: r.integer("cleared"),
  };
}

export function decodeDifference(r: JsonReader): Difference {
  const explanation = r.objectOrNull("explanation");
  const proposal = r.objectOrNull("proposal");
  const resolution = r.objectOrNull("resolution");
  const booking = r.objectOrNull("booking");
  return {
    differenceId: r.text("differenceId"),
    class: r.oneOf("class", differenceClasses),
    lines: r.integers("lines"),
    records: r.texts("records"),
    amount: r.text("amount"),
    detail: r.text("detail"),
    statementVersion: r.text("statementVersion"),
    // Absent from differences written before they were kept.
    statementId: r.has("statementId") ? r.textOrNull("statementId") : null,
    lineEffect: r.has("lineEffect") ? r.textOrNull("lineEffect") : null,
    status: r.oneOf("status", differenceStatuses),
    foundAt: r.integer("foundAt"),
    foundInRun: r.integer("foundInRun"),
    explanation: explanation && {
      note: explanation.text("note"),
      evidence: explanation.text("evidence"),
      by: explanation.text("by"),
      at: explanation.integer("at"),
    },
    proposal: proposal && {
      action: proposal.oneOf("action", resolutionActions),
      reason: proposal.text("reason"),
      transfer: decodeTransfer(proposal),
      approvalAbove: proposal.text("approvalAbove"),
      by: proposal.text("by"),
      at: proposal.integer("at"),
    },
    resolution: resolution && decodeResolution(resolution),
    booking: booking && {
      action: booking.oneOf("action", ["adjust", "settleTransfer"] as const),
      resolution: decodeResolution(booking.object("resolution")),
      status: booking.oneOf("status", bookingStatuses),
      failure: booking.textOrNull("failure"),
      at: booking.integer("at"),
    },
    bookingSends: r.integer("bookingSends"),
    history: r.objects("history").map((entry) => ({
      change: entry.text("change"),
      by: entry.text("by"),
      at: entry.integer("at"),
      note: entry.text("note"),
    })),
    historyOmitted: r.integer("historyOmitted"),
  };
}

function decodeResolution(r: JsonReader): Resolution {
  const run = r.objectOrNull("run");
  return {
    action: r.oneOf("action", [...resolutionActions, "cleared"] as const),
    reason: r.text("reason"),
    transfer: decodeTransfer(r),
    by: r.text("by"),
    confirmedBy: r.textOrNull("confirmedBy"),
    at: r.integer("at"),
    run: run && {
      runNo: run.integer("runNo"),
      statementVersion: run.text("statementVersion"),
      inputsDigest: run.text("inputsDigest"),
    },
  };
}

export function decodeTransfer(r: JsonReader): TransferStepRef | null {
  const transfer = r.objectOrNull("transfer");
  return (
    transfer && {
      transferId: transfer.text("transferId"),
      step: transfer.oneOf("step", stepNames),
      bankReference: transfer.textOrNull("bankReference"),
    }
  );
}
