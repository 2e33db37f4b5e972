import type { JournalEntry, ReminderIndexEntry, Snapshot } from "../../runtime/ports.js";
import { actorKeyOf } from "../../runtime/subjects.js";
import { isTraceContext } from "../../runtime/trace-context.js";

/**
 * The stored shapes. `_id` of a journal document is actor + command id (the idempotency key); the unique index
 * on (actor, seq) is the fencing key (ADR 001 §3). Amounts inside events are strings: no Decimal128, so the same
 * documents work on MongoDB and on MongoDB-wire servers such as FerretDB.
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

export function journalDocumentId(kind: string, actorId: string, commandId: string): string {
  return `${actorKeyOf(kind, actorId)}/${commandId}`;
}

export function toJournalDocument(entry: JournalEntry): JournalDocument {
  return {
    _id: journalDocumentId(entry.kind, entry.actorId, entry.commandId),
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
