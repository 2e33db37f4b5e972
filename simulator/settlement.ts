import { formatAmount } from "../actors/shared/amount.js";
import { unreachable } from "../runtime/assert.js";
import type { BankBook, SimAccount, SimTransaction, TransactionOf } from "./book.js";
import type { CreditInstruction, DebitInstruction, ReversalInstruction } from "./wire.js";

/**
 * The bank's business rules: decides whether an accepted transaction succeeds (and moves its money, once) or is
 * rejected with a named reason. Rejections are data, recorded on the transaction; a repeat of the serial gets them.
 */

export type RejectionCode =
  | "account_not_found"
  | "account_blocked"
  | "currency_mismatch"
  | "insufficient_funds"
  | "bank_declined"
  | "debit_not_found"
  | "debit_not_succeeded"
  | "debit_mismatch"
  | "debit_already_credited"
  | "debit_already_reversed";

interface Rejection {
  readonly code: RejectionCode;
  readonly sentence: string;
}

/** Settles an `accepted` transaction: `declined` is the fault injector's business rejection. */
export function settle(book: BankBook, transaction: SimTransaction, declined: boolean): void {
  if (transaction.status !== "accepted") return;
  const rejection = declined
    ? { code: "bank_declined" as const, sentence: "the bank declined the transaction" }
    : apply(book, transaction);
  if (rejection) {
    transaction.status = "rejected";
    transaction.reason = `${rejection.code}: ${rejection.sentence}`;
  }
}

function apply(book: BankBook, transaction: SimTransaction): Rejection | undefined {
  const instruction = transaction.instruction;
  switch (instruction.type) {
    case "debit":
      return applyDebit(book, transaction as TransactionOf<DebitInstruction>);
    case "credit":
      return applyCredit(book, transaction as TransactionOf<CreditInstruction>);
    case "reversal":
      return applyReversal(book, transaction as TransactionOf<ReversalInstruction>);
    default:
      return unreachable(instruction);
  }
}

function usableAccount(book: BankBook, bankCode: string, account: string, currency: string): SimAccount | Rejection {
  const found = book.findAccount(bankCode, account);
  if (!found) return { code: "account_not_found", sentence: `no account ${account} at ${bankCode}` };
  if (found.blocked) return { code: "account_blocked", sentence: `account ${account} is blocked` };
  if (found.currency !== currency)
    return { code: "currency_mismatch", sentence: `account ${account} holds ${found.currency}, not ${currency}` };
  return found;
}

function isRejection(value: SimAccount | Rejection): value is Rejection {
  return "code" in value;
}

function applyDebit(book: BankBook, transaction: TransactionOf<DebitInstruction>): Rejection | undefined {
  const { account, amount, currency } = transaction.instruction;
  const source = usableAccount(book, transaction.bankCode, account, currency);
  if (isRejection(source)) return source;
  if (source.balance.lessThan(amount)) {
    return {
      code: "insufficient_funds",
      sentence: `balance ${formatAmount(source.balance)} ${currency} is below ${formatAmount(amount)}`,
    };
  }
  book.moveOut(transaction, source);
  return undefined;
}

/** The debit a credit or reversal refers to, if it is a succeeded debit whose money is still in flight. */
function inFlightDebit(debit: SimTransaction | undefined, serial: string): TransactionOf<DebitInstruction> | Rejection {
  if (!debit || debit.instruction.type !== "debit") return { code: "debit_not_found", sentence: `no debit ${serial}` };
  if (debit.status !== "succeeded")
    return { code: "debit_not_succeeded", sentence: `debit ${serial} is ${debit.status}` };
  if (debit.flight === "credited")
    return { code: "debit_already_credited", sentence: `debit ${serial} was already credited` };
  if (debit.flight === "reversed")
    return { code: "debit_already_reversed", sentence: `debit ${serial} was already reversed` };
  return debit as TransactionOf<DebitInstruction>;
}

function applyCredit(book: BankBook, transaction: TransactionOf<CreditInstruction>): Rejection | undefined {
  const { account, amount, currency, fromBankCode, fromAccount, debitSerial } = transaction.instruction;
  const debit = inFlightDebit(book.findTransaction(fromBankCode, debitSerial), debitSerial);
  if ("code" in debit) return debit;
  const expected = debit.instruction;
  const matches =
    expected.account === fromAccount &&
    expected.toBankCode === transaction.bankCode &&
    expected.toAccount === account &&
    expected.currency === currency &&
    expected.amount.equals(amount);
  if (!matches)
    return {
      code: "debit_mismatch",
      sentence: `debit ${debitSerial} at ${fromBankCode} was for another account, amount or currency`,
    };
  const target = usableAccount(book, transaction.bankCode, account, currency);
  if (isRejection(target)) return target;
  book.moveIn(transaction, debit, target);
  return undefined;
}

function applyReversal(book: BankBook, transaction: TransactionOf<ReversalInstruction>): Rejection | undefined {
  const { account, amount, currency, originalSerial } = transaction.instruction;
  const debit = inFlightDebit(book.findTransaction(transaction.bankCode, originalSerial), originalSerial);
  if ("code" in debit) return debit;
  const expected = debit.instruction;
  if (expected.account !== account || expected.currency !== currency || !expected.amount.equals(amount)) {
    return { code: "debit_mismatch", sentence: `debit ${originalSerial} was for another account, amount or currency` };
  }
  // A reversal returns the bank's own money movement: it goes through even to a blocked account.
  const source = book.findAccount(transaction.bankCode, account);
  if (!source) return { code: "account_not_found", sentence: `no account ${account} at ${transaction.bankCode}` };
  book.moveBack(transaction, debit, source);
  return undefined;
}
