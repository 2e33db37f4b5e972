import { jsonOfStruct } from "../../adapters/grpc/struct.js";
import type { Json, JsonObject } from "../../runtime/json.js";
import type { AccountView__Output } from "../../protos/generated/liquidity/v1/AccountView.js";
import type { CommandResult__Output } from "../../protos/generated/liquidity/v1/CommandResult.js";
import type { GetAccountHistoryResponse__Output } from "../../protos/generated/liquidity/v1/GetAccountHistoryResponse.js";
import type { LedgerAsOf__Output } from "../../protos/generated/liquidity/v1/LedgerAsOf.js";
import type { Position__Output } from "../../protos/generated/liquidity/v1/Position.js";
import type { PositionSummary__Output } from "../../protos/generated/liquidity/v1/PositionSummary.js";
import type { PositionUpdate__Output } from "../../protos/generated/liquidity/v1/PositionUpdate.js";
import { orDash, record, table, time } from "../output.js";

const positionHead = ["ledger", "frozen", "in transit debit", "in transit credit", "available"] as const;

function positionCells(position: Position__Output | null): string[] {
  if (!position) return positionHead.map(() => "-");
  return [position.ledger, position.frozen, position.in_transit_debit, position.in_transit_credit, position.available];
}

/** One account as its actor holds it (GetPosition, OpenAccount). */
export function accountViewText(view: AccountView__Output): string {
  const cells = positionCells(view.position);
  return record([
    ["account", view.account_id],
    ["currency", view.currency],
    ["pool", view.pool],
    ["status", view.status],
    ...positionHead.map((name, index) => [name, cells[index]!] as const),
    ["overdraft limit", view.overdraft_limit],
    ["counts in-transit credit", view.count_in_transit_credit ? "yes" : "no"],
    ["active freezes", String(view.active_freezes)],
    ["active reservations", String(view.active_reservations)],
  ]);
}

/** The ledger at the end of a booking day (GetLedgerAsOf). */
export function ledgerAsOfText(answer: LedgerAsOf__Output): string {
  return record([
    ["account", answer.account_id],
    ["as of the end of", answer.date],
    ["ledger", answer.ledger],
    ["booked after", answer.booked_after],
  ]);
}

/** Positions from the directory (ListPositions), amounts right-aligned. */
export function positionsText(positions: readonly PositionSummary__Output[]): string {
  const rows = positions.map((summary) => [
    summary.account_id,
    summary.currency,
    summary.pool,
    summary.status,
    ...positionCells(summary.position),
    time(summary.recorded_at_ms),
  ]);
  return table(["account", "currency", "pool", "status", ...positionHead, "changed"], rows, [
    "left",
    "left",
    "left",
    "left",
    "right",
    "right",
    "right",
    "right",
    "right",
  ]);
}

/** The answer to an account command: what happened in one line, then the position after it. */
export function commandResultText(headline: string, result: CommandResult__Output, repeatHint: string): string {
  const what = result.duplicate
    ? `duplicate: nothing applied now (the stored outcome of ${result.command_id}, journal entry ${result.entry_seq}; the position is the one of then)`
    : `${headline}: journal entry ${result.entry_seq} (command ${result.command_id}; ${repeatHint})`;
  return `${what}\n${table(
    [...positionHead],
    [positionCells(result.position)],
    positionHead.map(() => "right"),
  )}`;
}

/** An event's fields in short: its own fields as name=value, then the ledger after it. */
export function eventSummary(type: string, data: JsonObject): string {
  const own = Object.entries(data).filter(
    ([name, value]) =>
      !["type", "position", "account"].includes(name) && value !== "" && value !== null && typeof value !== "object",
  );
  const position = data["position"] as JsonObject | undefined;
  const ledger = position && typeof position["ledger"] === "string" ? ` -> ledger ${position["ledger"]}` : "";
  return `${type}${own.map(([name, value]) => ` ${name}=${String(value as Json)}`).join("")}${ledger}`;
}

/** The history with each event's data as plain JSON (the wire carries it as a google.protobuf.Struct). */
export function historyJson(history: GetAccountHistoryResponse__Output): JsonObject {
  return {
    entries: history.entries.map((entry) => ({
      entry_seq: entry.entry_seq,
      command_id: entry.command_id,
      command_type: entry.command_type,
      principal: entry.principal,
      recorded_at_ms: entry.recorded_at_ms,
      events: entry.events.map((event) => ({
        event_seq: event.event_seq,
        type: event.type,
        data: jsonOfStruct(event.data),
      })),
    })),
    next_after_entry_seq: history.next_after_entry_seq,
  };
}

export function historyText(history: GetAccountHistoryResponse__Output): string {
  const rows = history.entries.map((entry) => [
    entry.entry_seq,
    time(entry.recorded_at_ms),
    entry.command_id,
    entry.principal,
    entry.events.map((event) => eventSummary(event.type, jsonOfStruct(event.data))).join("\n") || "-",
  ]);
  return table(["seq", "recorded", "command", "principal", "events"], rows, ["right"]);
}

/** One line per change of a watched position. */
export function positionUpdateText(update: PositionUpdate__Output): string {
  const summary = update.summary;
  const position = summary?.position;
  return `${time(summary?.recorded_at_ms)}  ${orDash(summary?.account_id)}  ${update.cause}  ledger ${orDash(position?.ledger)}  available ${orDash(position?.available)} ${orDash(summary?.currency)}${update.command_id ? `  ${update.command_id}` : ""}\n`;
}
