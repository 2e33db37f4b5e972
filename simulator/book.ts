import type { Decimal } from "decimal.js";
import { formatAmount, Money } from "../actors/shared/amount.js";
import { assert } from "../runtime/assert.js";
import {
  fingerprintOf,
  SimulatorRequestError,
  type CreditInstruction,
  type DebitInstruction,
  type Instruction,
  type ReversalInstruction,
} from "./wire.js";

/**
 * The books of every simulated bank, in memory (a simulator restart loses them). Money is only ever in an account
 * or "in flight": taken from a source account by a debit and neither credited at the target bank nor reversed yet.
 * So the sum of all balances plus the in-flight sum always equals what the admin API put in (`funded`).
 */

export type SimTransactionStatus = "accepted" | "succeeded" | "rejected";

/** Where the money of a succeeded debit is now. */
export type FlightState = "in_flight" | "credited" | "reversed";

export interface SimTransaction {
  readonly bankCode: string;
  readonly instruction: Instruction;
  readonly fingerprint: string;
  readonly bankReference: string;
  readonly receivedAt: Date;
  /** The valid `traceparent` of the call that created it (ADR 009 §4), as a bank would keep it for support. */
  readonly traceparent: string | undefined;
  status: SimTransactionStatus;
  reason: string | undefined;
  /** How many times money moved for this serial; never more than 1. */
  moneyMoves: number;
  /** Debits only, once succeeded. */
  flight: FlightState | undefined;
}

/** A transaction whose instruction type is known. */
export type TransactionOf<I extends Instruction> = SimTransaction & { readonly instruction: I };

export type BookingKind = "debit" | "credit" | "reversal" | "funding";

/** One line of an account's statement. */
export interface Booking {
  readonly kind: BookingKind;
  readonly bookedAt: Date;
  readonly direction: "CRDT" | "DBIT";
  readonly amount: Decimal;
  readonly balanceAfter: Decimal;
  readonly bankReference: string;
  /** The client's serial (camt.053 EndToEndId); absent for admin funding. */
  readonly endToEndId: string | undefined;
  readonly counterpartyBank: string | undefined;
  readonly counterpartyAccount: string | undefined;
}

export interface SimAccount {
  readonly bankCode: string;
  readonly account: string;
  readonly currency: string;
  readonly openingBalance: Decimal;
  readonly openedAt: Date;
  balance: Decimal;
  blocked: boolean;
  readonly bookings: Booking[];
}

interface SimBank {
  readonly code: string;
  readonly accounts: Map<string, SimAccount>;
  readonly transactions: Map<string, SimTransaction>;
  referenceSequence: number;
}

export interface CurrencyTotals {
  readonly accounts: string;
  readonly inFlight: string;
  readonly total: string;
  /** What the admin API put in (opening balances and fundings): `total` must always equal it. */
  readonly funded: string;
}

export class BankBook {
  private readonly banks = new Map<string, SimBank>();
  private readonly funded = new Map<string, Decimal>();

  constructor(private readonly now: () => Date) {}

  hasBank(code: string): boolean {
    return this.banks.has(code);
  }

  /** Idempotent: creating an existing bank changes nothing. */
  createBank(code: string): void {
    if (!this.banks.has(code))
      this.banks.set(code, { code, accounts: new Map(), transactions: new Map(), referenceSequence: 0 });
  }

  createAccount(bankCode: string, account: string, currency: string, openingBalance: Decimal): SimAccount {
    const bank = this.bank(bankCode);
    if (bank.accounts.has(account))
      throw new SimulatorRequestError(409, "account_exists", `account ${account} already exists at ${bankCode}`);
    const opened: SimAccount = {
      bankCode,
      account,
      currency,
      openingBalance,
      openedAt: this.now(),
      balance: openingBalance,
      blocked: false,
      bookings: [],
    };
    bank.accounts.set(account, opened);
    this.addFunded(currency, openingBalance);
    return opened;
  }

  fund(bankCode: string, account: string, amount: Decimal): SimAccount {
    const target = this.requireAccount(bankCode, account);
    const bank = this.bank(bankCode);
    target.balance = target.balance.plus(amount);
    this.addFunded(target.currency, amount);
    target.bookings.push({
      kind: "funding",
      bookedAt: this.now(),
      direction: "CRDT",
      amount,
      balanceAfter: target.balance,
      bankReference: this.nextReference(bank, "F"),
      endToEndId: undefined,
      counterpartyBank: undefined,
      counterpartyAccount: undefined,
    });
    return target;
  }

  setBlocked(bankCode: string, account: string, blocked: boolean): SimAccount {
    const target = this.requireAccount(bankCode, account);
    target.blocked = blocked;
    return target;
  }

  findAccount(bankCode: string, account: string): SimAccount | undefined {
    return this.banks.get(bankCode)?.accounts.get(account);
  }

  requireAccount(bankCode: string, account: string): SimAccount {
    const found = this.findAccount(bankCode, account);
    if (!found) throw new SimulatorRequestError(404, "unknown_account", `no account ${account} at bank ${bankCode}`);
    return found;
  }

  findTransaction(bankCode: string, serial: string): SimTransaction | undefined {
    return this.banks.get(bankCode)?.transactions.get(serial);
  }

