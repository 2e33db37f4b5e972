import { Money } from "../shared/amount.js";
import { unreachable } from "../../runtime/assert.js";
import type { TallyEvent } from "./events.js";
import type { TallyState } from "./state.js";

export function evolveTally(state: TallyState, event: TallyEvent): TallyState {
  switch (event.type) {
    case "added":
      return { ...state, total: state.total.plus(new Money(event.amount)), additions: state.additions + 1 };
    case "reminderScheduled":
      return state;
    case "requested":
      return state;
    case "fulfilled":
      return { ...state, fulfilled: [...state.fulfilled, `${event.key}=${event.value}`] };
    case "reminded":
      return { ...state, reminded: [...state.reminded, event.key] };
    default:
      return unreachable(event);
  }
}
