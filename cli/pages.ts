/** A limit on `--all`: a listing that goes on past this many pages is cut there (its last token is printed). */
export const pagesMax = 10_000;

/** A listing as `liq` prints it: the items read, and the page token after them ("" when there are no more). */
export interface Pages<T> {
  readonly items: T[];
  readonly nextPageToken: string;
}

/** Reads a paged listing from `pageToken` on: one page, or with `all` every page up to `pagesMax`. */
export async function readPages<A extends { next_page_token: string }, T>(
  pageToken: string | undefined,
  all: boolean | undefined,
  read: (pageToken: string) => Promise<A>,
  itemsOf: (answer: A) => T[],
): Promise<Pages<T>> {
  const items: T[] = [];
  let token = pageToken ?? "";
  for (let page = 0; page < pagesMax; page++) {
    const answer = await read(token);
    items.push(...itemsOf(answer));
    token = answer.next_page_token;
    if (!all || token === "") break;
  }
  return { items, nextPageToken: token };
}

/** The line that tells how to read on, after a listing's text; nothing at its end. */
export function morePagesText(nextPageToken: string): string {
  return nextPageToken ? `more: --page-token ${nextPageToken}\n` : "";
}

/** A journal read as `liq ... history` prints it: entries after a sequence number, one page or with `all` every page. */
export async function readJournalPages<E>(
  after: number | undefined,
  all: boolean | undefined,
  read: (afterEntrySeq: string) => Promise<{ entries: E[]; next_after_entry_seq: string }>,
): Promise<{ entries: E[]; next_after_entry_seq: string }> {
  const history = { entries: [] as E[], next_after_entry_seq: String(after ?? 0) };
  for (let page = 0; page < pagesMax; page++) {
    const answer = await read(history.next_after_entry_seq);
    history.entries.push(...answer.entries);
    history.next_after_entry_seq = answer.next_after_entry_seq;
    if (!all || answer.next_after_entry_seq === "0") break;
  }
  return history;
}

/** The line that tells how to read a journal on; nothing at its end. */
export function moreEntriesText(nextAfterEntrySeq: string): string {
  return nextAfterEntrySeq !== "0" ? `more: --after ${nextAfterEntrySeq}\n` : "";
}
