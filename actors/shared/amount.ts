import { Decimal } from "decimal.js";

/** Money as DECIMAL(20,4): at most 16 integer digits and 4 decimal places, written as a plain decimal string. */
const amountPattern = /^-?(0|[1-9]\d{0,15})(\.\d{1,4})?$/;

export type AmountParse = { ok: true; amount: Decimal } | { ok: false; message: string };

/** Parses an amount from the wire. Only strings: a JS number has already lost exactness. */
export function parseAmount(value: unknown, options: { allowNegative?: boolean; allowZero?: boolean } = {}): AmountParse {
  if (typeof value !== "string") return { ok: false, message: "amount must be a decimal string such as \"125.50\"" };
  if (value === "") return { ok: false, message: "amount is empty" };
  if (!amountPattern.test(value)) {
    return { ok: false, message: `amount "${value.slice(0, 40)}" is not a plain decimal with at most 16 integer digits and 4 decimal places` };
  }
  const amount = new Decimal(value);
  if (amount.isNegative() && !amount.isZero() && !options.allowNegative) return { ok: false, message: "amount must not be negative" };
  if (amount.isZero() && !options.allowZero) return { ok: false, message: "amount must not be zero" };
  return { ok: true, amount };
}

/** Canonical wire form: fixed 4 places, so equal amounts compare equal as strings. */
export function formatAmount(amount: Decimal): string {
  return amount.toFixed(4);
}
