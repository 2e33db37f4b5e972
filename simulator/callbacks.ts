import type { Logger } from "../runtime/ports.js";
import { traceparentHeader } from "../runtime/trace-context.js";
import { callbackSignatureHeader, signCallback } from "../adapters/banks/callback-signature.js";
import type { CallbackMode } from "./faults.js";
import type { Random } from "./prng.js";

/** What the bank posts to a transaction's `callbackUrl` once it is final. */
export interface CallbackPayload {
  readonly bankCode: string;
  readonly serial: string;
  readonly status: "succeeded" | "rejected";
  readonly bankReference: string;
  readonly reason?: string;
}

const attemptsMax = 5;
const attemptTimeoutMs = 2_000;
const retryDelayMsBase = 100;
const retryDelayMsMax = 2_000;

/**
 * Delivers callbacks: a failed one (no answer, not 2xx) is retried with exponential backoff and full jitter, up
 * to `attemptsMax` times, then dropped with a warning (the client still has the status query). `lost` sends
 * nothing; `duplicated` delivers the same callback twice, as a bank that retries too eagerly would.
 */
export class CallbackSender {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly lifetime = new AbortController();

  constructor(
    private readonly logger: Logger,
    private readonly random: (bankCode: string) => Random,
  ) {}

  /**
   * `secret`: the bank's callback secret; each delivery attempt is signed with it at the time it is sent.
   * `traceparent`: sent as that header when the transaction was made in a trace.
   */
  send(url: string, payload: CallbackPayload, mode: CallbackMode, secret?: string, traceparent?: string): void {
    const copies = mode === "lost" ? 0 : mode === "duplicated" ? 2 : 1;
    for (let copy = 0; copy < copies; copy++) this.attempt(url, payload, 1, secret, traceparent);
  }

  close(): void {
    this.lifetime.abort();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private attempt(
    url: string,
    payload: CallbackPayload,
    attempt: number,
    secret: string | undefined,
    traceparent: string | undefined,
  ): void {
    void this.post(url, payload, secret, traceparent).then((failure) => {
      if (failure === undefined || this.lifetime.signal.aborted) return;
      if (attempt >= attemptsMax) {
        this.logger.warn("callback given up", {
          url,
          serial: payload.serial,
          ...(traceparent !== undefined && { traceparent }),
          attempts: attempt,
          failure,
        });
        return;
      }
      const ceilingMs = Math.min(retryDelayMsMax, retryDelayMsBase * 2 ** (attempt - 1));
      const delayMs = Math.floor(this.random(payload.bankCode).next() * ceilingMs);
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.attempt(url, payload, attempt + 1, secret, traceparent);
      }, delayMs);
      this.timers.add(timer);
    });
  }

  /** Resolves with why the delivery failed, or undefined when the receiver answered 2xx. */
  private async post(
    url: string,
    payload: CallbackPayload,
    secret: string | undefined,
    traceparent: string | undefined,
  ): Promise<string | undefined> {
    const body = JSON.stringify(payload);
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (traceparent !== undefined) headers[traceparentHeader] = traceparent;
    if (secret !== undefined) headers[callbackSignatureHeader] = signCallback(secret, Date.now(), body);
    try {
      const response = await fetch(url, {
        method: "POST",
        headers,
        body,
        signal: AbortSignal.any([AbortSignal.timeout(attemptTimeoutMs), this.lifetime.signal]),
      });
      await response.arrayBuffer();
      return response.ok ? undefined : `HTTP ${response.status}`;
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  }
}
