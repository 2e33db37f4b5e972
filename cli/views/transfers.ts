import type { Transfer__Output } from "../../protos/generated/liquidity/v1/Transfer.js";
import type { TransferRoute__Output } from "../../protos/generated/liquidity/v1/TransferRoute.js";
import type { TransferSummary__Output } from "../../protos/generated/liquidity/v1/TransferSummary.js";
import type { TransferUpdate__Output } from "../../protos/generated/liquidity/v1/TransferUpdate.js";
import { accountText, orDash, record, table, time } from "../output.js";

/** Where the saga stops moving by itself (docs/transfers.md); MANUAL_INTERVENTION waits for an operator. */
export const finalStatuses: readonly string[] = [
  "SUCCESS",
  "FAILED",
  "CANCELLED",
  "COMPENSATED",
  "CLOSED",
  "MANUAL_INTERVENTION",
];

/** A transfer as its actor holds it, then its timeline when there is one. */
export function transferText(transfer: Transfer__Output): string {
  const step = transfer.step;
  const references = Object.entries(transfer.bank_references)
    .map(([name, reference]) => `${name} ${reference}`)
    .join(", ");
  const pairs: Array<readonly [string, string]> = [
    ["transfer", transfer.transfer_id],
    ["status", orDash(transfer.status)],
    ["from", accountText(transfer.from)],
    ["to", accountText(transfer.to)],
    ["amount", `${transfer.amount} ${transfer.currency}`],
    ["speed", orDash(transfer.speed)],
    ["channels", `debit ${orDash(transfer.debit_channel)}, credit ${orDash(transfer.credit_channel)}`],
    ["failover", orDash(transfer.failover)],
    [
      "approval",
      transfer.approval_required
        ? `required${transfer.approved_by ? `, approved by ${transfer.approved_by}` : ""}`
        : "not required",
    ],
    ["reference", orDash(transfer.reference)],
    ["created", `${time(transfer.created_at_ms)} by ${orDash(transfer.created_by)}`],
    ["updated", time(transfer.updated_at_ms)],
  ];
  if (transfer.execute_at_ms !== "0") pairs.push(["execute at", time(transfer.execute_at_ms)]);
  if (step)
    pairs.push([
      "step",
      `${step.name} ${step.phase} on ${orDash(step.channel)} (sends ${step.sends}, queries ${step.queries}${step.fee ? `, fee ${step.fee}` : ""})`,
    ]);
  if (references) pairs.push(["bank references", references]);
  if (transfer.failure) pairs.push(["failure", `${transfer.failure.message} (${transfer.failure.code})`]);
  const { resolution, pending_resolution: pending } = transfer;
  if (resolution)
    pairs.push([
      "resolution",
      `${resolution.outcome} by ${resolution.resolved_by}${resolution.confirmed_by ? `, confirmed by ${resolution.confirmed_by}` : ""}: ${resolution.evidence}`,
    ]);
  if (pending)
    pairs.push([
      "resolution asked",
      `${pending.outcome} by ${pending.resolved_by} at ${time(pending.requested_at_ms)}: ${pending.evidence} (waiting for an approver's confirm-resolution)`,
    ]);
  pairs.push([
    "reservations",
    `debit ${orDash(transfer.debit_reservation)}, credit ${orDash(transfer.credit_reservation)}`,
  ]);
  pairs.push(["position tasks pending", String(transfer.position_tasks_pending)]);
  const timeline =
    transfer.timeline.length === 0
      ? ""
      : table(
          ["at", "status", "event", "note"],
          transfer.timeline.map((item) => [time(item.at_ms), item.status, item.event, orDash(item.note)]),
        );
  return record(pairs) + timeline;
}

/** The route the engine chose for a create that left channels out: the pair, its fee, every channel considered. */
export function routeText(route: TransferRoute__Output): string {
  const pairs: Array<readonly [string, string]> = [
    ["route", `debit ${route.debit_channel}, credit ${route.credit_channel}`],
    ["fee", `${route.fee} (debit ${route.debit_fee} + credit ${route.credit_fee})`],
    ["cut-off", orDash(route.cutoff)],
  ];
  const considered = table(
    ["end", "channel", "fee", "cut-off", "usable now"],
    route.considered.map((channel) => [
      channel.end,
      channel.channel_id,
      orDash(channel.fee),
      orDash(channel.cutoff),
      channel.usable ? "yes" : channel.reason,
    ]),
  );
  return record(pairs) + considered;
}

/** Transfers from the read model (ListTransfers), newest first. */
export function transfersText(transfers: readonly TransferSummary__Output[]): string {
  const rows = transfers.map((summary) => [
    summary.transfer_id,
    summary.status === "SCHEDULED" ? `SCHEDULED for ${time(summary.execute_at_ms)}` : summary.status,
    accountText(summary.from),
    accountText(summary.to),
    summary.amount,
    summary.currency,
    orDash(summary.speed),
    time(summary.created_at_ms),
    time(summary.updated_at_ms),
  ]);
  return table(["transfer", "status", "from", "to", "amount", "currency", "speed", "created", "status since"], rows, [
    "left",
    "left",
    "left",
    "left",
    "right",
  ]);
}

/** One line per change of a watched transfer. */
export function transferUpdateText(update: TransferUpdate__Output): string {
  const summary = update.transfer;
  return `${time(summary?.updated_at_ms)}  ${orDash(summary?.transfer_id)}  ${update.cause}  ${orDash(summary?.status)}  ${accountText(summary?.from)} -> ${accountText(summary?.to)}  ${orDash(summary?.amount)} ${orDash(summary?.currency)}\n`;
}