  /** Records a new serial as `accepted`; nothing moves yet. The caller has checked that the serial is new. */
  record(bankCode: string, instruction: Instruction, traceparent?: string): SimTransaction {
    const bank = this.bank(bankCode);
    assert(!bank.transactions.has(instruction.serial), `serial ${instruction.serial} recorded twice at ${bankCode}`);
    const transaction: SimTransaction = {
      bankCode,
      instruction,
      fingerprint: fingerprintOf(instruction),
      bankReference: this.nextReference(bank, ""),
      receivedAt: this.now(),
      traceparent,
      status: "accepted",
      reason: undefined,
      moneyMoves: 0,
      flight: undefined,
    };
    bank.transactions.set(instruction.serial, transaction);
    return transaction;
  }

  /** Source account → in flight. */
  moveOut(transaction: TransactionOf<DebitInstruction>, source: SimAccount): void {
    const { amount, toBankCode, toAccount } = transaction.instruction;
    this.assertFirstMove(transaction);
    assert(
      source.balance.greaterThanOrEqualTo(amount),
      `debit ${transaction.instruction.serial} would overdraw ${source.account}`,
    );
    source.balance = source.balance.minus(amount);
    transaction.flight = "in_flight";
    this.book(transaction, source, "DBIT", toBankCode, toAccount);
  }

  /** In flight (the debit `debit`) → target account. */
  moveIn(transaction: TransactionOf<CreditInstruction>, debit: SimTransaction, target: SimAccount): void {
    const { fromBankCode, fromAccount } = transaction.instruction;
    this.assertFirstMove(transaction);
    assert(debit.flight === "in_flight", `credit ${transaction.instruction.serial} takes money that is not in flight`);
    debit.flight = "credited";
    target.balance = target.balance.plus(transaction.instruction.amount);
    this.book(transaction, target, "CRDT", fromBankCode, fromAccount);
  }

  /** In flight (the debit `debit`) → back to its source account. */
  moveBack(
    transaction: TransactionOf<ReversalInstruction>,
    debit: TransactionOf<DebitInstruction>,
    source: SimAccount,
  ): void {
    this.assertFirstMove(transaction);
    assert(
      debit.flight === "in_flight",
      `reversal ${transaction.instruction.serial} returns money that is not in flight`,
    );
    debit.flight = "reversed";
    source.balance = source.balance.plus(transaction.instruction.amount);
    this.book(transaction, source, "CRDT", debit.instruction.toBankCode, debit.instruction.toAccount);
  }

  totals(): Record<string, CurrencyTotals> {
    const accounts = new Map<string, Decimal>();
    const inFlight = new Map<string, Decimal>();
    const add = (sums: Map<string, Decimal>, currency: string, amount: Decimal) =>
      sums.set(currency, (sums.get(currency) ?? new Money(0)).plus(amount));
    for (const bank of this.banks.values()) {
      for (const account of bank.accounts.values()) add(accounts, account.currency, account.balance);
      for (const transaction of bank.transactions.values()) {
        if (transaction.flight === "in_flight")
          add(inFlight, transaction.instruction.currency, transaction.instruction.amount);
      }
    }
    const result: Record<string, CurrencyTotals> = {};
    for (const currency of new Set([...accounts.keys(), ...inFlight.keys(), ...this.funded.keys()])) {
      const inAccounts = accounts.get(currency) ?? new Money(0);
      const flying = inFlight.get(currency) ?? new Money(0);
      result[currency] = {
        accounts: formatAmount(inAccounts),
        inFlight: formatAmount(flying),
        total: formatAmount(inAccounts.plus(flying)),
        funded: formatAmount(this.funded.get(currency) ?? new Money(0)),
      };
    }
    return result;
  }

  transactions(filter: { bankCode?: string; serialPrefix?: string }): SimTransaction[] {
    const found: SimTransaction[] = [];
    for (const bank of this.banks.values()) {
      if (filter.bankCode !== undefined && bank.code !== filter.bankCode) continue;
      for (const transaction of bank.transactions.values()) {
        if (transaction.instruction.serial.startsWith(filter.serialPrefix ?? "")) found.push(transaction);
      }
    }
    return found;
  }

  private assertFirstMove(transaction: SimTransaction): void {
    assert(
      transaction.moneyMoves === 0,
      `money moved twice for ${transaction.bankCode}/${transaction.instruction.serial}`,
    );
    assert(transaction.status === "accepted", `${transaction.instruction.serial} is already ${transaction.status}`);
  }

  private book(
    transaction: SimTransaction,
    account: SimAccount,
    direction: "CRDT" | "DBIT",
    counterpartyBank: string,
    counterpartyAccount: string,
  ): void {
    transaction.moneyMoves += 1;
    transaction.status = "succeeded";
    account.bookings.push({
      kind: transaction.instruction.type,
      bookedAt: this.now(),
      direction,
      amount: transaction.instruction.amount,
      balanceAfter: account.balance,
      bankReference: transaction.bankReference,
      endToEndId: transaction.instruction.serial,
      counterpartyBank,
      counterpartyAccount,
    });
  }

  private addFunded(currency: string, amount: Decimal): void {
    this.funded.set(currency, (this.funded.get(currency) ?? new Money(0)).plus(amount));
  }

  private nextReference(bank: SimBank, prefix: string): string {
    bank.referenceSequence += 1;
    return `${bank.code}-${prefix}${String(bank.referenceSequence).padStart(8, "0")}`;
  }

  private bank(code: string): SimBank {
    const bank = this.banks.get(code);
    if (!bank) throw new SimulatorRequestError(404, "unknown_bank", `no bank ${code}`);
    return bank;
  }
}
