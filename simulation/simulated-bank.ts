import type {
  BankAdapter,
  BankAnswer,
  BankBalance,
  BankQueryAnswer,
  CreditRequest,
  DebitRequest,
  ReversalRequest,
} from "../adapters/banks/bank-adapter.js";
import type { Clock } from "../runtime/ports.js";

/** How long a debit takes to settle at the bank, by speed (ms); 0: it succeeds in the call itself. */
export interface SettlementDelays {
  readonly normal: number;
  readonly urgent: number;
}

/** Where a bank posts a final status: the engine's callback door, reached in process; it reports its own faults. */
export type CallbackSink = (bankCode: string, serial: string, status: "succeeded" | "rejected") => Promise<void>;

type Booking = { status: "accepted" | "succeeded"; readonly reference: string };

/**
 * A bank in the simulation's process, on its virtual clock: every request succeeds (the simulation is about
 * liquidity, not bank faults; the bank simulator and the transfer tests cover those). A debit at a speed with a delay
 * is `accepted` first and succeeds once the delay has passed on the clock, when the bank posts its callback; a status
 * query in between answers `accepted`, as a real bank would. Credits and reversals book at once.
 */
export class SimulatedBank implements BankAdapter {
  private readonly bookings = new Map<string, Booking>();

  constructor(
    readonly bankCode: string,
    private readonly clock: Required<Clock>,
    private readonly delays: SettlementDelays,
    private readonly callback: CallbackSink,
  ) {}

  async debit(request: DebitRequest): Promise<BankAnswer> {
    const known = this.bookings.get(request.serial);
    if (known) return this.answer(known);
    const delayMs = this.delays[request.speed];
    const booking: Booking = { status: delayMs > 0 ? "accepted" : "succeeded", reference: this.referenceOf(request) };
    this.bookings.set(request.serial, booking);
    if (booking.status === "accepted")
      this.clock.startTimer(() => {
        booking.status = "succeeded";
        void this.callback(this.bankCode, request.serial, "succeeded");
      }, delayMs);
    return this.answer(booking);
  }

  async credit(request: CreditRequest): Promise<BankAnswer> {
    return this.bookAtOnce(request.serial, request);
  }

  async reverse(request: ReversalRequest): Promise<BankAnswer> {
    return this.bookAtOnce(request.serial, request);
  }

  async queryStatus(serial: string): Promise<BankQueryAnswer> {
    const known = this.bookings.get(serial);
    return known ? this.answer(known) : { status: "not_found" };
  }

  async balance(account: string): Promise<BankBalance> {
    throw new Error(`the simulated bank ${this.bankCode} keeps no balances (asked for ${account})`);
  }

  async statement(account: string): Promise<string> {
    throw new Error(`the simulated bank ${this.bankCode} writes no statements (asked for ${account})`);
  }

  async probe(): Promise<void> {}

  private bookAtOnce(serial: string, request: { readonly account: string }): BankAnswer {
    const booking = this.bookings.get(serial) ?? { status: "succeeded", reference: this.referenceOf(request) };
    this.bookings.set(serial, booking);
    return this.answer(booking);
  }

  private referenceOf(request: { readonly account: string }): string {
    return `${this.bankCode}-${request.account}-${this.bookings.size + 1}`;
  }

  private answer(booking: Booking): BankAnswer {
    return { status: booking.status, bankReference: booking.reference };
  }
}
