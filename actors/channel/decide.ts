import type { DecideContext, DecideResult } from "../../runtime/actor-kind.js";
import { unreachable } from "../../runtime/assert.js";
import { formatAmount } from "../shared/amount.js";
import { decideAcquire } from "./acquire.js";
import { afterOutcome, halfOpenAtOf, scheduleHalfOpen, settleCircuit } from "./breaker.js";
import { callKeyOf, isBreakerSuccess, type ChannelCommand } from "./commands.js";
import { configToJson, type ChannelConfig } from "./config.js";
import type { ChannelEvent } from "./events.js";
import { refuse, type ChannelRejectionCode } from "./rejections.js";
import { limitDayOf, type ChannelState } from "./state.js";
import { Turn } from "./turn.js";
import { describeChannel, type ChannelHealthReply, type ConfigureReply } from "./view.js";

type Result = DecideResult<ChannelEvent, ChannelRejectionCode>;
type Context = Pick<DecideContext, "actorId" | "now" | "principal">;

/** Sent by the engine itself (transfers, the prober, reminders), principal `system:*`: a client could fake health. */
const engineOnlyCommands: ReadonlySet<ChannelCommand["type"]> = new Set(["acquire", "report", "probe", "reopenCheck"]);

/** The channel's rules (ADR 006 §4). Pure: time comes from `context.now`; a rejection changes nothing. */
export function decideChannel(state: ChannelState, command: ChannelCommand, context: Context): Result {
  if (command.type === "get") return { events: [], reply: describeChannel(state, context.now) };
  if (engineOnlyCommands.has(command.type) && !context.principal.startsWith("system:")) {
    return refuse("internal_command", `${command.type} is sent by the engine itself, not by clients`);
  }
  if (command.type === "configure") return configure(state, command.config, context);
  const config = state.config;
  if (!config) return refuse("channel_not_configured", "the channel has no configuration yet", { alternative: null });
  switch (command.type) {
    case "acquire":
      return decideAcquire(state, config, command, context.now);
    case "report":
      return report(state, config, command, context.now);
    case "probe": {
      const turn = new Turn(state);
      settleCircuit(turn, config, context.now);
      turn.apply({ type: "probeRecorded", ok: command.ok, latencyMs: command.latencyMs, at: context.now });
      afterOutcome(turn, config, context.now, command.ok, true);
      return turn.decision(healthReply(turn));
    }
    case "reopenCheck":
      return reopenCheck(state, config, context.now);
    default:
      return unreachable(command);
  }
}

function configure(state: ChannelState, config: ChannelConfig, context: Context): Result {
  if (config.alternative === context.actorId)
    return refuse("alternative_is_self", `channel ${context.actorId} cannot be its own alternative`);
  const turn = new Turn(state);
  turn.apply({ type: "channelConfigured", config: configToJson(config) });
  // A new openForMs moves the half-open time of an open circuit; the reminder follows it.
  const { circuit, openedAt } = turn.state.breaker;
  if (circuit === "open" && openedAt !== undefined) scheduleHalfOpen(turn, halfOpenAtOf(openedAt, config));
  return turn.decision({ configured: configToJson(config) } satisfies ConfigureReply);
}

/**
 * A call's outcome. "unknown" and "transport_failure" are breaker failures; "rejected" is a success (the bank
 * answered). A rejected debit moved no money, so its reservation is released; an unknown one keeps it.
 */
function report(
  state: ChannelState,
  config: ChannelConfig,
  command: Extract<ChannelCommand, { type: "report" }>,
  now: number,
): Result {
  const turn = new Turn(state);
  settleCircuit(turn, config, now);
  const { circuit, trials } = turn.state.breaker;
  // Only a trial's outcome decides a half-open circuit: a late report of a call made before it opened is old news.
  const trial = circuit === "half_open" && trials.has(callKeyOf(command.transferId, command.step));
  const { transferId, step, outcome, latencyMs } = command;
  turn.apply({ type: "callReported", transferId, step, outcome, latencyMs, at: now, trial });
  const day = limitDayOf(turn.state, config.utcOffsetMinutes, now);
  const reserved = turn.state.usage.day === day ? turn.state.usage.debits.get(transferId) : undefined;
  if (step === "debit" && outcome === "rejected" && reserved) {
    const usedToday = formatAmount(turn.state.usage.used.minus(reserved));
    turn.apply({
      type: "limitReleased",
      transferId,
      amount: formatAmount(reserved),
      day,
      usedToday,
      reason: "the bank rejected the debit",
    });
  }
  afterOutcome(turn, config, now, isBreakerSuccess(outcome), trial);
  return turn.decision(healthReply(turn));
}

/** The `half-open` reminder: half-opens a circuit whose time is up, or waits again if `openForMs` grew. */
function reopenCheck(state: ChannelState, config: ChannelConfig, now: number): Result {
  const turn = new Turn(state);
  settleCircuit(turn, config, now);
  const { circuit, openedAt } = turn.state.breaker;
  if (circuit === "open" && openedAt !== undefined) scheduleHalfOpen(turn, halfOpenAtOf(openedAt, config));
  return turn.decision(healthReply(turn));
}

function healthReply(turn: Turn): ChannelHealthReply {
  const { circuit, consecutiveFailures } = turn.state.breaker;
  return { circuit, consecutiveFailures };
}
