import type { Difference__Output } from "../../protos/generated/liquidity/v1/Difference.js";
import type { DifferenceResolution__Output } from "../../protos/generated/liquidity/v1/DifferenceResolution.js";
import type { DifferenceSummary__Output } from "../../protos/generated/liquidity/v1/DifferenceSummary.js";
import type { DifferenceTransferStep__Output } from "../../protos/generated/liquidity/v1/DifferenceTransferStep.js";
import type { DifferenceUpdate__Output } from "../../protos/generated/liquidity/v1/DifferenceUpdate.js";
import { orDash, record, table, time } from "../output.js";

function stepText(transfer: DifferenceTransferStep__Output | null): string {
  if (!transfer) return "";
  const reference = transfer.bank_reference ? ` (bank reference ${transfer.bank_reference})` : "";
  return ` transfer ${transfer.transfer_id} ${transfer.step}${reference}`;
}

/** How it was closed: the action, by whom (and the checker), when; `-` while not resolved. */
function resolutionText(resolution: DifferenceResolution__Output | null): string {
  if (!resolution) return "-";
  const checker = resolution.confirmed_by ? `, confirmed by ${resolution.confirmed_by}` : "";
  return `${resolution.action}${stepText(resolution.transfer)} by ${resolution.principal}${checker} ${time(resolution.at_ms)}: ${resolution.reason}`;
}

/** One difference whole: what it is, where, its status, what was done about it, and its history. */
export function differenceText(d: Difference__Output): string {
  const pairs: Array<readonly [string, string]> = [
    ["difference", d.difference_id],
    ["account", `${d.account_id} on ${d.date}`],
    ["class", d.difference_class],
    ["amount", `${d.amount} ${d.currency} (statement minus engine)`],
    ["status", d.status],
    ["detail", orDash(d.detail)],
    ["lines", d.lines.length > 0 ? d.lines.join(", ") : "-"],
    ["records", d.records.length > 0 ? d.records.join(", ") : "-"],
    ["found", `${time(d.found_at_ms)} by run ${d.found_in_run}`],
  ];
  if (d.explanation)
    pairs.push([
      "explained",
      `by ${d.explanation.principal} ${time(d.explanation.at_ms)}: ${d.explanation.note}${d.explanation.evidence ? ` (evidence: ${d.explanation.evidence})` : ""}`,
    ]);
  if (d.proposal)
    pairs.push([
      "proposed",
      `${d.proposal.action}${stepText(d.proposal.transfer)} by ${d.proposal.principal} ${time(d.proposal.at_ms)} (above ${d.proposal.approval_above}: needs a second person): ${d.proposal.reason}`,
    ]);
  pairs.push(["resolution", resolutionText(d.resolution)]);
  if (d.booking)
    pairs.push([
      "booking",
      `${d.booking.action} ${d.booking.status}${d.booking.failure ? `: ${d.booking.failure}` : ""}`,
    ]);
  if (d.history_omitted > 0) pairs.push(["history", `${d.history_omitted} older changes in the journal`]);
  for (const entry of d.history)
    pairs.push([time(entry.at_ms), `${entry.change} by ${entry.principal}: ${entry.note}`]);
  return record(pairs);
}

/** Differences as ListDifferences answers them, by account, day and id. */
export function differencesText(differences: readonly DifferenceSummary__Output[]): string {
  const rows = differences.map((d) => [
    d.difference_id,
    d.account_id,
    d.date,
    d.difference_class,
    d.amount,
    orDash(d.currency),
    d.status,
    time(d.found_at_ms),
    d.last_change ? `${d.last_change.change} by ${d.last_change.principal}` : "-",
  ]);
  return table(
    ["difference", "account", "day", "class", "amount", "currency", "status", "found", "last change"],
    rows,
    ["left", "left", "left", "left", "right"],
  );
}

/** One line per change of a watched difference. */
export function differenceUpdateText(update: DifferenceUpdate__Output): string {
  const d = update.difference;
  return `${time(d?.last_change?.at_ms)}  ${orDash(d?.difference_id)}  ${update.cause}  ${orDash(d?.status)}  ${orDash(d?.account_id)} ${orDash(d?.date)}  ${orDash(d?.amount)} ${orDash(d?.currency)}\n`;
}
