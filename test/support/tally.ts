import type { ActorSystem } from "../../runtime/actor-system.js";
import type { Reply } from "../../runtime/messages.js";

/** Sends one tally command through the system's public entry point. */
export function sendTally(
  system: ActorSystem,
  actorId: string,
  commandId: string,
  type: string,
  payload: unknown = {},
): Promise<Reply> {
  return system.dispatch({ kind: "tally", actorId, commandId, type, payload, principal: "test" });
}

/** Resolves when `predicate` holds, polling each `intervalMs`; rejects after `timeoutMs` with `what`. */
export async function eventually(
  what: string,
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  intervalMs = 10,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
