import { setTimeout as delay } from "node:timers/promises";
import { jetstream, jetstreamManager, type JetStreamManager, type PubAck } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { accountIdOf, entryCommandId } from "../actors/account/id.js";
import { parseAccountCommand } from "../actors/account/parse.js";
import {
  entryMessage,
  publishEntryMessage,
  type EntryBody,
  type EntryMessage,
} from "../adapters/nats/entry-publication.js";
import { ingestConsumerName, streamNamesFor } from "../adapters/nats/jetstream-entry-ingestion.js";
import type { AccountView__Output } from "../protos/generated/liquidity/v1/AccountView.js";
import type { GetAccountHistoryResponse__Output } from "../protos/generated/liquidity/v1/GetAccountHistoryResponse.js";
import { DeadLetterStream, type DeadLetter } from "./dead-letters.js";
import type { EngineClient } from "./engine-client.js";
import { CliFailure, exitCode, refused, unreachable } from "./failures.js";
import { natsFailure } from "./nats.js";

/** Checks an entry with the engine's own parser (actors/account/parse.ts): the message says what is wrong. */
export function parseEntry(payload: unknown): { ok: true; entry: EntryBody } | { ok: false; message: string } {
  const parsed = parseAccountCommand("recordEntry", payload);
  if (!parsed.ok) return { ok: false, message: parsed.message };
  // Accepted, so the payload holds exactly these fields with these types; they are sent as given.
  const { entryId, direction, amount, currency, description, bookingDate } = payload as Record<string, string>;
  return {
    ok: true,
    entry: {
      entryId: entryId!,
      direction: direction as EntryBody["direction"],
      amount: amount!,
      currency: currency!,
      ...(description !== undefined && { description }),
      ...(bookingDate !== undefined && { bookingDate }),
    },
  };
}

/** The journal entry that recorded an applied entry (from the account's history). */
export interface JournalReference {
  readonly entry_seq: string;
  readonly command_id: string;
  readonly principal: string;
  readonly recorded_at_ms: string;
}

/** What happened to a published entry once the engine handled it. */
export type EntryOutcome =
  | { readonly status: "applied"; readonly journal?: JournalReference }
  | { readonly status: "dead_lettered"; readonly dead_letter: DeadLetter };

/** The answer of `liq entries publish` (and of a republished dead letter). */
export interface PublishAnswer {
  readonly subject: string;
  readonly msg_id: string;
  readonly body: EntryBody;
  readonly stream: string;
  readonly seq: number;
  /** The stream already held a message with this id: nothing was stored now. */
  readonly duplicate: boolean;
  readonly outcome?: EntryOutcome;
}

export interface PublishRequest {
  readonly prefix: string;
  readonly bankCode: string;
  readonly accountNumber: string;
  readonly entry: EntryBody;
  /** `Liq-Principal`: recorded in the journal as `ingest:<publisher>`. */
  readonly publisher: string;
  /** The engine, when a token is configured: for the check and to find the journal entry once applied. */
  readonly engine?: EngineClient;
  /** Ask the engine first whether the account is open in the entry's currency (needs `engine`). */
  readonly check: boolean;
  /** Set: wait this long for the engine to apply or dead-letter the entry. */
  readonly waitMs?: number;
  /** A message id other than the entry's own (a republished dead letter). */
  readonly msgId?: string;
}

/**
 * Publishes one entry to the entries stream as an upstream system does (ADR 004), optionally checking the account
 * first and waiting for the engine's verdict. `onPublished` sees the answer before the wait, so a wait that times
 * out still leaves what was published on record.
 */
export async function publishEntry(
  nc: NatsConnection,
  request: PublishRequest,
  onPublished: (answer: PublishAnswer) => void = () => {},
): Promise<PublishAnswer> {
  if (request.check && request.engine)
    await checkAccount(request.engine, request.bankCode, request.accountNumber, request.entry.currency);
  const message = entryMessage(request.prefix, request.bankCode, request.accountNumber, request.entry, request.msgId);
  let ack: PubAck;
  try {
    ack = await publishEntryMessage(jetstream(nc), message, request.publisher);
  } catch (error) {
    throw natsFailure(error, `cannot publish to ${message.subject}`);
  }
  const answer: PublishAnswer = {
    subject: message.subject,
    msg_id: message.msgId,
    body: request.entry,
    stream: ack.stream,
    seq: ack.seq,
    duplicate: ack.duplicate,
  };
  if (request.waitMs === undefined) return answer;
  onPublished(answer);
  const outcome = await waitForOutcome(nc, request, message, ack, request.waitMs);
  return { ...answer, outcome };
}

