import type { ParseResult } from "../../runtime/actor-kind.js";
import { actorIdPattern } from "../../runtime/subjects.js";
import { parsePlannerCommand } from "../planner/parse.js";
import { parseStatementsCommand } from "../statements/parse.js";
import { parseReconciliationRun } from "../reconciliation/run-target.js";
import { parseTallyCommand } from "../tally/parse.js";
import { parseTransferCommand } from "../transfer/parse.js";
import type { JobTarget } from "./commands.js";

/** In a target's actor id, replaced by the slot (epoch milliseconds) when the slot fires: `sweep-{slot}`. */
export const slotPlaceholder = "{slot}";

/** A command a job may send, and how its actor id is named. */
export interface AllowedTarget {
  readonly kind: string;
  readonly type: string;
  /** `required`: every slot needs an actor of its own (a transfer is created once), so the id must hold `{slot}`. */
  readonly actorIdPerSlot: "required" | "optional";
  /** The target kind's own parser: a payload it refuses is refused at `put`, not at the first slot. */
  readonly parse: (type: string, payload: unknown) => ParseResult<unknown>;
}

/**
 * The commands a job may send (ADR 013 §7). A slot's command goes out as `system:schedule:<job>`, a principal that
 * passes every actor's engine-only checks; so a job may name only commands that the role which puts jobs (operator)
 * could send itself, and that no engine-only check guards: creating a transfer, asking a pool's planner to evaluate
 * (the decision engine's safety net and daily sweep, ADR 012 §4), pulling an account's statement of a day from its
 * bank (ADR 014 §1: the import is idempotent, so a pull sent twice registers nothing twice), reconciling a day (as
 * ReconcileNow, role operator, does), and the runtime's reference actor.
 * Approving, resolving, freezing or anything an actor takes only from the engine is never a job's target.
 */
export const allowedTargets: readonly AllowedTarget[] = [
  { kind: "transfer", type: "create", actorIdPerSlot: "required", parse: parseTransferCommand },
  { kind: "planner", type: "evaluate", actorIdPerSlot: "optional", parse: parsePlannerCommand },
  { kind: "tally", type: "add", actorIdPerSlot: "optional", parse: parseTallyCommand },
  { kind: "statements", type: "pull", actorIdPerSlot: "optional", parse: parseStatementsCommand },
  // No actor's command: the engine runs the reconciler for it (engine/reconciliation.ts); its actor id names the run.
  { kind: "reconciliation", type: "run", actorIdPerSlot: "optional", parse: parseReconciliationRun },
];

/** Why a job may not send `target`: off the list, or a payload its kind refuses. */
export type TargetProblem =
  | { readonly code: "target_not_allowed"; readonly message: string }
  | { readonly code: "invalid_target"; readonly message: string };

export function targetProblem(target: JobTarget): TargetProblem | undefined {
  const allowed = allowedTargets.find((entry) => entry.kind === target.kind && entry.type === target.type);
  if (!allowed)
    return {
      code: "target_not_allowed",
      message: `a job may not send ${target.kind} ${target.type}: its target is one of ${allowedTargets.map((entry) => `${entry.kind} ${entry.type}`).join(", ")}`,
    };
  if (allowed.actorIdPerSlot === "required" && !target.actorId.includes(slotPlaceholder))
    return {
      code: "invalid_target",
      message: `target.actorId must contain ${slotPlaceholder} for ${target.kind} ${target.type}: each slot needs a ${target.kind} of its own`,
    };
  const parsed = allowed.parse(target.type, target.payload);
  if (!parsed.ok) return { code: "invalid_target", message: `target.payload: ${parsed.message}` };
  return undefined;
}

/** Whether `actorId`, with a slot in place of `{slot}`, is an actor id. */
export function isTargetActorId(actorId: string): boolean {
  return actorIdPattern.test(actorIdAt(actorId, 8_640_000_000_000_000));
}

/** The actor a slot's command goes to: `{slot}` replaced by the slot, the same on every delivery of that slot. */
export function targetAtSlot(target: JobTarget, slot: number): JobTarget {
  return target.actorId.includes(slotPlaceholder) ? { ...target, actorId: actorIdAt(target.actorId, slot) } : target;
}

function actorIdAt(actorId: string, slot: number): string {
  return actorId.replaceAll(slotPlaceholder, String(slot));
}
