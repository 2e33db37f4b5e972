import { createHash } from "node:crypto";
import type { JetStreamClient, PubAck } from "@nats-io/jetstream";
import { headers } from "@nats-io/transport-node";
import { entrySubject, ingestPrincipalHeader } from "./jetstream-entry-ingestion.js";

/**
 * The publisher's side of entry ingestion (ADR 004 §1): what an upstream system sends and the message id under
 * which the stream deduplicates it. `liq entries publish`, bin/publish-entry.ts and the demo feed publish through
 * this module.
 */

/** An accounting entry as published: exactly the account's `recordEntry` fields, amounts as decimal strings. */
export interface EntryBody {
  readonly entryId: string;
  readonly direction: "credit" | "debit";
  readonly amount: string;
  readonly currency: string;
  readonly description?: string;
  /** YYYY-MM-DD the bank booked it; absent: the UTC day the engine records it (ADR 014 §2). */
  readonly bookingDate?: string;
}

/** The body's bytes, fields in one fixed order: a retry of the same publish sends the same bytes. */
export function encodeEntry(entry: EntryBody): Uint8Array {
  const ordered = {
    entryId: entry.entryId,
    direction: entry.direction,
    amount: entry.amount,
    currency: entry.currency,
    ...(entry.description !== undefined && { description: entry.description }),
    ...(entry.bookingDate !== undefined && { bookingDate: entry.bookingDate }),
  };
  return new TextEncoder().encode(JSON.stringify(ordered));
}

/**
 * The `Nats-Msg-Id` of an entry: `<bankCode>.<accountNumber>:<entryId>:<first 16 hex digits of the SHA-256 of the
 * body's bytes>`. The stream drops a message whose id it saw in the last two minutes, across all subjects, so the
 * id is scoped to the account (one entry id at two accounts is two entries) and to the payload (a changed amount
 * under a used entry id must reach the engine, which dead-letters it as `command_id_reused`). A retry of the same
 * publish has the same id and is dropped by the stream; beyond the window the engine's command id
 * `entry:<entryId>` still applies it once.
 */
export function entryMessageId(
  bankCode: string,
  accountNumber: string,
  entryId: string,
  data: Uint8Array | string,
): string {
  const digest = createHash("sha256").update(data).digest("hex").slice(0, 16);
  return `${bankCode}.${accountNumber}:${entryId}:${digest}`;
}

/** An entry on its way to `<prefix>.entries.<bankCode>.<accountNumber>`. */
export interface EntryMessage {
  readonly subject: string;
  readonly data: Uint8Array;
  readonly msgId: string;
}

/** The subject, bytes and message id of `entry` for one account; `msgId` may be given (a republished dead letter). */
export function entryMessage(
  prefix: string,
  bankCode: string,
  accountNumber: string,
  entry: EntryBody,
  msgId?: string,
): EntryMessage {
  const data = encodeEntry(entry);
  return {
    subject: entrySubject(prefix, bankCode, accountNumber),
    data,
    msgId: msgId ?? entryMessageId(bankCode, accountNumber, entry.entryId, data),
  };
}

/** Publishes the entry with its message id and the publisher's name (`Liq-Principal`); resolves with the stream's ack. */
export async function publishEntryMessage(
  js: JetStreamClient,
  message: EntryMessage,
  publisher: string,
): Promise<PubAck> {
  const publishHeaders = headers();
  publishHeaders.set(ingestPrincipalHeader, publisher);
  return js.publish(message.subject, message.data, { msgID: message.msgId, headers: publishHeaders });
}
