import type { Json } from "./json.js";

export interface RecentReply {
  readonly reply: Json;
  readonly entrySeq: number;
  /** The command's fingerprint, to tell a retry from a different command reusing the id. */
  readonly fingerprint: string | undefined;
}

/**
 * The replies of the node's most recently journaled commands, across all actors, bounded (least recently stored
 * first out). A repeated command id is answered from here without a journal read: retries and redeliveries come
 * soon after the original, and on FerretDB a lookup by id scans the journal (ADR 001 §5). A miss falls back to the
 * journal, so the bound costs reads, never correctness.
 */
export class RecentReplies {
  private readonly replies = new Map<string, RecentReply>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.replies.size;
  }

  remember(actorKey: string, commandId: string, reply: RecentReply): void {
    if (this.capacity === 0) return;
    const key = `${actorKey}\u0000${commandId}`;
    this.replies.delete(key);
    this.replies.set(key, reply);
    if (this.replies.size > this.capacity) this.replies.delete(this.replies.keys().next().value!);
  }

  recall(actorKey: string, commandId: string): RecentReply | undefined {
    return this.replies.get(`${actorKey}\u0000${commandId}`);
  }
}
