import type { JetStreamManager, StoredMsg } from "@nats-io/jetstream";
import { deadLetterHeaders, deadLetterSubject, streamNamesFor } from "../adapters/nats/jetstream-entry-ingestion.js";

/** A dead-lettered entry (ADR 004 §4): the original body and why it can never be applied as it is. */
export interface DeadLetter {
  /** Its sequence number in the stream `<PREFIX>_DEAD_LETTERS`. */
  readonly seq: number;
  /** When it was dead-lettered (ISO 8601). */
  readonly time: string;
  readonly code: string;
  readonly reason: string;
  readonly original_subject: string;
  /** The entry's sequence number in `<PREFIX>_ENTRIES`. */
  readonly original_seq: number;
  /** The original body, as UTF-8 text. */
  readonly body: string;
}

/** Dead letters examined at most by one listing or search: a bound on the work of one command. */
const scanMax = 10_000;
/** Margin for clocks of servers in a cluster when searching dead letters by time. */
const clockSkewMs = 5_000;

/** The dead-letter stream of one subject prefix, read message by message (no consumer is created). */
export class DeadLetterStream {
  readonly name: string;
  private readonly subject: string;
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly jsm: JetStreamManager,
    prefix: string,
  ) {
    this.name = streamNamesFor(prefix).deadLetters;
    this.subject = deadLetterSubject(prefix);
  }

  /** First and last sequence numbers held; `last < first` when it is empty. */
  async bounds(): Promise<{ first: number; last: number }> {
    const { state } = await this.jsm.streams.info(this.name);
    return { first: state.first_seq, last: state.messages === 0 ? state.first_seq - 1 : state.last_seq };
  }

  /** The dead letter at `seq`, or undefined when there is none (or the message is not a dead entry). */
  async get(seq: number): Promise<DeadLetter | undefined> {
    const stored = await this.jsm.streams.getMessage(this.name, { seq }).catch((error: unknown) => {
      if (error instanceof Error && /no message found|not found/i.test(error.message)) return null;
      throw error;
    });
    return stored && stored.subject === this.subject ? this.letterOf(stored) : undefined;
  }

  /**
   * Up to `limit` dead letters, oldest first: from `fromSeq` on, or the latest ones; only those with `code` when
   * given. At most `scanMax` messages are examined.
   */
  async list(options: { fromSeq?: number; limit: number; code?: string }): Promise<DeadLetter[]> {
    const { first, last } = await this.bounds();
    const letters: DeadLetter[] = [];
    const forward = options.fromSeq !== undefined;
    let seq = forward ? Math.max(first, options.fromSeq!) : last;
    for (
      let examined = 0;
      letters.length < options.limit && seq >= first && seq <= last && examined < scanMax;
      examined++
    ) {
      const letter = await this.get(seq);
      if (letter && (options.code === undefined || letter.code === options.code)) letters.push(letter);
      seq += forward ? 1 : -1;
    }
    return forward ? letters : letters.reverse();
  }

  /**
   * A search for the dead letter of one entry (its sequence number in the entries stream) made no earlier than
   * `notBefore`: the first call looks back from the end to that time, later calls look only at what arrived since.
   */
  searchFor(originalSeq: number, notBefore: Date): () => Promise<DeadLetter | undefined> {
    let scannedUpTo: number | undefined;
    return async () => {
      const { first, last } = await this.bounds();
      if (scannedUpTo === undefined) {
        scannedUpTo = last;
        for (let seq = last, examined = 0; seq >= first && examined < scanMax; seq--, examined++) {
          const stored = await this.jsm.streams.getMessage(this.name, { seq }).catch(() => null);
          if (!stored) continue;
          if (stored.time.getTime() < notBefore.getTime() - clockSkewMs) break;
          if (
            stored.subject === this.subject &&
            Number(stored.header?.get(deadLetterHeaders.originalSeq)) === originalSeq
          )
            return this.letterOf(stored);
        }
        return undefined;
      }
      // Sequence numbers start at 1: an empty stream reports first 0, and asking for message 0 is a bad request.
      for (let seq = Math.max(scannedUpTo + 1, first, 1); seq <= last; seq++) {
        scannedUpTo = seq;
        const letter = await this.get(seq);
        if (letter?.original_seq === originalSeq) return letter;
      }
      return undefined;
    };
  }

  private letterOf(stored: StoredMsg): DeadLetter {
    const header = (name: string) => stored.header?.get(name) ?? "";
    return {
      seq: stored.seq,
      time: stored.time.toISOString(),
      code: header(deadLetterHeaders.code),
      reason: header(deadLetterHeaders.reason),
      original_subject: header(deadLetterHeaders.originalSubject),
      original_seq: Number(header(deadLetterHeaders.originalSeq)),
      body: this.decoder.decode(stored.data),
    };
  }
}
