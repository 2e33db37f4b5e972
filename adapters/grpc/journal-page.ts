import { status } from "@grpc/grpc-js";
import type { ActorRef, JournalEntry, JournalStore } from "../../runtime/ports.js";
import { ApiError } from "./api-error.js";

const pageSizeDefault = 100;
const pageSizeMax = 1_000;

/** One page of an actor's journal as the history calls page it, and the `after_entry_seq` of the next (0: none). */
export interface JournalPage {
  readonly entries: readonly JournalEntry[];
  readonly nextAfterEntrySeq: string;
}

/**
 * Reads the page a history call asks for (`after_entry_seq`, `page_size` at most 1000, 0 meaning 100). An actor with
 * no journal at all is `notFound`: it was never created.
 */
export async function readJournalPage(
  journal: JournalStore,
  actor: ActorRef,
  request: { readonly after_entry_seq: string; readonly page_size: number },
  notFound: () => ApiError,
): Promise<JournalPage> {
  const limit = request.page_size === 0 ? pageSizeDefault : request.page_size;
  if (limit > pageSizeMax)
    throw new ApiError(status.INVALID_ARGUMENT, `page_size must be at most ${pageSizeMax}`, "invalid_argument");
  const after = Number(request.after_entry_seq);
  if (!Number.isSafeInteger(after) || after < 0)
    throw new ApiError(status.INVALID_ARGUMENT, "after_entry_seq is out of range", "invalid_argument");
  const entries = await journal.readEntries(actor, after, limit + 1);
  if (entries.length === 0 && after === 0) throw notFound();
  const page = entries.slice(0, limit);
  return { entries: page, nextAfterEntrySeq: entries.length > limit ? String(page.at(-1)!.seq) : "0" };
}
