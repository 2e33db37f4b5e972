import { accountKind } from "../../actors/account/index.js";
import { MongoActorStore } from "../../adapters/mongo/mongo-actor-store.js";
import { ActorRecord } from "../../runtime/actor-record.js";
import { decideBatch, type PendingCommand } from "../../runtime/decide-batch.js";
import { defaultLimits } from "../../runtime/limits.js";
import { silentLogger } from "../../runtime/logger.js";
import type { ActorStore, AppendBatch, JournalEntry, Snapshot } from "../../runtime/ports.js";

/**
 * Journal history for the benchmarks: accounts opened and booked with entries, written through the actor store's
 * own API (`append` in large coalesced writes, `saveSnapshot`), never as raw documents, so the history follows
 * whatever layout the store uses. Each entry is what the engine would have journaled: the command is parsed by the
 * account kind, decided against the actor's record by the runtime's `decideBatch` (events, reply, fingerprint) and
 * applied to the record as replay applies it; a snapshot is the record's own snapshot form, taken every
 * `snapshotEveryEvents` events as an activation takes it. The engine activates and replays these actors like any.
 */
export interface HistoryAccount {
  readonly bankCode: string;
  readonly accountNumber: string;
  /** Journal entries: the open, then `entries - 1` booked entries (one event each). */
  readonly entries: number;
}

export interface PreloadOptions {
  /** Events between two snapshots of an actor (the engine's `snapshotEveryEvents`). */
  readonly snapshotEveryEvents: number;
  /** Entries per `append` (one ordered bulk write over many actors). */
  readonly writeEntriesMax: number;
  /** Appends in flight at once, overlapping the deciding of the next one. */
  readonly writesInFlightMax: number;
  /** Partitions whose publication checkpoint to move past the history (all of the engine's). */
  readonly partitionCount: number;
  /** Called after every write, with the entries written so far. */
  readonly onProgress?: (written: number) => void;
}

export interface PreloadReport {
  readonly actors: number;
  readonly entries: number;
  readonly snapshots: number;
  readonly seconds: number;
  readonly entriesPerSecond: number;
  /** CPU of this process (deciding, encoding, the driver): the rest is the store's. */
  readonly cpuSeconds: number;
}

/** The store methods a preload uses: an `ActorStore`'s. */
export type HistoryStore = Pick<ActorStore, "append" | "saveSnapshot" | "savePublicationCheckpoints">;

export const defaultPreloadOptions: Omit<PreloadOptions, "onProgress"> = {
  snapshotEveryEvents: defaultLimits.snapshotEveryEvents,
  writeEntriesMax: defaultLimits.journalWriteEntriesMax,
  writesInFlightMax: 2,
  partitionCount: defaultLimits.partitionCount,
};

/** `entries` entries spread evenly over `actors` accounts `<bankCode>:<n>` (each at least its open). */
export function spreadHistory(bankCode: string, entries: number, actors: number): HistoryAccount[] {
  if (!(actors >= 1 && entries >= actors)) throw new RangeError(`${entries} entries cannot open ${actors} accounts`);
  const base = Math.floor(entries / actors);
  return Array.from({ length: actors }, (_, index) => ({
    bankCode,
    accountNumber: String(index),
    entries: base + (index < entries % actors ? 1 : 0),
  }));
}

const principal = "bench:history";
const hourMs = 3_600_000;

class PreloadFailed extends Error {
  override readonly name = "PreloadFailed";
}

/**
 * Writes the history of `accounts` and then the publication checkpoint of every partition past it (the history is
 * not on the bus: an engine starting on it must not take it for entries a crash left unpublished). Entries are
 * recorded an hour before the preload started, on that hour's booking day.
 */
