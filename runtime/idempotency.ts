/**
 * Idempotency (ADR 001 §8): a command id is applied once per actor, forever. Its three jobs, and who does each:
 *
 * - **Detect** a repeat: `BatchRepeats`, asked command by command while a batch is decided, says whether the id came
 *   earlier in the same batch or is in the actor's window of accepted ids (`RecentCommandIds`). An id that left the
 *   window is decided again; an entry it gives collides with the journal's `_id` (the write is uncertain, and the
 *   reload answers it with `answerFromJournal`).
 * - **Answer** it: a repeat with the same content (same `fingerprintOf`) gets the reply stored for the original,
 *   marked `duplicate: true` once that was recorded; one with other content gets `command_id_reused` and changes
 *   nothing. `answerRepeatsInBatch` answers from the batch's own replies, `RecentReplies.answer` from memory,
 *   `answerFromJournal` from the journal.
 * - **Remember** an accepted command: `RecentCommandIds.remember` in the actor's record (the last
 *   `commandIdWindowSize` ids, kept in snapshots as `recentCommandIds`), `RecentReplies.remember` once its entry is
 *   durable (the node's last `recentRepliesMax` replies), and the entry's `commandFingerprint` (`fingerprintOf`).
 *
 * Only journaled commands are remembered: a rejected command, or one that changed nothing, is decided afresh when
 * its id comes again in a later batch.
 */
import { createHash } from "node:crypto";
import { assert } from "./assert.js";
import { BoundedMap } from "./bounded-map.js";
import { errorBody } from "./errors.js";
import type { Json } from "./json.js";
import type { CommandRequest, Reply } from "./messages.js";
import type { ActorRef, ActorStore, JournalEntry } from "./ports.js";
import { actorKeyOf } from "./subjects.js";

/** What idempotency needs of a command waiting for its reply (decide-batch's `PendingCommand` is one). */
export interface RepeatableCommand {
  readonly request: Pick<CommandRequest, "commandId" | "type">;
  /** The parsed command: its fingerprint is taken from this, not from the payload as sent. */
  readonly command: unknown;
  readonly resolve: (reply: Reply) => void;
}

// Detect: is this command id a repeat?

/** A repeated command id: of a command earlier in the same batch (whose reply is `firstIndex`), or of one accepted before. */
export type Repeat = { readonly of: "earlier_in_batch"; readonly firstIndex: number } | { readonly of: "accepted" };

/**
 * Finds the repeats of one batch, asked command by command as the batch is decided against a draft record, so the
 * window it reads already holds the ids the batch accepted so far (those count as earlier in the batch).
 */
export class BatchRepeats {
  private readonly firstIndexOf = new Map<string, number>();

  constructor(private readonly accepted: RecentCommandIds) {}

  /** The repeat `commandId` is, or `undefined` for a first sighting, recorded as the batch's reply number `replyIndex`. */
  detect(commandId: string, replyIndex: number): Repeat | undefined {
    const firstIndex = this.firstIndexOf.get(commandId);
    if (firstIndex !== undefined) return { of: "earlier_in_batch", firstIndex };
    if (this.accepted.has(commandId)) return { of: "accepted" };
    this.firstIndexOf.set(commandId, replyIndex);
    return undefined;
  }
}

// Answer: the stored reply (a duplicate) or the reused-id refusal.

/**
 * Answers the repeats of commands decided earlier in the same batch, once those have their replies. A second
 * delivery in the same batch is a duplicate like one in a later batch: it gets what the first got, marked so when the
 * first was recorded (ingestion counts it as a duplicate, not as a second applied entry).
 */
export function answerRepeatsInBatch(
  repeats: ReadonlyArray<{ readonly pending: RepeatableCommand; readonly firstIndex: number }>,
  replies: ReadonlyArray<{ readonly pending: RepeatableCommand; readonly reply: Reply }>,
): void {
  for (const { pending, firstIndex } of repeats) {
    const first = replies[firstIndex];
    if (!first) {
      pending.resolve({ ok: false, commandId: pending.request.commandId, error: errorBody("internal_error") });
      continue;
    }
    const { reply } = first;
    pending.resolve(
      replyToRepeat(
        pending,
        fingerprintOf(first.pending),
        reply.ok && reply.entrySeq !== undefined ? { ...reply, duplicate: true } : reply,
      ),
    );
  }
}

