import { parseAmount } from "../../actors/shared/amount.js";
import { formatTraceparent, traceparentHeader } from "../../runtime/trace-context.js";
import {
  BankOutcomeUnknown,
  BankRequestInvalid,
  type BankAdapter,
  type BankAnswer,
  type BankBalance,
  type BankCallContext,
  type BankQueryAnswer,
  type CreditRequest,
  type DebitRequest,
  type ReversalRequest,
  type StatementFormat,
} from "./bank-adapter.js";

/** Bodies the adapter reads from a bank are capped: a statement of one day is far below this. */
const responseSizeMaxBytes = 16 * 1024 * 1024;

/**
 * The bank port over HTTP/JSON (the bank simulator's API, `bin/bank-simulator.ts`). Only an answer the bank
 * certainly gave is mapped to a result: 200 with a well-formed body, or 400/404/409 (`BankRequestInvalid`).
 * Everything else — timeout, reset, network error, 5xx, any other status, a malformed body — may hide a processed
 * call and is thrown as `BankOutcomeUnknown`, to be resolved by a status query with the same serial. A call made
 * in a trace sends it as the `traceparent` header (ADR 009 §4).
 */
export class HttpBankAdapter implements BankAdapter {
  private readonly bankUrl: string;

  constructor(
    readonly bankCode: string,
    baseUrl: string,
    private readonly callTimeoutMs: number,
    private readonly defaultCallbackUrl?: string,
  ) {
    if (!Number.isInteger(callTimeoutMs) || callTimeoutMs <= 0)
      throw new RangeError("callTimeoutMs must be a positive integer");
    this.bankUrl = `${baseUrl.replace(/\/+$/, "")}/banks/${encodeURIComponent(bankCode)}`;
  }

  debit(request: DebitRequest, context?: BankCallContext): Promise<BankAnswer> {
    return this.moneyCall("debit", request, context);
  }

  credit(request: CreditRequest, context?: BankCallContext): Promise<BankAnswer> {
    return this.moneyCall("credit", request, context);
  }

  reverse(request: ReversalRequest, context?: BankCallContext): Promise<BankAnswer> {
    return this.moneyCall("reversal", request, context);
  }

  async queryStatus(serial: string, context?: BankCallContext): Promise<BankQueryAnswer> {
    const what = `query ${serial}`;
    const body = await this.json(what, `/transactions/${encodeURIComponent(serial)}`, undefined, context);
    if (isRecord(body) && body["status"] === "not_found") return { status: "not_found" };
    return toAnswer(`${this.bankCode} ${what}`, body);
  }

  async balance(account: string): Promise<BankBalance> {
    const what = `balance of ${account}`;
    const body = await this.json(what, `/accounts/${encodeURIComponent(account)}/balance`);
    const valid =
      isRecord(body) &&
      body["account"] === account &&
      typeof body["currency"] === "string" &&
      parseAmount(body["balance"], { allowNegative: true, allowZero: true }).ok &&
      typeof body["asOf"] === "string";
    if (!valid) throw new BankOutcomeUnknown(`${this.bankCode} ${what}: malformed answer`);
    return {
      account,
      currency: body["currency"] as string,
      balance: body["balance"] as string,
      asOf: body["asOf"] as string,
    };
  }

  async statement(account: string, date: string, format: StatementFormat): Promise<string> {
    const query = new URLSearchParams({ date, format });
    const response = await this.call(
      `statement of ${account} on ${date}`,
      `/accounts/${encodeURIComponent(account)}/statement?${query.toString()}`,
    );
    return response.text;
  }

  async probe(): Promise<void> {
    await this.call("health probe", "/health");
  }

  private async moneyCall(
    path: "debit" | "credit" | "reversal",
    request: DebitRequest | CreditRequest | ReversalRequest,
    context: BankCallContext | undefined,
  ): Promise<BankAnswer> {
    const callbackUrl = request.callbackUrl ?? this.defaultCallbackUrl;
    const body = { ...request, ...(callbackUrl === undefined ? {} : { callbackUrl }) };
    const what = `${path} ${request.serial}`;
    return toAnswer(`${this.bankCode} ${what}`, await this.json(what, `/${path}`, body, context));
  }

  private async json(what: string, path: string, body?: unknown, context?: BankCallContext): Promise<unknown> {
    const response = await this.call(what, path, body, context);
    try {
      return JSON.parse(response.text) as unknown;
    } catch (error) {
      throw new BankOutcomeUnknown(`${this.bankCode} ${what}: the answer is not JSON`, { cause: error });
    }
  }

  /** One HTTP exchange; resolves only with a 200 answer read to the end. */
  private async call(what: string, path: string, body?: unknown, context?: BankCallContext): Promise<{ text: string }> {
    const label = `${this.bankCode} ${what}`;
    const headers: Record<string, string> = body === undefined ? {} : { "content-type": "application/json" };
    if (context?.trace) headers[traceparentHeader] = formatTraceparent(context.trace);
    let status: number;
    let text: string;
    try {
      const response = await fetch(`${this.bankUrl}${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.callTimeoutMs),
      });
      status = response.status;
      text = await readCapped(response);
    } catch (error) {
      throw new BankOutcomeUnknown(`${label}: no complete answer (${describe(error)})`, { cause: error });
    }
    if (status === 200) return { text };
    if (status === 400 || status === 404 || status === 409) throw invalidFrom(status, text);
    throw new BankOutcomeUnknown(`${label}: HTTP ${status}`, { cause: new Error(text.slice(0, 500)) });
  }
}

async function readCapped(response: Response): Promise<string> {
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > responseSizeMaxBytes) throw new Error(`answer of ${declared} bytes exceeds ${responseSizeMaxBytes}`);
  const text = await response.text();
  if (text.length > responseSizeMaxBytes) throw new Error(`answer exceeds ${responseSizeMaxBytes} characters`);
  return text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): value is string | undefined {
  return value === undefined || typeof value === "string";
}

/** A 200 body as a `BankAnswer`; any other shape means we cannot know what the bank did. */
function toAnswer(what: string, body: unknown): BankAnswer {
  if (isRecord(body) && optionalString(body["bankReference"]) && optionalString(body["reason"])) {
    const status = body["status"];
    if (status === "accepted" || status === "succeeded" || status === "rejected") {
      const bankReference = body["bankReference"];
      const reason = body["reason"];
      return {
        status,
        ...(bankReference === undefined ? {} : { bankReference }),
        ...(reason === undefined ? {} : { reason }),
      };
    }
  }
  throw new BankOutcomeUnknown(`${what}: malformed answer ${String(JSON.stringify(body)).slice(0, 200)}`);
}

function invalidFrom(status: number, text: string): BankRequestInvalid {
  try {
    const body = JSON.parse(text) as unknown;
    if (isRecord(body) && typeof body["code"] === "string")
      return new BankRequestInvalid(body["code"], typeof body["message"] === "string" ? body["message"] : body["code"]);
  } catch {
    // Not JSON: fall through to a code made from the status.
  }
  return new BankRequestInvalid(`http_${status}`, text.slice(0, 500) || `HTTP ${status}`);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.name}: ${error.message}${cause}`;
}
