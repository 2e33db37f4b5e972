import type { Decimal } from "decimal.js";
import type { Speed } from "../channel/config.js";
import type { JsonObject } from "../../runtime/json.js";

/** What the channels offer for one move: the cheapest route usable now, or when the next window opens. */
export interface RouteOffer {
  readonly chosen: {
    readonly debitChannel: string;
    readonly creditChannel: string;
    readonly fee: string;
    /** The earlier of the two ends' cut-offs for the speed today (epoch ms); null or absent: none. */
    readonly cutoffAt?: number | null;
  } | null;
  /** Every channel looked at, at both ends, with why it was or was not usable (shown in a suggestion's reason). */
  readonly considered: readonly JsonObject[];
  /** When nothing is usable now: the earliest instant a route opens; null when none ever does. */
  readonly nextWindowAt: number | null;
  /** When `chosen` can carry the move: absent or now, or the next window (`chosen` is then the route that opens). */
  readonly startsAt?: number;
}

/** Looks up the route for a move; the planner calls it with channel views read before planning (so it stays pure). */
export type RouteFinder = (from: string, to: string, speed: Speed, amount: Decimal) => RouteOffer;

/** One line on why a move has no route now. */
export function routeNote(offer: RouteOffer): string {
  const refused = offer.considered
    .filter((channel) => channel["usable"] === false)
    .map((channel) => `${String(channel["channelId"])} (${String(channel["reason"])})`);
  const why = refused.length > 0 ? refused.join("; ") : "no channel serves it";
  return offer.nextWindowAt === null
    ? `no channel can take it: ${why}`
    : `no channel now (${why}); next window ${new Date(offer.nextWindowAt).toISOString()}`;
}
