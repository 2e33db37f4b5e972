import type { Logger } from "../runtime/ports.js";
import { continueTrace, formatTraceparent } from "../runtime/trace-context.js";
import { BankBook, type SimTransaction } from "./book.js";
import { CallbackSender } from "./callbacks.js";
import { FaultInjector, type CallbackMode, type CallPlan } from "./faults.js";
import { settle } from "./settlement.js";
import { fingerprintOf, SimulatorRequestError, type Instruction } from "./wire.js";

/** The JSON a bank answers for a transaction (the port's `BankAnswer` / `BankQueryAnswer`). */
export type AnswerJson =
  { status: "accepted" | "succeeded" | "rejected"; bankReference: string; reason?: string } | { status: "not_found" };

export interface SimulatorOptions {
  /** Text that seeds every bank's fault generator (`SIM_SEED`). */
  readonly seed: string;
  readonly logger: Logger;
  readonly now?: () => Date;
}

/**
 * The simulated banks behind the HTTP API: books, fault injector, asynchronous settlement and callbacks.
 * Everything that changes state runs synchronously inside one call, so two requests never interleave a booking.
 */
export class BankSimulator {
  readonly book: BankBook;
  readonly faults: FaultInjector;
  readonly now: () => Date;
  private readonly callbacks: CallbackSender;
  private readonly pending = new Set<NodeJS.Timeout>();
  /** Per bank: the secret its callbacks are signed with (ADR 006 §3); unsigned when a bank has none. */
  readonly callbackSecrets = new Map<string, string>();

  constructor(options: SimulatorOptions) {
    this.now = options.now ?? (() => new Date());
    this.book = new BankBook(this.now);
    this.faults = new FaultInjector(options.seed);
    this.callbacks = new CallbackSender(options.logger, (bankCode) => this.faults.random(bankCode));
  }

  /**
   * A money call. A known serial answers its current status and does nothing else (409 if the fields differ); a
   * new one is recorded (with the call's valid `traceparent`, if any) and settled now, or answered `accepted` and
   * settled after the plan's delay.
   */
  submit(bankCode: string, instruction: Instruction, plan: CallPlan, traceparent?: string): AnswerJson {
    const existing = this.book.findTransaction(bankCode, instruction.serial);
    if (existing) {
      if (existing.fingerprint !== fingerprintOf(instruction)) {
        throw new SimulatorRequestError(
          409,
          "serial_reused",
          `serial ${instruction.serial} was used at ${bankCode} for another ${existing.instruction.type} or other fields`,
        );
      }
      return answerOf(existing);
    }
    const transaction = this.book.record(bankCode, instruction, traceparent);
    if (plan.asyncDelayMs === 0) {
      settle(this.book, transaction, plan.declined);
      return answerOf(transaction);
    }
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      settle(this.book, transaction, plan.declined);
      this.notify(transaction, plan.callbackMode);
    }, plan.asyncDelayMs);
    this.pending.add(timer);
    return answerOf(transaction);
  }

  query(bankCode: string, serial: string): AnswerJson {
    const transaction = this.book.findTransaction(bankCode, serial);
    return transaction ? answerOf(transaction) : { status: "not_found" };
  }

  /** Stops pending settlements and callback retries (their state is lost with the process anyway). */
  close(): void {
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
    this.callbacks.close();
  }

  private notify(transaction: SimTransaction, mode: CallbackMode): void {
    const url = transaction.instruction.callbackUrl;
    if (url === undefined || transaction.status === "accepted") return;
    const payload = {
      bankCode: transaction.bankCode,
      serial: transaction.instruction.serial,
      status: transaction.status,
      bankReference: transaction.bankReference,
      ...(transaction.reason === undefined ? {} : { reason: transaction.reason }),
    };
    // The bank's own span in the caller's trace, so the callback continues it (ADR 009 §4).
    const traceparent =
      transaction.traceparent === undefined ? undefined : formatTraceparent(continueTrace(transaction.traceparent));
    this.callbacks.send(url, payload, mode, this.callbackSecrets.get(transaction.bankCode), traceparent);
  }
}

export function answerOf(transaction: SimTransaction): AnswerJson {
  return {
    status: transaction.status,
    bankReference: transaction.bankReference,
    ...(transaction.reason === undefined ? {} : { reason: transaction.reason }),
  };
}
