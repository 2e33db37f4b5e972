import type { IncomingMessage, ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { formatAmount } from "../actors/shared/amount.js";
import { parseTraceparent, traceparentHeader } from "../runtime/trace-context.js";
import type { CallPlan, FaultOperation } from "./faults.js";
import { dropConnection, readJson, sendJson, sendText } from "./http-io.js";
import type { BankSimulator } from "./simulator.js";
import { dayStatement, isCalendarDate, renderCamt053, renderCsv } from "./statement.js";
import { parseInstruction, serialPattern, SimulatorRequestError, type InstructionType } from "./wire.js";

/** What the bank routes need: the simulator and a signal that ends with the server (to cut latency waits short). */
export interface RouteContext {
  readonly simulator: BankSimulator;
  readonly lifetime: AbortSignal;
}

/** `/banks/{bankCode}/...`: the API of one bank. `rest` is the path after the bank code. */
export async function routeBank(
  context: RouteContext,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  bankCode: string,
  rest: readonly string[],
): Promise<void> {
  const { simulator } = context;
  if (!simulator.book.hasBank(bankCode)) throw new SimulatorRequestError(404, "unknown_bank", `no bank ${bankCode}`);
  const unavailable = simulator.faults.unavailability(bankCode, simulator.now());
  const [first, second, third, ...more] = rest;
  if (request.method === "GET" && first === "health" && rest.length === 1) {
    return unavailable
      ? sendJson(response, 503, { ok: false, code: unavailable })
      : sendJson(response, 200, { ok: true });
  }
  if (unavailable)
    return sendJson(response, 503, { code: unavailable, message: `bank ${bankCode} is unavailable (${unavailable})` });
  if (
    request.method === "POST" &&
    rest.length === 1 &&
    (first === "debit" || first === "credit" || first === "reversal")
  ) {
    return moneyCall(context, request, response, bankCode, first);
  }
  if (request.method === "GET" && first === "transactions" && second !== undefined && rest.length === 2)
    return queryCall(context, response, bankCode, second);
  if (request.method === "GET" && first === "accounts" && second !== undefined && more.length === 0) {
    if (third === "balance") return balanceCall(context, response, bankCode, second);
    if (third === "statement") return statementCall(context, response, url, bankCode, second);
  }
  throw new SimulatorRequestError(404, "no_route", `no route ${request.method ?? "?"} ${url.pathname}`);
}

async function latency(context: RouteContext, milliseconds: number): Promise<void> {
  if (milliseconds > 0) await sleep(milliseconds, undefined, { signal: context.lifetime });
}

/** Applies the call plan's faults around `run`, which answers with JSON unless the connection is to be dropped. */
async function withPlan(
  context: RouteContext,
  response: ServerResponse,
  bankCode: string,
  op: FaultOperation,
  serial: string,
  run: (plan: CallPlan) => unknown,
): Promise<void> {
  const plan = context.simulator.faults.plan(bankCode, op, serial);
  await latency(context, plan.latencyMs);
  if (plan.before === "error503")
    return sendJson(response, 503, { code: "scripted_error", message: `scripted 503 for ${op} ${serial}` });
  if (plan.before === "drop") return dropConnection(response);
  const answer = run(plan);
  if (plan.dropAfter) return dropConnection(response);
  sendJson(response, 200, answer);
}

async function moneyCall(
  context: RouteContext,
  request: IncomingMessage,
  response: ServerResponse,
  bankCode: string,
  type: InstructionType,
): Promise<void> {
  const instruction = parseInstruction(type, await readJson(request));
  const header = request.headers[traceparentHeader];
  // Kept only when valid: an invalid header is ignored, as the engine ignores one (ADR 009 §1).
  const traceparent = typeof header === "string" && parseTraceparent(header) ? header.trim() : undefined;
  await withPlan(context, response, bankCode, type, instruction.serial, (plan) =>
    context.simulator.submit(bankCode, instruction, plan, traceparent),
  );
}

async function queryCall(
  context: RouteContext,
  response: ServerResponse,
  bankCode: string,
  serial: string,
): Promise<void> {
  if (!serialPattern.test(serial))
    throw new SimulatorRequestError(400, "invalid_serial", `serial does not match ${String(serialPattern)}`);
  await withPlan(context, response, bankCode, "query", serial, () => context.simulator.query(bankCode, serial));
}

async function balanceCall(
  context: RouteContext,
  response: ServerResponse,
  bankCode: string,
  account: string,
): Promise<void> {
  const { simulator } = context;
  await latency(context, simulator.faults.get(bankCode).latencyMs);
  const found = simulator.book.requireAccount(bankCode, account);
  sendJson(response, 200, {
    account,
    currency: found.currency,
    balance: formatAmount(found.balance),
    asOf: simulator.now().toISOString(),
  });
}

async function statementCall(
  context: RouteContext,
  response: ServerResponse,
  url: URL,
  bankCode: string,
  account: string,
): Promise<void> {
  const { simulator } = context;
  const date = url.searchParams.get("date") ?? "";
  const format = url.searchParams.get("format") ?? "camt053";
  if (!isCalendarDate(date))
    throw new SimulatorRequestError(400, "invalid_date", "date must be a calendar day YYYY-MM-DD");
  if (format !== "camt053" && format !== "csv")
    throw new SimulatorRequestError(400, "invalid_format", 'format must be "camt053" or "csv"');
  await latency(context, simulator.faults.get(bankCode).latencyMs);
  const statement = dayStatement(simulator.book.requireAccount(bankCode, account), date, simulator.now());
  if (format === "csv") return sendText(response, "text/csv; charset=utf-8", renderCsv(statement));
  sendText(response, "application/xml; charset=utf-8", renderCamt053(statement));
}
