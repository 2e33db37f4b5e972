import type { TransferRecord } from "../../actors/transfer/read-model.js";
import { splitAccount } from "../../actors/transfer/steps.js";
import { isJsonObject, type Json, type JsonObject } from "../../runtime/json.js";
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

const text = (value: Json | undefined): string => (typeof value === "string" ? value : "");
const count = (value: Json | undefined): number => (typeof value === "number" ? value : 0);
const millis = (value: Json | undefined): string => String(typeof value === "number" ? value : 0);
const object = (value: Json | undefined): JsonObject | null => (isJsonObject(value) ? value : null);

/** The actor's view of a transfer (its `get` reply) as a Transfer message. */
export function transferOf(view: JsonObject, withTimeline: boolean): Transfer {
  const request = object(view["request"]) ?? {};
  const step = object(view["step"]);
  const failure = object(view["failure"]);
  const resolution = object(view["resolution"]);
  const reservations = object(view["reservations"]) ?? {};
  const references = object(view["bankReferences"]) ?? {};
  const timeline = Array.isArray(view["timeline"]) ? view["timeline"] : [];
  return {
    transfer_id: text(view["transferId"]),
    status: text(view["status"]),
    from: accountKeyOf(text(request["from"])),
    to: accountKeyOf(text(request["to"])),
    amount: text(request["amount"]),
    currency: text(request["currency"]),
    speed: text(request["speed"]),
    debit_channel: text(request["debitChannel"]),
    credit_channel: text(request["creditChannel"]),
    approval_required: request["approvalRequired"] === true,
    failover: text(request["failover"]),
    reference: text(request["reference"]),
    created_by: text(view["createdBy"]),
    created_at_ms: millis(view["createdAt"]),
    updated_at_ms: millis(view["updatedAt"]),
    approved_by: text(view["approvedBy"]),
    step: step && stepOf(step),
    bank_references: Object.fromEntries(Object.entries(references).map(([name, reference]) => [name, text(reference)])),
    failure: failure && { code: text(failure["code"]), message: text(failure["message"]) },
    resolution: resolution && { outcome: text(resolution["outcome"]), evidence: text(resolution["evidence"]), resolved_by: text(resolution["by"]) },
    debit_reservation: text(reservations["debit"]),
    credit_reservation: text(reservations["credit"]),
    position_tasks_pending: count(view["positionTasksPending"]),
    timeline: withTimeline ? timeline.filter(isJsonObject).map(timelineItemOf) : [],
  };
}

function stepOf(step: JsonObject): TransferStep {
  return { name: text(step["name"]), phase: text(step["phase"]), channel: text(step["channel"]), sends: count(step["sends"]), queries: count(step["queries"]), fee: text(step["fee"]) };
}

function timelineItemOf(item: JsonObject): TimelineItem {
  return { at_ms: millis(item["at"]), status: text(item["status"]), event: text(item["event"]), note: text(item["note"]) };
}

/** A read-model record (or a watched state) as a TransferSummary; request fields are empty when unknown. */
export function summaryOf(record: TransferRecord): TransferSummary {
  const request = record.request;
  return {
    transfer_id: record.transferId,
    status: record.status,
    from: request ? accountKeyOf(request.from) : null,
    to: request ? accountKeyOf(request.to) : null,
    amount: request?.amount ?? "",
    currency: request?.currency ?? "",
    speed: request?.speed ?? "",
    approval_required: request?.approvalRequired ?? false,
    reference: request?.reference ?? "",
    created_by: request?.createdBy ?? "",
    created_at_ms: String(record.createdAt),
    updated_at_ms: String(record.updatedAt),
    event_seq: String(record.eventSeq),
  };
}
