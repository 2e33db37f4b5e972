import type { DecideResult } from "../../runtime/actor-kind.js";
import type { Json } from "../../runtime/json.js";
import { formatAmount } from "../shared/amount.js";
import { halfOpenAtOf, settleCircuit } from "./breaker.js";
import { callKeyOf, type ChannelCommand } from "./commands.js";
import type { ChannelConfig } from "./config.js";
import type { ChannelEvent } from "./events.js";
import { localTimeOfDayMs, minuteOfDay, nextLocalMidnight } from "./local-time.js";
import { maintenanceEndAt } from "./maintenance.js";
import { refuse, type AcquireRefusalCode, type ChannelRejectionCode } from "./rejections.js";
import { debitsPerDayMax, limitDayOf, trialCallExpiryMs, usageOn, type ChannelState } from "./state.js";
import { Turn } from "./turn.js";
import type { AcquireGrant } from "./view.js";

type Acquire = Extract<ChannelCommand, { type: "acquire" }>;

/**
 * Permission for one bank call. Checks run from the most lasting reason to the most passing one, so that the
 * refusal names what the caller must plan around. A refusal records nothing (a lazy half-open included: the
 * reminder still publishes it).
 */
export function decideAcquire(
  state: ChannelState,
  config: ChannelConfig,
  command: Acquire,
  now: number,
): DecideResult<ChannelEvent, ChannelRejectionCode> {
  const refused = (code: AcquireRefusalCode, message: string, retryAt?: number, extra: Record<string, Json> = {}) =>
    refuse(code, message, { alternative: config.alternative, ...(retryAt !== undefined && { retryAt }), ...extra });
  const terms = config.speeds[command.speed];
  const day = limitDayOf(state, config.utcOffsetMinutes, now);
  const usage = usageOn(state, day);
  const reserved = command.step === "debit" ? usage.debits.get(command.transferId) : undefined;
  if (command.currency !== config.currency)
    return refused("currency_mismatch", `the channel pays in ${config.currency}, not ${command.currency}`);
  if (!terms)
    return refused(
      "speed_not_supported",
      `the channel has no ${command.speed} speed (it has ${Object.keys(config.speeds).join(", ")})`,
    );
  if (reserved && !reserved.equals(command.amount)) {
    return refused(
      "acquisition_mismatch",
      `the debit of ${command.transferId} was acquired for ${formatAmount(reserved)}, not ${formatAmount(command.amount)}`,
    );
  }
  const maintenanceEnd = maintenanceEndAt(config, now);
  if (maintenanceEnd !== undefined)
    return refused(
      "maintenance",
      `the bank is in maintenance until ${new Date(maintenanceEnd).toISOString()}`,
      maintenanceEnd,
    );

  const turn = new Turn(state);
  settleCircuit(turn, config, now);
  const breaker = turn.state.breaker;
  const key = callKeyOf(command.transferId, command.step);
  if (breaker.circuit === "open" && breaker.openedAt !== undefined) {
    const halfOpenAt = halfOpenAtOf(breaker.openedAt, config);
    return refused(
      "circuit_open",
      `the circuit is open after repeated failures; it half-opens at ${new Date(halfOpenAt).toISOString()}`,
      halfOpenAt,
      { circuit: "open" },
    );
  }
  const liveTrials = [...breaker.trials].filter(
    ([trialKey, acquiredAt]) => trialKey !== key && acquiredAt + trialCallExpiryMs > now,
  ).length;
  const newTrial = breaker.circuit === "half_open" && !breaker.trials.has(key);
  if (newTrial && liveTrials >= config.breaker.halfOpenCallsMax) {
    // No retryAt: the trial in flight decides, and its report may come any moment.
    return refused(
      "circuit_open",
      `the circuit is half-open and its ${config.breaker.halfOpenCallsMax} trial call(s) are in flight`,
      undefined,
      { circuit: "half_open" },
    );
  }

  // Returning money must not wait: a reversal is refused only when the bank cannot take the call at all (above).
  if (command.step !== "reversal") {
    // Cut-off rule: the cut-off time is the first local minute at which the speed no longer takes calls ("17:00"
    // takes 16:59:59.999, refuses 17:00:00). The next chance is the next local day's opening; waiting or failing
    // over is the transfer's choice. Weekends and bank holidays are not modelled.
    if (localTimeOfDayMs(now, config.utcOffsetMinutes) >= minuteOfDay(terms.cutoff) * 60_000) {
      const retryAt = nextLocalMidnight(now, config.utcOffsetMinutes);
      return refused(
        "cutoff_passed",
        `the ${command.speed} cut-off (${terms.cutoff} local) has passed; next local day opens at ${new Date(retryAt).toISOString()}`,
        retryAt,
      );
    }
  }
  if (command.step === "debit" && !reserved) {
    const after = usage.used.plus(command.amount);
    const usedDetails = { usedToday: formatAmount(usage.used), dailyLimit: formatAmount(config.dailyLimit) };
    if (after.greaterThan(config.dailyLimit)) {
      // An amount above the whole limit never fits: no retryAt.
      const retryAt = command.amount.greaterThan(config.dailyLimit)
        ? undefined
        : nextLocalMidnight(now, config.utcOffsetMinutes);
      return refused(
        "daily_limit_exceeded",
        `a debit of ${formatAmount(command.amount)} would take today's debits to ${formatAmount(after)}, above the daily limit ${formatAmount(config.dailyLimit)}`,
        retryAt,
        usedDetails,
      );
    }
    if (usage.debits.size >= debitsPerDayMax) {
      return refused(
        "daily_limit_exceeded",
        `the channel took ${debitsPerDayMax} debits today, the most it tracks in a day`,
        nextLocalMidnight(now, config.utcOffsetMinutes),
        usedDetails,
      );
    }
  }

  if (newTrial)
    turn.apply({ type: "trialCallStarted", transferId: command.transferId, step: command.step, acquiredAt: now });
  if (command.step === "debit" && !reserved) {
    const usedToday = formatAmount(usage.used.plus(command.amount));
    turn.apply({
      type: "limitReserved",
      transferId: command.transferId,
      amount: formatAmount(command.amount),
      day,
      usedToday,
      dailyLimit: formatAmount(config.dailyLimit),
    });
  }
  return turn.decision({
    allowed: true,
    speed: command.speed,
    fee: formatAmount(terms.fee),
    bankCode: config.bankCode,
    circuit: turn.state.breaker.circuit,
  } satisfies AcquireGrant);
}
