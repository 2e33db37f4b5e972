import { createHash } from "node:crypto";
import { accountNumberPattern, bankCodePattern } from "../account/account-key.js";
import type { DifferenceClass } from "./classes.js";

/**
 * One reconciliation actor per account and statement day: kind `reconciliation`, actor id
 * `<bankCode>:<accountNumber>:<YYYY-MM-DD>` (the account's actor id and the day), at most 108 characters.
 */
export type ReconciliationKey = { readonly accountId: string; readonly date: string };

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export function reconciliationIdOf(accountId: string, date: string): string {
  return `${accountId}:${date}`;
}

/** The account and day an actor id names; undefined when it names none (a malformed id, a day that does not exist). */
export function parseReconciliationId(actorId: string): ReconciliationKey | undefined {
  const parts = actorId.split(":");
  if (parts.length !== 3) return undefined;
  const [bankCode, accountNumber, date] = parts as [string, string, string];
  if (!bankCodePattern.test(bankCode) || !accountNumberPattern.test(accountNumber) || !isCalendarDate(date))
    return undefined;
  return { accountId: `${bankCode}:${accountNumber}`, date };
}

/** YYYY-MM-DD naming a day of the proleptic Gregorian calendar (no 2026-02-30). */
export function isCalendarDate(text: string): boolean {
  const match = datePattern.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Hex digits of SHA-256 kept in a difference id: 64 bits, no collision among one day's differences in practice. */
const hashDigits = 16;

/**
 * A difference's id: its class and a hash of the account, the day, the class and the lines and records it names
 * (sorted), e.g. `amountDiffers-3f09a1c27be45d10`. A rerun that finds the same difference gives the same id, so it is
 * recognised rather than found anew; the account and day in the hash make the id unique across all accounts and
 * days, as the adjustment entry `adjustment:<differenceId>` on the account must be. At most 38 characters.
 */
export function differenceIdOf(
  key: ReconciliationKey,
  differenceClass: DifferenceClass,
  lines: readonly number[],
  records: readonly string[],
): string {
  const canonical = JSON.stringify([
    key.accountId,
    key.date,
    differenceClass,
    [...lines].sort((a, b) => a - b),
    // Code-unit order, never the locale's: the id must be the same on every node.
    [...records].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  ]);
  return `${differenceClass}-${createHash("sha256").update(canonical).digest("hex").slice(0, hashDigits)}`;
}

/** What a difference id looks like, for the parser of commands that name one. */
export const differenceIdPattern = /^[A-Za-z]{1,32}-[0-9a-f]{16}$/;
