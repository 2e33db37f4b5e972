import type { DecideContext, DecideResult } from "../../runtime/actor-kind.js";
import { unreachable } from "../../runtime/assert.js";
import type { TallyCommand } from "./commands.js";
import type { TallyEvent } from "./events.js";
import { reject, type TallyRejectionCode } from "./rejections.js";
import type { TallyState } from "./state.js";

export function decideTally(
  state: TallyState,
  command: TallyCommand,
  context: DecideContext,
): DecideResult<TallyEvent, TallyRejectionCode> {
  switch (command.type) {
    case "add": {
      const total = state.total.plus(command.amount);
      if (total.isNegative()) {
        return reject(
          "total_would_go_negative",
          `adding ${command.amount.toFixed()} would take the total ${state.total.toFixed()} below zero`,
        );
      }
      return {
        events: [{ type: "added", amount: command.amount.toFixed(), total: total.toFixed() }],
        reply: { total: total.toFixed() },
      };
    }
    case "schedule":
      return {
        events: [{ type: "reminderScheduled", key: command.key, dueAt: command.dueAt }],
        reply: { scheduled: command.key, dueAt: command.dueAt },
        reminders: {
          set: [{ key: command.key, dueAt: command.dueAt, command: { type: "remind", payload: { key: command.key } } }],
        },
      };
    case "remind":
      return {
        events: [{ type: "reminded", key: command.key, firedAt: context.now }],
        reply: { reminded: command.key },
      };
    case "request":
      // The effect's answer comes back as `fulfil` with command id `effect:req.<key>` (ADR 006 §1).
      return {
        events: [{ type: "requested", key: command.key }],
        reply: { requested: command.key },
        effects: [{ id: `req.${command.key}`, type: "lookup", payload: { key: command.key } }],
      };
    case "fulfil":
      return {
        events: [{ type: "fulfilled", key: command.key, value: command.value }],
        reply: { fulfilled: command.key },
      };
    case "get":
      return {
        events: [],
        reply: {
          total: state.total.toFixed(),
          additions: state.additions,
          reminded: [...state.reminded],
          fulfilled: [...state.fulfilled],
        },
      };
    default:
      return unreachable(command);
  }
}
