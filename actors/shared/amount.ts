import { Decimal } from "decimal.js";
import { truncateText } from "../../runtime/text.js";

/**
 * decimal.js with 40 significant digits. The default (20) rounds the sum of two DECIMAL(20,4) amounts, which can
 * need 21; every money value is made with `Money` so that its arithmetic uses this precision (ADR 003).
 */
export const Money = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_EVEN });

/** Largest magnitude a DECIMAL(20,4) holds, exclusive: 10^16. */
const amountBound = new Money("1e16");

/** Whether a value fits DECIMAL(20,4): below 10^16 in magnitude and at most 4 decimal places. */
export function fitsAmount(value: Decimal): boolean {
  return value.abs().lessThan(amountBound) && value.decimalPlaces() <= 4;
}

/** Money as DECIMAL(20,4): at most 16 integer digits and 4 decimal places, written as a plain decimal string. */
const amountPattern = /^-?(0|[1-9]\d{0,15})(\.\d{1,4})?$/;

export type AmountParse = { ok: true; amount: Decimal } | { ok: false; message: string };

/**
 * Parses an amount from the wire. Only strings: a JS number has already lost exactness. A refusal is one sentence
 * naming `field`, the amount's name or path where it came from.
 */
export function parseAmount(
  value: unknown,
  options: { allowNegative?: boolean; allowZero?: boolean } = {},
  field = "amount",
): AmountParse {
  if (typeof value !== "string") return { ok: false, message: `${field} must be a decimal string such as "125.50"` };
  if (value === "") return { ok: false, message: `${field} is empty` };
  if (!amountPattern.test(value)) {
    return {
      ok: false,
      message: `${field} "${truncateText(value, 40)}" is not a plain decimal with at most 16 integer digits and 4 decimal places`,
    };
  }
  const amount = new Money(value);
  if (amount.isNegative() && !amount.isZero() && !options.allowNegative)
    return { ok: false, message: `${field} must not be negative` };
  if (amount.isZero() && !options.allowZero) return { ok: false, message: `${field} must not be zero` };
  return { ok: true, amount };
}

/** Canonical wire form: fixed 4 places, so equal amounts compare equal as strings. */
export function formatAmount(amount: Decimal): string {
  return amount.toFixed(4);
}
