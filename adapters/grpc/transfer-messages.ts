import type { TransferRequest } from "../../actors/transfer/commands.js";
import type { TransferRecord, TransferRequestSummary } from "../../read-models/transfer-read-model.js";
import type { TimelineItem as TimelineItemState } from "../../actors/transfer/state.js";
import { splitAccount } from "../../actors/transfer/steps.js";
import type { TransferStepView, TransferView } from "../../actors/transfer/view.js";
import type { AccountKey } from "../../protos/generated/liquidity/v1/AccountKey.js";
import type { TimelineItem } from "../../protos/generated/liquidity/v1/TimelineItem.js";
import type { Transfer } from "../../protos/generated/liquidity/v1/Transfer.js";
import type { TransferStep } from "../../protos/generated/liquidity/v1/TransferStep.js";
import type { TransferSummary } from "../../protos/generated/liquidity/v1/TransferSummary.js";

/** Transfer views (actors/transfer/view.ts) and read-model records as protobuf messages. Amounts stay strings. */

function accountKeyOf(accountId: string): AccountKey {
  const [bankCode, accountNumber] = splitAccount(accountId);
  return { bank_code: bankCode, account_number: accountNumber };
}

/** The actor's view of a transfer (a command's or `get`'s reply) as a Transfer message. */
export function transferOf(view: TransferView, withTimeline: boolean): Transfer {
  const { step, failure, resolution, pendingResolution, reservations } = view;
  return {
    ...requestFieldsOf(view.request),
    transfer_id: view.transferId,
    status: view.status,
    created_by: view.createdBy,
    created_at_ms: String(view.createdAt),
    updated_at_ms: String(view.updatedAt),
    approved_by: view.approvedBy ?? "",
    step: step && stepOf(step),
    bank_references: Object.fromEntries(
      Object.entries(view.bankReferences).map(([name, reference]) => [name, reference ?? ""]),
    ),
    failure: failure && { code: failure.code, message: failure.message },
    resolution: resolution && {
      outcome: resolution.outcome,
      evidence: resolution.evidence,
      resolved_by: resolution.by,
      confirmed_by: resolution.confirmedBy ?? "",
      requested_at_ms: "0",
    },
    pending_resolution: pendingResolution && {
      outcome: pendingResolution.outcome,
      evidence: pendingResolution.evidence,
      resolved_by: pendingResolution.by,
      confirmed_by: "",
      requested_at_ms: String(pendingResolution.at),
    },
    debit_reservation: reservations.debit,
    credit_reservation: reservations.credit,
    position_tasks_pending: view.positionTasksPending,
    timeline: withTimeline ? (view.timeline ?? []).map(timelineItemOf) : [],
  };
}

/** What a validated create would make (`validate_only`): its request and creator; nothing has happened yet. */
export function transferPreviewOf(transferId: string, request: TransferRequest, createdBy: string): Transfer {
  return {
    ...requestFieldsOf(request),
    transfer_id: transferId,
    status: "",
    created_by: createdBy,
    created_at_ms: "0",
    updated_at_ms: "0",
    approved_by: "",
    step: null,
    bank_references: {},
    failure: null,
    resolution: null,
    pending_resolution: null,
    debit_reservation: "",
    credit_reservation: "",
    position_tasks_pending: 0,
    timeline: [],
  };
}

/** A transfer's request as fields of a Transfer message; empty before the transfer exists. */
function requestFieldsOf(request: TransferRequest | undefined) {
  return {
    ...termsOf(request),
    from: accountKeyOf(request?.from ?? ""),
    to: accountKeyOf(request?.to ?? ""),
    debit_channel: request?.debitChannel ?? "",
    credit_channel: request?.creditChannel ?? "",
    failover: request?.failover ?? "",
  } satisfies Partial<Transfer>;
}

/** The request's terms, as both a Transfer and a TransferSummary carry them; empty when the request is unknown. */
function termsOf(request: Omit<TransferRequestSummary, "createdBy" | "createdAt"> | undefined) {
  return {
    amount: request?.amount ?? "",
    currency: request?.currency ?? "",
    speed: request?.speed ?? "",
    approval_required: request?.approvalRequired ?? false,
    reference: request?.reference ?? "",
    execute_at_ms: String(request?.executeAt ?? 0),
  } satisfies Partial<Transfer> & Partial<TransferSummary>;
}

function stepOf(step: TransferStepView): TransferStep {
  return {
    name: step.name,
    phase: step.phase,
    channel: step.channel,
    sends: step.sends,
    queries: step.queries,
    fee: step.fee ?? "",
  };
}

function timelineItemOf(item: TimelineItemState): TimelineItem {
  return { at_ms: String(item.at), status: item.status, event: item.event, note: item.note };
}

/** A read-model record (or a watched state) as a TransferSummary; request fields are empty when unknown. */
export function summaryOf(record: TransferRecord): TransferSummary {
  const request = record.request;
  return {
    ...termsOf(request ?? undefined),
    transfer_id: record.transferId,
    status: record.status,
    from: request ? accountKeyOf(request.from) : null,
    to: request ? accountKeyOf(request.to) : null,
    created_by: request?.createdBy ?? "",
    created_at_ms: String(record.createdAt),
    updated_at_ms: String(record.updatedAt),
    event_seq: String(record.eventSeq),
  };
}
