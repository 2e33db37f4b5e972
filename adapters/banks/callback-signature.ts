import { createHmac, timingSafeEqual } from "node:crypto";

/** The header a bank signs its callbacks with: `t=<epoch ms>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const callbackSignatureHeader = "liq-signature";

/** Secrets shorter than this are refused: an HMAC is only as strong as its key. */
export const callbackSecretLengthMin = 16;

export function signCallback(secret: string, timestampMs: number, rawBody: string): string {
  return `t=${timestampMs},v1=${hmacHex(secret, timestampMs, rawBody)}`;
}

export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Checks a callback's signature against the bank's secret, in constant time, and that it was signed within
 * `toleranceMs` of now, so a recorded callback cannot be replayed later. (A replay inside the window is harmless:
 * callbacks are idempotent by serial and status.)
 */
export function verifyCallback(
  secret: string,
  header: string | undefined,
  rawBody: string,
  nowMs: number,
  toleranceMs: number,
): SignatureCheck {
  if (header === undefined) return { ok: false, reason: `the ${callbackSignatureHeader} header is missing` };
  const parts = new Map(
    header.split(",").map((part) => {
      const equals = part.indexOf("=");
      return [part.slice(0, equals).trim(), part.slice(equals + 1).trim()] as const;
    }),
  );
  const timestamp = Number(parts.get("t"));
  const given = parts.get("v1") ?? "";
  if (!Number.isSafeInteger(timestamp) || !/^[0-9a-f]{64}$/.test(given))
    return { ok: false, reason: `the ${callbackSignatureHeader} header must be t=<epoch ms>,v1=<64 hex digits>` };
  if (Math.abs(nowMs - timestamp) > toleranceMs)
    return { ok: false, reason: "the signature's time is outside the accepted window" };
  const expected = Buffer.from(hmacHex(secret, timestamp, rawBody), "hex");
  if (!timingSafeEqual(expected, Buffer.from(given, "hex")))
    return { ok: false, reason: "the signature does not match" };
  return { ok: true };
}

function hmacHex(secret: string, timestampMs: number, rawBody: string): string {
  return createHmac("sha256", secret).update(`${timestampMs}.${rawBody}`, "utf8").digest("hex");
}
