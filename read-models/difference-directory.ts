import {
  differenceClasses,
  differenceStatuses,
  parseReconciliationId,
  resolutionActions,
  type BookingAction,
  type DifferenceClass,
  type DifferenceStatus,
  type ResolutionAction,
} from "../actors/reconciliation/index.js";
import { JsonReader } from "../actors/shared/json-reader.js";
import { ViewDirectory, type PublishedEvent } from "./view-directory.js";

/** Who closed a difference and how: a person's resolution (with its checker), or `cleared` by a later run. */
export interface ResolutionSummary {
  readonly action: ResolutionAction | "cleared";
  readonly reason: string;
  readonly by: string;
  readonly confirmedBy: string | null;
  readonly at: number;
}

/** The last change of a difference: the event's type, its principal and time (epoch ms). */
export interface DifferenceChange {
  readonly change: string;
  readonly by: string;
  readonly at: number;
}

/**
 * A difference as the directory holds it, folded from its reconciliation actor's events: enough to list, filter,
 * count and age it. The full history, lines and records are the actor's (`get`).
 */
export interface DifferenceEntry {
  readonly differenceId: string;
  /** The reconciliation actor that owns it: `<bankCode>:<accountNumber>:<YYYY-MM-DD>`. */
  readonly reconciliationId: string;
  readonly accountId: string;
  /** The statement day, YYYY-MM-DD. */
  readonly date: string;
  readonly class: DifferenceClass;
  /** Signed, 4 places: statement minus engine, what an adjustment books. */
  readonly amount: string;
  /** The statement's currency, from the run that found it; null when that run's event was not seen. */
  readonly currency: string | null;
  readonly detail: string;
  readonly status: DifferenceStatus;
  /** When it was found (or found again after clearing): its age counts from here. */
  readonly foundAt: number;
  /** Explained once: a rejected proposal or a failed booking goes back to `explained`, not `open`. */
  readonly explained: boolean;
  readonly lastChange: DifferenceChange;
  /** Set while `proposed`: the resolution waiting for a second person. */
  readonly proposal: {
    readonly action: ResolutionAction;
    readonly reason: string;
    readonly by: string;
    readonly at: number;
    readonly approvalAbove: string;
  } | null;
  readonly resolution: ResolutionSummary | null;
  /** The booking of the last resolution that books something (adjust, settleTransfer). */
  readonly booking: {
    readonly action: BookingAction;
    readonly status: "pending" | "booked" | "failed";
    readonly resolution: ResolutionSummary;
  } | null;
}

/** A difference's key in the directory: its actor then its id, so listings come by account, day, then id. */
export function differenceKey(reconciliationId: string, differenceId: string): string {
  return `${reconciliationId}/${differenceId}`;
}

/**
 * Every difference of every account and day, folded from the reconciliation actors' events. Unlike the directories
 * of kinds whose events carry the whole view, each event here changes one difference, so the directory must be fed
 * from the stream's first reconciliation event, not from each actor's last. Difference ids are unique across
 * accounts and days (ADR 014 §4), so `byId` finds a difference's actor from its id alone.
 */
export class DifferenceDirectory extends ViewDirectory<DifferenceEntry> {
  private readonly currencies: Map<string, string>;
  private readonly keys = new Map<string, string>();

  constructor() {
    const currencies = new Map<string, string>();
    super((published, previous) => foldDifference(published, previous, (id) => currencies.get(id) ?? null));
    this.currencies = currencies;
  }

  /**
   * Applies one reconciliation event. A run's own event only tells the day's currency; a booking's resend changes
   * nothing a person decides on (the actor keeps it out of the history too), so watchers are not told of it.
   */
  override apply(published: PublishedEvent): boolean {
    const { actorId, event } = published;
    if (event["type"] === "bookingRedelivered") return false;
    if (event["type"] === "runRecorded") {
      const run = event["run"];
      const currency = typeof run === "object" && run !== null && !Array.isArray(run) ? run["currency"] : undefined;
      if (typeof currency === "string") this.currencies.set(actorId, currency);
      return false;
    }
    const differenceId = event["differenceId"];
    // Counted as ignored by the base class: the fold reads no difference from it.
    if (typeof differenceId !== "string") return super.apply(published);
    const key = differenceKey(actorId, differenceId);
    const changed = super.apply({ ...published, actorId: key });
    if (changed) this.keys.set(differenceId, key);
    return changed;
  }

  /** The difference with this id, whatever its account and day. */
  byId(differenceId: string): DifferenceEntry | undefined {
    const key = this.keys.get(differenceId);
    return key === undefined ? undefined : this.get(key);
  }
}

export function newDifferenceDirectory(): DifferenceDirectory {
  return new DifferenceDirectory();
}

/**
 * The difference as `published` leaves it, from `previous` (the fold of its earlier events); `published.actorId` is
 * the difference's key (`differenceKey`). The same statuses as
 * the actor's own evolve (actors/reconciliation/evolve.ts). Undefined for an event that names no difference this
 * directory can read, or one of a difference whose first event it never saw.
 */
