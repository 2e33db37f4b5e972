import type { Decimal } from "decimal.js";
import type { Speed } from "../actors/channel/config.js";
import { chooseRoute, type ConsideredChannel } from "../actors/channel/route-choice.js";
import type { RouteFinder, RouteOffer } from "../actors/planner/routes.js";
import type { JsonObject } from "../runtime/json.js";
import { routeCandidatesOf, type ChannelCandidate } from "./route-candidates.js";

export type { ChannelCandidate } from "./route-candidates.js";

/**
 * The route finder of one evaluation over the channel views it read at `now`: the route chooser CreateTransfer
 * uses (actors/channel/route-choice.ts, ADR 010 §6), so a plan goes by the channels a transfer would meet: both
 * ends usable now (maintenance, circuit, cut-off, the debit end's daily limit), the cheapest (debit fee + credit
 * fee), ties to the channel listed first; none usable now gives the next window.
 */
export function routeFinder(candidates: readonly ChannelCandidate[], currency: string, now: number): RouteFinder {
  return (from: string, to: string, speed: Speed, amount: Decimal): RouteOffer => {
    const ends = { sourceBank: bankOf(from), targetBank: bankOf(to), currency };
    const { debit, credit } = routeCandidatesOf(candidates, ends);
    const choice = chooseRoute({ currency, speed, amount, now }, debit, credit);
    const considered = choice.considered.map(consideredJson);
    if (choice.chosen === null && choice.nextWindowAt !== null) {
      // None today: the route that opens at the next window, for a plan that waits for it.
      const later = chooseRoute({ currency, speed, amount, now: choice.nextWindowAt }, debit, credit);
      return { chosen: later.chosen, considered, nextWindowAt: choice.nextWindowAt, startsAt: choice.nextWindowAt };
    }
    return { chosen: choice.chosen, considered, nextWindowAt: choice.nextWindowAt };
  };
}

function consideredJson(channel: ConsideredChannel): JsonObject {
  return { ...channel };
}

function bankOf(accountId: string): string {
  return accountId.slice(0, accountId.indexOf(":"));
}
