import { isJsonObject, type JsonObject } from "../runtime/json.js";
import type { AccountHeaderJson, PositionJson } from "../actors/account/events.js";
import { assert } from "../runtime/assert.js";
import { positionFields } from "./pool-totals.js";

/** An account event as the bus delivers it (the fields of the event message the directory needs). */
export interface PublishedAccountEvent {
  readonly actorId: string;
  readonly eventSeq: number;
  readonly commandId: string;
  readonly recordedAt: number;
  readonly event: JsonObject;
}

/** One account's last published state. */
export interface DirectoryEntry {
  readonly accountId: string;
  readonly bankCode: string;
  readonly accountNumber: string;
  readonly currency: string;
  readonly pool: string;
  readonly status: AccountHeaderJson["status"];
  /** A new object at each read: read it once where several fields are needed. */
  readonly position: PositionJson;
  readonly eventSeq: number;
  readonly recordedAt: number;
  /** The event type of the last change. */
  readonly cause: string;
  readonly commandId: string;
}

/** Who an account is: one object shared by every entry with the same bank, currency, pool and status. */
interface AccountGroup {
  readonly bankCode: string;
  readonly currency: string;
  readonly pool: string;
  readonly status: AccountHeaderJson["status"];
}

/** Distinct groups and event types kept in one copy each; past the bound (a flood of distinct values), a copy each. */
const sharedValuesMax = 10_000;
/** Between the amounts of a packed position: amounts are decimal numbers, which never contain it. */
const amountSeparator = "|";
assert(
  positionFields.join() === "ledger,frozen,inTransitDebit,inTransitCredit,available",
  "a packed position is read back in positionFields order",
);

/**
 * Directory entries in a compact form: the directory keeps one per account ever opened (a million on a large
 * node), so each costs what it must. The header is shared, the five amounts are one string, and the account
 * number is cut from the id when asked for: about 290 B live per entry instead of about 460 (three objects and
 * seven strings each).
 */
export class DirectoryEntries {
  private readonly groups = new Map<string, AccountGroup>();
  private readonly causes = new Map<string, string>();

  /** The entry an event leaves, or undefined when the event carries no readable position or header. */
  entryOf(published: PublishedAccountEvent): DirectoryEntry | undefined {
    const { event, actorId } = published;
    const position = event["position"];
    const header = event["account"];
    const separator = actorId.indexOf(":");
    if (!isJsonObject(position) || !isJsonObject(header) || separator < 1 || !Number.isSafeInteger(published.eventSeq))
      return undefined;
    // Amounts as the engine writes them (formatAmount): the pool totals add them up.
    const amounts: string[] = [];
    for (const field of positionFields) {
      const amount = position[field];
      if (!isAmountText(amount)) return undefined;
      amounts.push(amount);
    }
    const { currency, pool, status } = header;
    if (typeof currency !== "string" || typeof pool !== "string" || (status !== "open" && status !== "closed"))
      return undefined;
    const type = typeof event["type"] === "string" ? event["type"] : "unknown";
    return new PackedEntry(
      actorId,
      this.group(actorId.slice(0, separator), currency, pool, status),
      amounts.join(amountSeparator),
      published.eventSeq,
      published.recordedAt,
      shared(this.causes, type, () => type),
      published.commandId,
    );
  }

  private group(bankCode: string, currency: string, pool: string, status: AccountGroup["status"]): AccountGroup {
    // JSON.stringify keeps the key unambiguous whatever characters the values hold.
    const key = JSON.stringify([bankCode, currency, pool, status]);
    return shared(this.groups, key, () => ({ bankCode, currency, pool, status }));
  }
}

function shared<T>(kept: Map<string, T>, key: string, make: () => T): T {
  const found = kept.get(key);
  if (found !== undefined) return found;
  const made = make();
  if (kept.size < sharedValuesMax) kept.set(key, made);
  return made;
}

export function isAmountText(value: unknown): value is string {
  return typeof value === "string" && /^-?\d{1,40}(\.\d{1,40})?$/.test(value);
}

class PackedEntry implements DirectoryEntry {
  constructor(
    readonly accountId: string,
    private readonly group: AccountGroup,
    /** The five amounts in `positionFields` order, joined by `amountSeparator`. */
    private readonly amounts: string,
    readonly eventSeq: number,
    readonly recordedAt: number,
    readonly cause: string,
    readonly commandId: string,
  ) {}

  get bankCode(): string {
    return this.group.bankCode;
  }

  get accountNumber(): string {
    return this.accountId.slice(this.group.bankCode.length + 1);
  }

  get currency(): string {
    return this.group.currency;
  }

  get pool(): string {
    return this.group.pool;
  }

  get status(): AccountGroup["status"] {
    return this.group.status;
  }

  get position(): PositionJson {
    const [ledger, frozen, inTransitDebit, inTransitCredit, available] = this.amounts.split(amountSeparator) as [
      string,
      string,
      string,
      string,
      string,
    ];
    return { ledger, frozen, inTransitDebit, inTransitCredit, available };
  }

  /** The fields a plain object would have: logs and tests that print or compare an entry see them all. */
  toJSON(): DirectoryEntry {
    const { accountId, bankCode, accountNumber, currency, pool, status, position, eventSeq, recordedAt } = this;
    return {
      accountId,
      bankCode,
      accountNumber,
      currency,
      pool,
      status,
      position,
      eventSeq,
      recordedAt,
      cause: this.cause,
      commandId: this.commandId,
    };
  }
}