/** The account must be open and hold the entry's currency; the engine's own refusal otherwise. */
async function checkAccount(
  engine: EngineClient,
  bankCode: string,
  accountNumber: string,
  currency: string,
): Promise<void> {
  const accountId = accountIdOf(bankCode, accountNumber);
  const hint = "; --no-check publishes without this check";
  let view: AccountView__Output;
  try {
    view = await engine.unary<AccountView__Output, "Positions">("Positions", "GetPosition", {
      account: { bank_code: bankCode, account_number: accountNumber },
    });
  } catch (error) {
    throw error instanceof CliFailure ? error.withHint(hint) : error;
  }
  if (view.status !== "open") throw refused(`account ${accountId} is ${view.status}${hint}`, "account_closed");
  if (view.currency !== currency)
    throw refused(
      `account ${accountId} holds ${view.currency}, the entry is in ${currency}${hint}`,
      "currency_mismatch",
    );
}

const pollIntervalMs = 200;

/**
 * Waits until the engine's ingestion consumer has acknowledged the entry's stream sequence (it acks only after the
 * account's journal holds the entry, or after the dead letter is stored: ADR 004 §3-4) and tells which it was. The
 * ack floor passes the entry only once every message before it was handled too.
 */
async function waitForOutcome(
  nc: NatsConnection,
  request: PublishRequest,
  message: EntryMessage,
  ack: PubAck,
  waitMs: number,
): Promise<EntryOutcome> {
  const deadline = Date.now() + waitMs;
  let jsm: JetStreamManager;
  try {
    jsm = await jetstreamManager(nc);
  } catch (error) {
    throw natsFailure(error, "cannot reach JetStream");
  }
  const names = streamNamesFor(request.prefix);
  const stored = await jsm.streams.getMessage(names.entries, { seq: ack.seq }).catch(() => null);
  const findLetter = new DeadLetterStream(jsm, request.prefix).searchFor(ack.seq, stored?.time ?? new Date());
  for (;;) {
    try {
      const info = await jsm.consumers.info(names.entries, ingestConsumerName(request.prefix));
      // The dead letter is stored before the original is acked, so it is visible once the ack floor has passed.
      const handled = info.ack_floor.stream_seq >= ack.seq;
      const letter = await findLetter();
      if (letter) return { status: "dead_lettered", dead_letter: letter };
      if (handled) return { status: "applied", ...(await journalEntryOf(request)) };
    } catch (error) {
      throw natsFailure(error, `cannot follow entry ${message.msgId}`);
    }
    if (Date.now() >= deadline) {
      throw unreachable(
        `the engine did not handle ${ack.stream} seq ${ack.seq} within ${Math.round(waitMs / 1_000)} s (is ingestion on? a message before it may be held up); it is published and will be handled`,
      );
    }
    await delay(pollIntervalMs);
  }
}

/** Pages of history read at most to find an applied entry (1000 entries a page). */
const historyPagesMax = 50;

/** The journal entry that recorded the entry, from the account's history when a token allows reading it. */
async function journalEntryOf(request: PublishRequest): Promise<{ journal?: JournalReference }> {
  const engine = request.engine;
  if (!engine?.hasToken) return {};
  const commandId = entryCommandId(request.entry.entryId);
  let after = "0";
  for (let page = 0; page < historyPagesMax; page++) {
    const history = await engine
      .unary<GetAccountHistoryResponse__Output, "Positions">("Positions", "GetAccountHistory", {
        account: { bank_code: request.bankCode, account_number: request.accountNumber },
        after_entry_seq: after,
        page_size: 1_000,
      })
      .catch((error: unknown) => {
        if (error instanceof CliFailure && error.exitCode !== exitCode.usage) return undefined;
        throw error;
      });
    const found = history?.entries.find((entry) => entry.command_id === commandId);
    if (found)
      return {
        journal: {
          entry_seq: found.entry_seq,
          command_id: found.command_id,
          principal: found.principal,
          recorded_at_ms: found.recorded_at_ms,
        },
      };
    if (!history || history.next_after_entry_seq === "0") break;
    after = history.next_after_entry_seq;
  }
  return {};
}
