import type { ActorKind } from "../../runtime/actor-kind.js";
import type { ReconciliationCommand } from "./commands.js";
import { decideReconciliation } from "./decide.js";
import type { ReconciliationEvent } from "./events.js";
import { evolveReconciliation } from "./evolve.js";
import { parseReconciliationCommand } from "./parse.js";
import type { ReconciliationRejectionCode } from "./rejections.js";
import {
  decodeReconciliationState,
  encodeReconciliationState,
  initialReconciliationState,
  type ReconciliationState,
} from "./state.js";

/**
 * One account and statement day's reconciliation (ADR 014 §4): kind `reconciliation`, actor id
 * `<bankCode>:<accountNumber>:<YYYY-MM-DD>`. It records the reconciler's runs, keeps the differences they find under
 * ids derived from what they name, and closes them by a person's resolution (maker-checker above a threshold) or by
 * a later run that no longer finds them; a resolution's booking goes to the account or the transfer that owns it.
 */
export const reconciliationKind: ActorKind<
  ReconciliationState,
  ReconciliationCommand,
  ReconciliationEvent,
  ReconciliationRejectionCode
> = {
  name: "reconciliation",
  logField: "reconciliation",
  initialState: initialReconciliationState,
  parseCommand: parseReconciliationCommand,
  decide: decideReconciliation,
  evolve: evolveReconciliation,
  encodeState: encodeReconciliationState,
  decodeState: decodeReconciliationState,
};

export { differenceClasses, matchRules, resolutionActions } from "./classes.js";
export type { BookingAction, DifferenceClass, MatchRule, ResolutionAction } from "./classes.js";
export { differenceIdOf, parseReconciliationId, reconciliationIdOf, type ReconciliationKey } from "./id.js";
export {
  adjustmentEntryId,
  decodeBookingEffect,
  evidenceCommandId,
  reconciliationPrincipal,
  type BookingEffect,
} from "./effects.js";
export { bookingGuardKey } from "./booking.js";
export { differenceStatuses, type Difference, type DifferenceStatus, type RunSummary } from "./state.js";
export {
  decodeDifferenceReply,
  decodeReconciliationView,
  decodeRecordReply,
  type DifferenceReply,
  type ReconciliationView,
  type RecordReply,
} from "./view.js";
export type { ReconciliationCommand, ReconciliationEvent, ReconciliationRejectionCode, ReconciliationState };
