import type { JsonObject } from "../../runtime/json.js";
import type { Speed } from "../channel/config.js";
import type { MoveKind } from "./records.js";

/** How a plan is carried out: a transfer at once (AUTO), or a suggestion a person approves (SUGGEST). */
export type PlanMode = "AUTO" | "SUGGEST";
export const planModes: readonly PlanMode[] = ["AUTO", "SUGGEST"];

/** One plan to record, as the evaluation made it (ADR 012 §4). Amounts are canonical decimal strings. */
export interface PlanDraft {
  readonly ruleId: string;
  readonly ruleVersion: number;
  /** The principal of the rule's last change: a suggestion's approver must be someone else. */
  readonly ruleEditor: string;
  readonly mode: PlanMode;
  readonly kind: MoveKind;
  readonly from: string;
  readonly to: string;
  readonly amount: string;
  readonly currency: string;
  readonly speed: Speed;
  readonly debitChannel: string;
  readonly creditChannel: string;
  /** Epoch ms; later than the plan's time when no channel could take it before the next window. */
  readonly executeAt: number;
  /** Approvers a suggestion needs (the approval policy); 0 for AUTO. */
  readonly approvalsRequired: number;
  /** A suggestion expires then (the route's cut-off); null: only when the position recovers or the rule changes. */
  readonly expiresAt: number | null;
  /** Why: the rule and version, the positions read, the expression and its value, the channels considered. */
  readonly reason: JsonObject;
}

/** A rule the evaluation found sending money back (the back-and-forth detector): stopped until its next version. */
export type RuleTrip = {
  readonly ruleId: string;
  readonly ruleVersion: number;
  readonly reason: string;
};

/** The outcome of a plan once its transfer or suggestion ended (read from those actors by the evaluation). */
export type PlanEnding = {
  readonly planId: string;
  /** The transfer's final status, or the suggestion's (REJECTED, EXPIRED, CREATE_FAILED). */
  readonly outcome: string;
  /** A transfer was made of it. */
  readonly executed: boolean;
  /** The transfer moved money (SUCCESS, or still in flight when ended for another reason). */
  readonly movedMoney: boolean;
};

/**
 * Commands of the planner actor, one per pool and currency (id `<pool>:<currency>`). `record` carries an evaluation's
 * result and names the planner version it read (`basedOn`): another evaluation in between makes it stale. Only the
 * engine sends commands other than `get` and `evaluate`.
 */
export type PlannerCommand =
  | {
      readonly type: "record";
      readonly basedOn: number;
      readonly plans: readonly PlanDraft[];
      readonly trips: readonly RuleTrip[];
      readonly endings: readonly PlanEnding[];
    }
  | { readonly type: "evaluate"; readonly sweeps: boolean }
  | { readonly type: "redeliver"; readonly planId: string }
  | {
      readonly type: "delivered";
      readonly planId: string;
      readonly attempt: number;
      readonly ok: boolean;
      readonly code?: string;
    }
  | { readonly type: "get" };