export function foldDifference(
  published: PublishedEvent,
  previous: DifferenceEntry | null | undefined,
  /** The currency of a reconciliation's runs, null when none was seen. */
  currencyOf: (reconciliationId: string) => string | null,
): DifferenceEntry | undefined {
  const reconciliationId = published.actorId.slice(0, published.actorId.lastIndexOf("/"));
  const key = parseReconciliationId(reconciliationId);
  if (!key) return undefined;
  try {
    const e = JsonReader.of(`the reconciliation event ${published.eventSeq} of ${reconciliationId}`, published.event);
    const type = e.text("type");
    const change: DifferenceChange = { change: type, by: e.text("by"), at: e.integer("at") };
    if (type === "differenceFound") {
      return {
        differenceId: e.text("differenceId"),
        reconciliationId,
        ...key,
        class: e.oneOf("class", differenceClasses),
        amount: e.text("amount"),
        currency: currencyOf(reconciliationId),
        detail: e.text("detail"),
        status: "open",
        foundAt: change.at,
        explained: false,
        lastChange: change,
        proposal: null,
        resolution: null,
        booking: null,
      };
    }
    if (!previous) return undefined;
    return changed(previous, e, change);
  } catch (error) {
    if (error instanceof TypeError) return undefined;
    throw error;
  }
}

/** `open` or `explained`: where a rejected proposal or a failed booking leaves a difference. */
function unresolved(d: DifferenceEntry): DifferenceStatus {
  return d.explained ? "explained" : "open";
}

function changed(d: DifferenceEntry, e: JsonReader, change: DifferenceChange): DifferenceEntry | undefined {
  const next = { ...d, lastChange: change };
  switch (change.change) {
    case "differenceUpdated": {
      const withdrawn = e.boolean("proposalWithdrawn");
      const finding = { amount: e.text("amount"), detail: e.text("detail") };
      return withdrawn ? { ...next, ...finding, status: unresolved(d), proposal: null } : { ...next, ...finding };
    }
    case "differenceReopened":
      return {
        ...next,
        amount: e.text("amount"),
        detail: e.text("detail"),
        status: "open",
        foundAt: change.at,
        explained: false,
        resolution: null,
      };
    case "differenceCleared": {
      const resolution: ResolutionSummary = {
        action: "cleared",
        reason: `run ${e.integer("runNo")} no longer finds it`,
        by: change.by,
        confirmedBy: null,
        at: change.at,
      };
      return { ...next, status: "resolved", proposal: null, resolution };
    }
    case "differenceExplained":
      return { ...next, status: "explained", explained: true };
    case "resolutionProposed": {
      const action = e.oneOf("action", resolutionActions);
      const proposal = {
        action,
        reason: e.text("reason"),
        by: change.by,
        at: change.at,
        approvalAbove: e.text("approvalAbove"),
      };
      return { ...next, status: "proposed", proposal };
    }
    case "resolutionRejected":
      return { ...next, status: unresolved(d), proposal: null };
    case "differenceResolved":
      return resolved(next, e, change);
    case "resolutionBooked":
      return booked(next, e.oneOf("action", ["adjust", "settleTransfer"] as const), e.boolean("late"));
    case "bookingFailed": {
      if (!d.booking) return undefined;
      const booking = { ...d.booking, status: "failed" as const };
      return { ...next, status: unresolved(d), resolution: null, booking };
    }
    default:
      return undefined;
  }
}

function resolved(d: DifferenceEntry, e: JsonReader, change: DifferenceChange): DifferenceEntry {
  const action = e.oneOf("action", resolutionActions);
  const resolution: ResolutionSummary = {
    action,
    reason: e.text("reason"),
    by: change.by,
    confirmedBy: e.textOrNull("confirmedBy"),
    at: change.at,
  };
  const next = { ...d, status: "resolved" as const, proposal: null, resolution };
  if (action === "noBooking") return next;
  return { ...next, booking: { action, status: "pending", resolution } };
}

/** A late success (after a failure reopened it) closes the difference with the resolution that was booked. */
function booked(d: DifferenceEntry, action: BookingAction, late: boolean): DifferenceEntry | undefined {
  if (!d.booking || d.booking.action !== action) return undefined;
  const booking = { ...d.booking, status: "booked" as const };
  if (!late || d.status === "resolved") return { ...d, booking };
  return { ...d, status: "resolved", proposal: null, resolution: d.booking.resolution, booking };
}

/** What a listing or a watch asks for; a field left out matches any difference. */
export interface DifferenceFilter {
  readonly accountId?: string;
  /** YYYY-MM-DD, inclusive. */
  readonly dateFrom?: string;
  readonly dateTo?: string;
  /** Empty: any class. */
  readonly classes: ReadonlySet<DifferenceClass>;
  /** Empty: any status. */
  readonly statuses: ReadonlySet<DifferenceStatus>;
}

export function matchesDifference(filter: DifferenceFilter, d: DifferenceEntry): boolean {
  return (
    (filter.accountId === undefined || d.accountId === filter.accountId) &&
    (filter.dateFrom === undefined || d.date >= filter.dateFrom) &&
    (filter.dateTo === undefined || d.date <= filter.dateTo) &&
    (filter.classes.size === 0 || filter.classes.has(d.class)) &&
    (filter.statuses.size === 0 || filter.statuses.has(d.status))
  );
}

export { differenceClasses, differenceStatuses };
