import type { JsonObject } from "../../runtime/json.js";

export const transferSpeeds = ["normal", "urgent"] as const;
export type TransferSpeed = (typeof transferSpeeds)[number];

/** Why a suggestion is withdrawn without a person's decision (ADR 012 §5). */
export const expiryReasons = ["position_recovered", "rule_changed", "cutoff_passed"] as const;
export type ExpiryReason = (typeof expiryReasons)[number];

/** The transfer a suggestion proposes, as the transfer actor's `create` takes it; the amount has 4 places. */
export type SuggestedTransfer = {
  /** Account actor ids, `<bankCode>:<accountNumber>`. */
  readonly from: string;
  readonly to: string;
  readonly amount: string;
  readonly currency: string;
  readonly speed: TransferSpeed;
  readonly debitChannel: string;
  readonly creditChannel: string;
  readonly reference: string;
};

/** What the planner proposes: a transfer, the rule it comes from, and why. Fixed at `create`. */
export type Proposal = {
  readonly ruleId: string;
  readonly ruleVersion: number;
  /** The principal of the rule's last change: maker-checker keeps them from approving. */
  readonly ruleEditor: string;
  readonly pool: string;
  readonly transfer: SuggestedTransfer;
  /** The planner's reasoning (positions read, expression and value, channels considered): opaque, stored whole. */
  readonly reason: JsonObject;
  readonly approvalsRequired: 1 | 2;
  /** Epoch milliseconds; null: it waits until a person or the planner ends it. */
  readonly expiresAt: number | null;
};

/**
 * Commands of the suggestion actor (one actor per suggestion id). `create` and `expire` come from the engine's own
 * components (principal `system:*`, the planner); `redeliver` from the transfer creation's guard reminder and
 * `transferAnswer` from the effect that creates the transfer.
 */
export type SuggestionCommand =
  | ({ readonly type: "create" } & Proposal)
  | { readonly type: "approve"; readonly comment: string }
  | { readonly type: "reject"; readonly reason: string }
  | { readonly type: "expire"; readonly reason: ExpiryReason }
  | { readonly type: "get" }
  | { readonly type: "redeliver" }
  | {
      readonly type: "transferAnswer";
      readonly attempt: number;
      readonly ok: boolean;
      readonly code?: string;
      readonly message?: string;
    };

export type SuggestionCommandType = SuggestionCommand["type"];
