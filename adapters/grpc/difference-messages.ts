import type { Difference as ActorDifference, ResolutionAction } from "../../actors/reconciliation/index.js";
import type { TransferStepRef } from "../../actors/reconciliation/commands.js";
import type { DifferenceEntry, ResolutionSummary } from "../../read-models/difference-directory.js";
import type { Difference } from "../../protos/generated/liquidity/v1/Difference.js";
import type { DifferenceResolution } from "../../protos/generated/liquidity/v1/DifferenceResolution.js";
import type { DifferenceSummary } from "../../protos/generated/liquidity/v1/DifferenceSummary.js";
import type { DifferenceTransferStep } from "../../protos/generated/liquidity/v1/DifferenceTransferStep.js";

/** Resolution actions as the wire names them (differences.proto), each to the actor's name. */
export const wireActions = {
  adjust: "adjust",
  settle_transfer: "settleTransfer",
  no_booking: "noBooking",
} as const satisfies Record<string, ResolutionAction>;

export type WireAction = keyof typeof wireActions;

/** The wire name of an actor's action; `cleared` (closed by a run) is the same on both sides. */
export function wireActionOf(action: ResolutionAction | "cleared"): string {
  switch (action) {
    case "adjust":
      return "adjust";
    case "settleTransfer":
      return "settle_transfer";
    case "noBooking":
      return "no_booking";
    case "cleared":
      return "cleared";
  }
}

function transferOf(transfer: TransferStepRef | null): DifferenceTransferStep | null {
  return (
    transfer && { transfer_id: transfer.transferId, step: transfer.step, bank_reference: transfer.bankReference ?? "" }
  );
}

/** A difference whole, from its reconciliation's `get` (actors/reconciliation/state.ts) to the wire. */
export function differenceOf(
  d: ActorDifference,
  key: { accountId: string; date: string; currency: string | null },
): Difference {
  return {
    difference_id: d.differenceId,
    account_id: key.accountId,
    date: key.date,
    difference_class: d.class,
    amount: d.amount,
    currency: key.currency ?? "",
    status: d.status,
    detail: d.detail,
    lines: [...d.lines],
    records: [...d.records],
    statement_version: d.statementVersion,
    found_at_ms: String(d.foundAt),
    found_in_run: d.foundInRun,
    explanation: d.explanation && {
      note: d.explanation.note,
      evidence: d.explanation.evidence,
      principal: d.explanation.by,
      at_ms: String(d.explanation.at),
    },
    proposal: d.proposal && {
      action: wireActionOf(d.proposal.action),
      reason: d.proposal.reason,
      transfer: transferOf(d.proposal.transfer),
      approval_above: d.proposal.approvalAbove,
      principal: d.proposal.by,
      at_ms: String(d.proposal.at),
    },
    resolution: d.resolution && {
      action: wireActionOf(d.resolution.action),
      reason: d.resolution.reason,
      transfer: transferOf(d.resolution.transfer),
      principal: d.resolution.by,
      confirmed_by: d.resolution.confirmedBy ?? "",
      at_ms: String(d.resolution.at),
      run_no: d.resolution.run?.runNo ?? 0,
    },
    booking: d.booking && {
      action: wireActionOf(d.booking.action),
      status: d.booking.status,
      failure: d.booking.failure ?? "",
      at_ms: String(d.booking.at),
    },
    history: d.history.map((entry) => ({
      change: entry.change,
      principal: entry.by,
      at_ms: String(entry.at),
      note: entry.note,
    })),
    history_omitted: d.historyOmitted,
  };
}

function resolutionSummaryOf(r: ResolutionSummary): DifferenceResolution {
  return {
    action: wireActionOf(r.action),
    reason: r.reason,
    transfer: null,
    principal: r.by,
    confirmed_by: r.confirmedBy ?? "",
    at_ms: String(r.at),
    run_no: 0,
  };
}

/** A difference as the directory lists it. */
export function differenceSummaryOf(d: DifferenceEntry): DifferenceSummary {
  return {
    difference_id: d.differenceId,
    account_id: d.accountId,
    date: d.date,
    difference_class: d.class,
    amount: d.amount,
    currency: d.currency ?? "",
    status: d.status,
    detail: d.detail,
    found_at_ms: String(d.foundAt),
    last_change: { change: d.lastChange.change, principal: d.lastChange.by, at_ms: String(d.lastChange.at) },
    proposal: d.proposal && {
      action: wireActionOf(d.proposal.action),
      reason: d.proposal.reason,
      transfer: null,
      approval_above: d.proposal.approvalAbove,
      principal: d.proposal.by,
      at_ms: String(d.proposal.at),
    },
    resolution: d.resolution && resolutionSummaryOf(d.resolution),
    booking_status: d.booking?.status ?? "",
  };
}
