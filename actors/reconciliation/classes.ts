/**
 * The wire-level names reconciliation shares with its actor. actors/ may not import reconciliation/ (ADR 011), so
 * these lists repeat `DifferenceClass` and `MatchRule` of reconciliation/model.ts; a unit test holds the two equal.
 */

/** Why a statement and the engine's records disagree (ADR 014 §3), in the order matching names them. */
export const differenceClasses = [
  "missingAtBank",
  "missingInEngine",
  "amountDiffers",
  "duplicate",
  "openingBalanceDiffers",
  "closingBalanceDiffers",
] as const;
export type DifferenceClass = (typeof differenceClasses)[number];

/** The rules that match a line to records, in the order matching tries them (ADR 014 §3). */
export const matchRules = [
  "serial",
  "bankReference",
  "entryReference",
  "batchDetails",
  "amountAndDate",
  "batchSum",
  "splitSum",
] as const;
export type MatchRule = (typeof matchRules)[number];

/**
 * How a person closes a difference (ADR 014 §4): `adjust` books an adjustment entry on the account, `settleTransfer`
 * sends a transfer the statement's evidence for one of its steps, `noBooking` books nothing and says why.
 */
export const resolutionActions = ["adjust", "settleTransfer", "noBooking"] as const;
export type ResolutionAction = (typeof resolutionActions)[number];

/** The actions that book something through another actor, and so wait for its answer. */
export type BookingAction = Exclude<ResolutionAction, "noBooking">;

export function isBookingAction(action: ResolutionAction): action is BookingAction {
  return action !== "noBooking";
}
