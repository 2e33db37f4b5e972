import type { Decimal } from "decimal.js";
import type { Speed } from "../actors/channel/config.js";
import type { ChannelView } from "../actors/channel/view.js";
import type { RouteFinder, RouteOffer } from "../actors/planner/routes.js";
import { formatAmount, Money } from "../actors/shared/amount.js";
import type { JsonObject } from "../runtime/json.js";

/** A configured channel: its id, the bank it serves, and its view as read at the start of the evaluation. */
export interface ChannelCandidate {
  readonly channelId: string;
  readonly bankCode: string;
  readonly view: ChannelView;
}

/**
 * The route finder of one evaluation over the channel views it read: both ends must be usable now (configured for
 * the currency, the speed offered, the circuit not open), and among the routes the cheapest (debit fee + credit fee)
 * wins, ties by channel ids.
 */
export function routeFinder(candidates: readonly ChannelCandidate[], currency: string): RouteFinder {
  return (from: string, to: string, speed: Speed, amount: Decimal): RouteOffer => {
    const considered: JsonObject[] = [];
    const usable = (bankCode: string, end: "debit" | "credit") =>
      candidates
        .filter((candidate) => candidate.bankCode === bankCode)
        .flatMap((candidate) => {
          const verdict = judge(candidate, currency, speed, end === "debit" ? amount : undefined);
          considered.push({ channelId: candidate.channelId, end, ...verdict });
          return verdict.usable ? [{ channelId: candidate.channelId, fee: new Money(verdict.fee ?? "0") }] : [];
        });
    const debits = usable(bankOf(from), "debit");
    const credits = usable(bankOf(to), "credit");
    let chosen: RouteOffer["chosen"] = null;
    let best: Decimal | undefined;
    for (const debit of debits)
      for (const credit of credits) {
        const fee = debit.fee.plus(credit.fee);
        if (best === undefined || fee.lessThan(best)) {
          best = fee;
          chosen = { debitChannel: debit.channelId, creditChannel: credit.channelId, fee: formatAmount(fee) };
        }
      }
    return { chosen, considered, nextWindowAt: null };
  };
}

function judge(candidate: ChannelCandidate, currency: string, speed: Speed, debit: Decimal | undefined) {
  const { view } = candidate;
  const refused = (reason: string) => ({ usable: false, fee: null, reason });
  if (!view.configured) return refused("not configured");
  if (view.config.currency !== currency) return refused(`serves ${view.config.currency}`);
  const terms = view.config.speeds[speed];
  if (!terms) return refused(`no ${speed} speed`);
  if (view.breaker.circuit === "open") return refused("circuit open");
  if (debit && new Money(view.usage.remaining).lessThan(debit)) return refused("over the daily limit");
  return { usable: true, fee: terms.fee, reason: "" };
}

function bankOf(accountId: string): string {
  return accountId.slice(0, accountId.indexOf(":"));
}
