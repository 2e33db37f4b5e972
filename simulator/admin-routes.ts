import type { IncomingMessage, ServerResponse } from "node:http";
import { formatAmount } from "../actors/shared/amount.js";
import type { SimAccount, SimTransaction } from "./book.js";
import { faultsToJson, parseFaults } from "./faults.js";
import { readJson, sendJson } from "./http-io.js";
import { createAccountFrom, createBankFrom } from "./setup.js";
import type { BankSimulator } from "./simulator.js";
import { asObject, requiredAmount, SimulatorRequestError } from "./wire.js";

/**
 * `/admin/...`: set up banks and accounts, switch faults, read the conservation totals and the transaction list.
 * No authentication: the simulator is a test tool and must only listen on loopback.
 */
export async function routeAdmin(
  simulator: BankSimulator,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  rest: readonly string[],
): Promise<void> {
  const method = request.method ?? "";
  const [first, bankCode, third, account, action, ...more] = rest;
  // The route with its bank code and account replaced by placeholders, e.g. "POST banks/{b}/accounts/{a}/fund".
  const shape =
    first === "banks"
      ? [first, bankCode === undefined ? undefined : "{b}", third, account === undefined ? undefined : "{a}", action]
      : rest;
  const route = `${method} ${shape.filter((part) => part !== undefined).join("/")}`;
  if (more.length > 0) throw new SimulatorRequestError(404, "no_route", `no route ${method} ${url.pathname}`);
  switch (route) {
    case "POST banks":
      return sendJson(response, 200, { code: createBankFrom(simulator, asObject(await readJson(request), "a bank")) });
    case "POST banks/{b}/accounts": {
      const body = asObject(await readJson(request), "an account");
      requireBank(simulator, bankCode);
      createAccountFrom(simulator, bankCode!, body);
      return sendJson(response, 201, accountJson(simulator.book.requireAccount(bankCode!, String(body["account"]))));
    }
    case "POST banks/{b}/accounts/{a}/fund": {
      const amount = requiredAmount(asObject(await readJson(request), "a funding"), "amount");
      return sendJson(response, 200, accountJson(simulator.book.fund(bankCode!, account!, amount)));
    }
    case "POST banks/{b}/accounts/{a}/block":
    case "POST banks/{b}/accounts/{a}/unblock":
      return sendJson(response, 200, accountJson(simulator.book.setBlocked(bankCode!, account!, action === "block")));
    case "GET banks/{b}/accounts/{a}":
      return sendJson(response, 200, accountJson(simulator.book.requireAccount(bankCode!, account!)));
    case "POST banks/{b}/faults": {
      const faults = parseFaults(await readJson(request));
      requireBank(simulator, bankCode);
      simulator.faults.set(bankCode!, faults);
      return sendJson(response, 200, faultsToJson(faults));
    }
    case "GET banks/{b}/faults":
      requireBank(simulator, bankCode);
      return sendJson(response, 200, faultsToJson(simulator.faults.get(bankCode!)));
    case "POST faults/reset":
      simulator.faults.reset(url.searchParams.get("bank") ?? undefined);
      return sendJson(response, 200, { ok: true });
    case "GET totals":
      return sendJson(response, 200, { currencies: simulator.book.totals() });
    case "GET transactions": {
      const filter = {
        bankCode: url.searchParams.get("bank") ?? undefined,
        serialPrefix: url.searchParams.get("serialPrefix") ?? undefined,
      };
      return sendJson(response, 200, { transactions: simulator.book.transactions(filter).map(transactionJson) });
    }
    default:
      throw new SimulatorRequestError(404, "no_route", `no route ${method} ${url.pathname}`);
  }
}

function requireBank(simulator: BankSimulator, bankCode: string | undefined): void {
  if (bankCode === undefined || !simulator.book.hasBank(bankCode))
    throw new SimulatorRequestError(404, "unknown_bank", `no bank ${bankCode ?? ""}`);
}

function accountJson(account: SimAccount): Record<string, unknown> {
  return {
    bankCode: account.bankCode,
    account: account.account,
    currency: account.currency,
    balance: formatAmount(account.balance),
    blocked: account.blocked,
  };
}

function transactionJson(transaction: SimTransaction): Record<string, unknown> {
  const { instruction } = transaction;
  return {
    bankCode: transaction.bankCode,
    serial: instruction.serial,
    type: instruction.type,
    status: transaction.status,
    amount: formatAmount(instruction.amount),
    currency: instruction.currency,
    account: instruction.account,
    bankReference: transaction.bankReference,
    ...(transaction.reason === undefined ? {} : { reason: transaction.reason }),
    ...(transaction.flight === undefined ? {} : { flight: transaction.flight }),
    moneyMoves: transaction.moneyMoves,
    receivedAt: transaction.receivedAt.toISOString(),
    ...(transaction.traceparent === undefined ? {} : { traceparent: transaction.traceparent }),
  };
}