/**
 * Answers the commands the journal holds with their stored replies; returns the others, in order. An entry at or
 * below `seqBefore` predates the write being checked: a true duplicate. One above it was written by that very write
 * (an uncertain outcome that turned out written), so its reply is the original's, not a duplicate's.
 */
export async function answerFromJournal<Command extends RepeatableCommand>(
  journal: Pick<ActorStore, "findEntriesByCommandIds">,
  actor: ActorRef,
  commands: readonly Command[],
  seqBefore: number,
): Promise<Command[]> {
  const ids = [...new Set(commands.map((pending) => pending.request.commandId))];
  const entries = await journal.findEntriesByCommandIds(actor, ids);
  const byId = new Map(entries.map((entry) => [entry.commandId, entry]));
  const rest: Command[] = [];
  for (const pending of commands) {
    const entry = byId.get(pending.request.commandId);
    if (!entry) rest.push(pending);
    else
      pending.resolve(
        replyToRepeat(
          pending,
          entry.commandFingerprint,
          storedReply(entry.commandId, entry.reply, entry.seq, entry.seq <= seqBefore),
        ),
      );
  }
  return rest;
}

/** The reply to a command id seen before: the stored reply if it is the same command, else `command_id_reused`. */
function replyToRepeat(pending: RepeatableCommand, storedFingerprint: string | undefined, stored: Reply): Reply {
  // An entry written before fingerprints existed has none: its repeats are taken for retries.
  if (storedFingerprint === undefined || storedFingerprint === fingerprintOf(pending)) return stored;
  return { ok: false, commandId: pending.request.commandId, error: errorBody("command_id_reused") };
}

function storedReply(commandId: string, result: Json, entrySeq: number, duplicate: boolean): Reply {
  const base = { ok: true as const, commandId, result, entrySeq };
  return duplicate ? { ...base, duplicate: true } : base;
}

// Remember: accepted commands, bounded, and the window's snapshot form.

/** Ids in the order accepted, with each one's place: a sealed chunk is shared by every copy and never changes. */
interface IdChunk {
  readonly ids: readonly string[];
  readonly places: ReadonlyMap<string, number>;
}

/** Ids a chunk holds once sealed; a window smaller than this uses its own size. */
const idChunkSize = 64;

/**
 * The last `capacity` command ids an actor accepted, oldest first: most repeats are detected without a store read.
 * Part of the actor's record: advanced by every applied entry (live or replayed), kept in snapshots as the ids,
 * oldest first (`Snapshot.recentCommandIds`).
 *
 * Every batch decides on a copy (`clone`, ActorRecord.draft), so a copy must cost little however large the window:
 * the ids sit in sealed chunks that copies share and never change, plus one open chunk of their own. A copy costs
 * the chunk list and the open chunk, at most `capacity / chunk size + chunk size` entries, not the whole window.
 * The open chunk is searched in order, not through a map: it holds fewer than `idChunkSize` ids, and every actor in
 * memory has one, most with a few ids, where a map would weigh more than the ids.
 */
export class RecentCommandIds {
  private constructor(
    private readonly capacity: number,
    private readonly chunkSize: number,
    /** Full chunks, oldest first; the first one's ids before `skip` have left the window. */
    private readonly sealed: IdChunk[],
    private skip: number,
    private open: string[],
  ) {}

  static empty(capacity: number): RecentCommandIds {
    assert(Number.isSafeInteger(capacity) && capacity > 0, `command id window of ${capacity}`);
    return new RecentCommandIds(capacity, Math.min(idChunkSize, capacity), [], 0, []);
  }

  /** Restores the window from its snapshot form; beyond `capacity` (the limit was lowered), the newest ids stay. */
  static fromSnapshot(capacity: number, ids: readonly string[]): RecentCommandIds {
    const window = RecentCommandIds.empty(capacity);
    for (const id of ids.slice(-capacity)) window.remember(id);
    return window;
  }

  has(commandId: string): boolean {
    if (this.open.includes(commandId)) return true;
    for (let index = 0; index < this.sealed.length; index++) {
      const place = this.sealed[index]!.places.get(commandId);
      // An id may stand twice: once before `skip` (left the window) and again later (accepted anew).
      if (place !== undefined && (index > 0 || place >= this.skip)) return true;
    }
    return false;
  }

