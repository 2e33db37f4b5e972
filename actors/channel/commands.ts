import type { Decimal } from "decimal.js";
import type { ChannelConfig, Speed } from "./config.js";

/** Which bank call a transfer asks permission for (ADR 006 §2: the client serial is `<transferId>.<step>`). */
export type CallStep = "debit" | "credit" | "reversal";

/** How a bank call ended, as the transfer saw it (ADR 006 §3). */
export type CallOutcome = "succeeded" | "rejected" | "unknown" | "transport_failure";

export const callSteps: readonly CallStep[] = ["debit", "credit", "reversal"];
export const callOutcomes: readonly CallOutcome[] = ["succeeded", "rejected", "unknown", "transport_failure"];

/** Commands after parsing (parse.ts): amounts exact, every field validated. */
export type ChannelCommand =
  | { readonly type: "configure"; readonly config: ChannelConfig }
  | {
      readonly type: "acquire";
      readonly transferId: string;
      readonly step: CallStep;
      readonly amount: Decimal;
      readonly currency: string;
      readonly speed: Speed;
    }
  | {
      readonly type: "report";
      readonly transferId: string;
      readonly step: CallStep;
      readonly outcome: CallOutcome;
      readonly latencyMs: number;
    }
  | { readonly type: "probe"; readonly ok: boolean; readonly latencyMs: number }
  /** Sent by the channel's own `half-open` reminder, so the transition is published even when nobody calls. */
  | { readonly type: "reopenCheck" }
  | { readonly type: "get" };

export type ChannelCommandType = ChannelCommand["type"];

/** The key of one bank call: the transfer's client serial number for that step. */
export function callKeyOf(transferId: string, step: CallStep): string {
  return `${transferId}.${step}`;
}

/** A bank's answer counts as a breaker success when it proves the bank works, a business refusal included. */
export function isBreakerSuccess(outcome: CallOutcome): boolean {
  return outcome === "succeeded" || outcome === "rejected";
}
