import { accountIdOf } from "./id.js";

export const bankCodePattern = /^[A-Za-z0-9]{1,32}$/;
export const accountNumberPattern = /^[A-Za-z0-9-]{1,64}$/;

/**
 * Checks a bank code and account number from a client; the error message names the field (after `path`, e.g.
 * `from.`) and its rule.
 */
export function parseAccountKey(
  bankCode: unknown,
  accountNumber: unknown,
  path = "",
): { ok: true; accountId: string } | { ok: false; message: string } {
  if (typeof bankCode !== "string" || !bankCodePattern.test(bankCode))
    return { ok: false, message: `${path}bank_code must be 1-32 letters or digits` };
  if (typeof accountNumber !== "string" || !accountNumberPattern.test(accountNumber))
    return { ok: false, message: `${path}account_number must be 1-64 letters, digits or -` };
  return { ok: true, accountId: accountIdOf(bankCode, accountNumber) };
}