  /** Records an accepted command id; the oldest leaves beyond `capacity`. */
  remember(commandId: string): void {
    if (this.has(commandId)) return;
    this.open.push(commandId);
    if (this.open.length === this.chunkSize) {
      this.sealed.push({ ids: this.open, places: new Map(this.open.map((id, place) => [id, place])) });
      this.open = [];
    }
    // The open chunk holds fewer than chunkSize <= capacity ids, so beyond capacity there is a sealed chunk to trim.
    while (this.size > this.capacity) {
      if (++this.skip === this.chunkSize) {
        this.sealed.shift();
        this.skip = 0;
      }
    }
  }

  private get size(): number {
    return this.sealed.length * this.chunkSize - this.skip + this.open.length;
  }

  /** The snapshot form: the ids, oldest first. */
  toSnapshot(): string[] {
    const ids = this.sealed.flatMap((chunk) => chunk.ids);
    ids.push(...this.open);
    return ids.slice(this.skip);
  }

  /** A copy to advance apart from this one (a batch's draft): it shares the sealed chunks, never changed. */
  clone(): RecentCommandIds {
    return new RecentCommandIds(this.capacity, this.chunkSize, [...this.sealed], this.skip, [...this.open]);
  }
}

interface RememberedReply {
  readonly reply: Json;
  readonly entrySeq: number;
  /** The command's fingerprint, to tell a retry from a different command reusing the id. */
  readonly fingerprint: string | undefined;
}

/**
 * The replies of the node's most recently journaled commands, across all actors, bounded (least recently stored
 * first out). A repeated command id is answered from here without a journal read: retries and redeliveries come
 * soon after the original, and on FerretDB a lookup by id scans the journal (ADR 001 §8). A miss falls back to the
 * journal, so the bound costs reads, never correctness.
 */
export class RecentReplies {
  private readonly replies: BoundedMap<string, RememberedReply>;

  constructor(capacity: number) {
    this.replies = new BoundedMap(capacity);
  }

  get size(): number {
    return this.replies.size;
  }

  /** Remembers the reply of a journaled entry; call it once the entry is durable. */
  remember(entry: JournalEntry): void {
    const key = replyKey(entry, entry.commandId);
    this.replies.set(key, { reply: entry.reply, entrySeq: entry.seq, fingerprint: entry.commandFingerprint });
  }

  /** Answers the repeats of `actor`'s accepted commands whose reply is remembered; returns the others, in order. */
  answer<Command extends RepeatableCommand>(actor: ActorRef, repeats: readonly Command[]): Command[] {
    return repeats.filter((pending) => {
      const { commandId } = pending.request;
      const remembered = this.replies.get(replyKey(actor, commandId));
      if (remembered)
        pending.resolve(
          replyToRepeat(
            pending,
            remembered.fingerprint,
            storedReply(commandId, remembered.reply, remembered.entrySeq, true),
          ),
        );
      return !remembered;
    });
  }
}

function replyKey(actor: ActorRef, commandId: string): string {
  return `${actorKeyOf(actor.kind, actor.actorId)}\u0000${commandId}`;
}

const fingerprints = new WeakMap<RepeatableCommand, string>();

/** The fingerprint of a command, computed once: what its journal entry keeps as `commandFingerprint`. */
export function fingerprintOf(pending: RepeatableCommand): string {
  let fingerprint = fingerprints.get(pending);
  if (fingerprint === undefined) {
    fingerprint = commandFingerprint(pending.request.type, pending.command);
    fingerprints.set(pending, fingerprint);
  }
  return fingerprint;
}

/**
 * What a command asks for, as a short hash: its type and its parsed form (defaults filled in, amounts normalized by
 * their own `toJSON`, keys sorted). Two deliveries under one command id must carry the same fingerprint, or the
 * second is not a retry but a different command reusing the id. Stored in every journal entry: the formula must not
 * change, or repeats of commands journaled before would be refused.
 */
function commandFingerprint(type: string, command: unknown): string {
  return createHash("sha256").update(type).update("\n").update(stableJson(command)).digest("base64url").slice(0, 22);
}

function stableJson(value: unknown): string {
  if (value !== null && typeof value === "object") {
    const withJson = value as { toJSON?: () => unknown };
    if (typeof withJson.toJSON === "function") return stableJson(withJson.toJSON());
    if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
    const entries = Object.entries(value as Record<string, unknown>).filter(([, field]) => field !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${stableJson(field)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
