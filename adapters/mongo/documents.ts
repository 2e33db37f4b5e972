import type { JournalEntry, ReminderIndexEntry, Snapshot } from "../../runtime/ports.js";
import { actorKeyOf } from "../../runtime/subjects.js";
import { isTraceContext } from "../../runtime/trace-context.js";

/**
 * The stored shapes. `_id` of a journal document is actor + entry number: the fencing key, and the address an
 * activation reads the tail by, which a MongoDB-wire server serves from its `_id` index (ADR 015). The unique index on (actor, commandId) is the idempotency key. Amounts inside events are strings:
 * no Decimal128, so the same documents work on MongoDB and on MongoDB-wire servers such as FerretDB.
 */
export interface JournalDocument extends JournalEntry {
  _id: string;
  actor: string;
}

export interface SnapshotDocument extends Snapshot {
  _id: string;
}

export interface ReminderDocument extends ReminderIndexEntry {
  _id: string;
}

/** The node's publication checkpoints (ADR 002): `partitions.p<N>` = epoch ms before which all is published. */
export interface CheckpointDocument {
  _id: string;
  partitions?: Record<string, number>;
}

/** Digits of the entry number in `_id`: ids of one actor sort in entry order (a convenience for people, not relied on). */
const entrySeqDigits = 12;

/**
 * `<kind>/<actorId>#<seq>`. An actor id has neither `/` nor `#` (runtime/subjects.ts), so no two actors' ids meet,
 * and none meets an id of the earlier layout, `<kind>/<actorId>/<commandId>`, which the migration rewrites.
 */
export function journalDocumentId(kind: string, actorId: string, seq: number): string {
  return `${actorKeyOf(kind, actorId)}#${String(seq).padStart(entrySeqDigits, "0")}`;
}

export function toJournalDocument(entry: JournalEntry): JournalDocument {
  return {
    _id: journalDocumentId(entry.kind, entry.actorId, entry.seq),
    actor: actorKeyOf(entry.kind, entry.actorId),
    ...entry,
  };
}

/**
 * An entry as stored. `trace` is optional (entries written before ADR 009 have none); one that is not a trace
 * context is dropped rather than refused: diagnostic data must never keep an actor from loading.
 */
export function fromJournalDocument(document: JournalDocument): JournalEntry {
  const { _id, actor, trace, ...entry } = document;
  return isTraceContext(trace) ? { ...entry, trace } : entry;
}

export function fromSnapshotDocument(document: SnapshotDocument): Snapshot {
  const { _id, ...snapshot } = document;
  return snapshot;
}
