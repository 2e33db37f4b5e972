import { unreachable } from "../../runtime/assert.js";
import type { StatementsEvent } from "./events.js";
import type { StatementsState } from "./state.js";

/** Applies one event; pure. */
export function evolveStatements(state: StatementsState, event: StatementsEvent): StatementsState {
  switch (event.type) {
    case "statementRegistered":
      return {
        ...state,
        versions: [
          ...state.versions,
          {
            statementId: event.statementId,
            version: event.version,
            digest: event.digest,
            format: event.format,
            fromDate: event.fromDate,
            toDate: event.toDate,
            currency: event.currency,
            lineCount: event.lineCount,
            opening: event.opening,
            closing: event.closing,
            source: event.source,
            principal: event.principal,
            importedAt: event.importedAt,
          },
        ],
      };
    case "statementPullStarted":
      return {
        ...state,
        pulls: [...state.pulls, { pull: event.pull, date: event.date, attempt: 1 }],
        pullsStarted: event.pull,
      };
    case "statementPullRetried":
      return {
        ...state,
        pulls: state.pulls.map((pull) => (pull.pull === event.pull ? { ...pull, attempt: event.attempt } : pull)),
      };
    case "statementPullEnded":
      return { ...state, pulls: state.pulls.filter((pull) => pull.pull !== event.pull) };
    default:
      return unreachable(event);
  }
}