export async function preloadHistory(
  store: HistoryStore,
  accounts: Iterable<HistoryAccount>,
  options: PreloadOptions = defaultPreloadOptions,
): Promise<PreloadReport> {
  const started = performance.now();
  const cpuAtStart = process.cpuUsage();
  const writes = new WritePipeline(store, options);
  let recordedAt = Date.now() - hourMs;
  let actors = 0;
  for (const account of accounts) {
    actors++;
    for (const chunk of decidedHistory(account, options.snapshotEveryEvents, () => recordedAt++))
      await writes.add(chunk);
  }
  await writes.finish();
  const partitions = Array.from({ length: options.partitionCount }, (_, index) => index);
  await store.savePublicationCheckpoints(partitions, Date.now());
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  return {
    actors,
    entries: writes.written,
    snapshots: writes.snapshots,
    seconds,
    entriesPerSecond: writes.written / seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
}

/** A preload into a MongoDB database, and where it went. */
export type DatabasePreload = PreloadReport & { readonly database: string };

/**
 * Preloads `accounts` into `database` at `url` through a `MongoActorStore` of its own, with a progress line on
 * stderr every tenth of the way (`label` names the suite), and reports how long it took.
 */
export async function preloadDatabase(
  url: string,
  database: string,
  accounts: readonly HistoryAccount[],
  label: string,
  snapshotEveryEvents = defaultPreloadOptions.snapshotEveryEvents,
): Promise<DatabasePreload> {
  const store = await MongoActorStore.connect({ url, database, appName: "bench-history" });
  const total = accounts.reduce((sum, account) => sum + account.entries, 0);
  let reported = 0;
  try {
    const report = await preloadHistory(store, accounts, {
      ...defaultPreloadOptions,
      snapshotEveryEvents,
      onProgress: (written) => {
        if (written - reported < total / 10 && written < total) return;
        reported = written;
        process.stderr.write(`${label}: history preload ${written} of ${total} entries\n`);
      },
    });
    process.stderr.write(
      `${label}: preloaded ${report.entries} entries over ${report.actors} accounts (${report.snapshots} snapshots) in ${report.seconds.toFixed(1)} s (${report.entriesPerSecond.toFixed(0)}/s)\n`,
    );
    return { ...report, database };
  } finally {
    await store.close();
  }
}

/** Entries of one actor, decided together, and the snapshot taken after them (if one was due). */
interface DecidedChunk {
  readonly batch: AppendBatch;
  readonly snapshot: Snapshot | undefined;
}

/**
 * The history of one account in chunks of at most `snapshotEveryEvents` commands: each decided as one batch against
 * the actor's record, which `decideBatch` advances entry by entry exactly as replay will.
 */
function* decidedHistory(
  account: HistoryAccount,
  snapshotEveryEvents: number,
  nextRecordedAt: () => number,
): Generator<DecidedChunk> {
  const actorId = `${account.bankCode}:${account.accountNumber}`;
  const record = ActorRecord.initial(accountKind, actorId, defaultLimits.commandIdWindowSize);
  let snapshotEventSeq = 0;
  for (let first = 0; first < account.entries; first += snapshotEveryEvents) {
    const count = Math.min(snapshotEveryEvents, account.entries - first);
    const commands = Array.from({ length: count }, (_, offset) => historyCommand(account, actorId, first + offset));
    const now = nextRecordedAt();
    const outcome = decideBatch(record, commands, now, silentLogger);
    if (outcome.entries.length !== count) {
      const refused = outcome.replies.find(({ reply }) => !reply.ok)?.reply;
      throw new PreloadFailed(`history of ${actorId}: a command was not journaled: ${JSON.stringify(refused)}`);
    }
    let snapshot: Snapshot | undefined;
    if (record.eventSeq - snapshotEventSeq >= snapshotEveryEvents) {
      snapshotEventSeq = record.eventSeq;
      snapshot = record.toSnapshot(now);
    }
    yield { batch: { entries: outcome.entries }, snapshot };
  }
}

/** Command `index` of an account's history: its open, then credits with a small debit every fourth entry. */
function historyCommand(account: HistoryAccount, actorId: string, index: number): PendingCommand {
  const [commandId, type, payload] =
    index === 0
      ? [
          "open",
          "open",
          { bankCode: account.bankCode, accountNumber: account.accountNumber, currency: "EUR", pool: "history" },
        ]
      : [
          `entry:h${index}`,
          "recordEntry",
          {
            entryId: `h${index}`,
            direction: index % 4 === 3 ? "debit" : "credit",
            // Credits of 10 and more, debits of 1: the balance only grows, so no debit is refused.
            amount:
              index % 4 === 3 ? "1.0000" : `${10 + (index % 500)}.${String((index * 7_919) % 10_000).padStart(4, "0")}`,
            currency: "EUR",
          },
        ];
  const parsed = accountKind.parseCommand(type, payload);
  if (!parsed.ok) throw new PreloadFailed(`history command ${type} of ${actorId} refused: ${parsed.message}`);
  return {
    request: { kind: accountKind.name, actorId, commandId, type, payload, principal },
    command: parsed.command,
    resolve: () => {},
  };
}

/**
 * Coalesces chunks into appends of at most `writeEntriesMax` entries, with at most `writesInFlightMax` under way;
 * an append's snapshots are saved once its entries are written, as the runtime saves one only after its entries.
 */
class WritePipeline {
  written = 0;
  snapshots = 0;
  private batches: AppendBatch[] = [];
  private pendingSnapshots: Snapshot[] = [];
  private entries = 0;
  private readonly inFlight = new Set<Promise<Error | undefined>>();

  constructor(
    private readonly store: HistoryStore,
    private readonly options: PreloadOptions,
  ) {}

  async add(chunk: DecidedChunk): Promise<void> {
    // A chunk larger than a write is split: contiguous parts of one actor, in order.
    for (let start = 0; start < chunk.batch.entries.length;) {
      const room = this.options.writeEntriesMax - this.entries;
      const part = chunk.batch.entries.slice(start, start + room);
      this.batches.push({ entries: part });
      this.entries += part.length;
      start += part.length;
      if (start >= chunk.batch.entries.length && chunk.snapshot) this.pendingSnapshots.push(chunk.snapshot);
      if (this.entries >= this.options.writeEntriesMax) await this.flush();
    }
  }

  async finish(): Promise<void> {
    await this.flush();
    await this.settle(0);
  }

  private async flush(): Promise<void> {
    if (this.batches.length === 0) return;
    const [batches, snapshots, entries] = [this.batches, this.pendingSnapshots, this.entries];
    [this.batches, this.pendingSnapshots, this.entries] = [[], [], 0];
    // Never rejects: a failure is handed to `settle`, which throws it; the write leaves the set as it ends.
    const write: Promise<Error | undefined> = this.write(batches, snapshots, entries)
      .then(
        () => undefined,
        (error: unknown) => (error instanceof Error ? error : new PreloadFailed(String(error))),
      )
      .then((failure) => {
        this.inFlight.delete(write);
        return failure;
      });
    this.inFlight.add(write);
    await this.settle(this.options.writesInFlightMax - 1);
  }

  /** Waits until at most `room` writes are under way; throws the first failure. */
  private async settle(room: number): Promise<void> {
    while (this.inFlight.size > room) {
      const failure = await Promise.race(this.inFlight);
      if (failure) throw failure;
    }
  }

  private async write(batches: AppendBatch[], snapshots: readonly Snapshot[], entries: number): Promise<void> {
    const outcomes = await this.store.append(batches);
    const notWritten = outcomes.findIndex((outcome) => outcome !== "written");
    if (notWritten >= 0)
      throw new PreloadFailed(
        `history append ${outcomes[notWritten]} at ${describe(batches[notWritten]?.entries[0])}: is the database fresh?`,
      );
    for (const snapshot of snapshots) await this.store.saveSnapshot(snapshot);
    this.written += entries;
    this.snapshots += snapshots.length;
    this.options.onProgress?.(this.written);
  }
}

function describe(entry: JournalEntry | undefined): string {
  return entry ? `${entry.kind}/${entry.actorId} seq ${entry.seq}` : "an empty batch";
}
