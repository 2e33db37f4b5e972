import type { EffectRequest } from "../../runtime/actor-kind.js";
import { assert } from "../../runtime/assert.js";
import { truncateText } from "../../runtime/text.js";
import { entryCommandId } from "../account/id.js";
import { formatAmount, Money } from "../shared/amount.js";
import { JsonReader } from "../shared/json-reader.js";
import { stepNames, type StepName } from "../transfer/commands.js";
import type { ReconciliationKey } from "./id.js";
import type { Difference } from "./state.js";

/** The account actor takes a description of at most this many characters. */
const descriptionCharactersMax = 256;

/** The account's `recordEntry` of an adjustment: at the statement's booking day, in the statement's currency. */
export type AdjustmentEntry = {
  readonly entryId: string;
  readonly direction: "credit" | "debit";
  /** Positive, 4 places. */
  readonly amount: string;
  readonly currency: string;
  readonly bookingDate: string;
  readonly description: string;
};

/**
 * What a transfer is told for one of its steps: the statement line that is the bank's answer, with what the line
 * booked where (the transfer's `statementEvidence` checks them against the step: actors/transfer/evidence.ts).
 */
export type StatementEvidence = {
  readonly step: StepName;
  /** The account whose statement holds the line: the reconciliation's. */
  readonly accountId: string;
  readonly direction: "credit" | "debit";
  /** Positive, 4 places. */
  readonly amount: string;
  readonly bankReference?: string;
  readonly statementVersion: string;
  readonly statementId: string;
  readonly line: number;
  /** YYYY-MM-DD: the reconciliation's day, the day of every line it reports. */
  readonly bookingDate: string;
};

/**
 * The booking of a resolution, sent once when resolved and again by its guard until answered. Every send of one
 * booking carries the same command id and request, so the account books the adjustment once and the transfer takes
 * the evidence once however many sends arrive; `send` only numbers the effect (its id must be unique forever).
 */
export type BookingEffect =
  | {
      readonly id: string;
      readonly type: "reconciliation.adjust";
      readonly payload: {
        readonly send: number;
        readonly differenceId: string;
        readonly accountId: string;
        readonly commandId: string;
        readonly entry: AdjustmentEntry;
      };
    }
  | {
      readonly id: string;
      readonly type: "reconciliation.settleTransfer";
      readonly payload: {
        readonly send: number;
        readonly differenceId: string;
        readonly transferId: string;
        readonly commandId: string;
        readonly evidence: StatementEvidence;
      };
    };

/** The adjustment entry of a difference: its id on the account, so a difference is adjusted at most once. */
export function adjustmentEntryId(differenceId: string): string {
  return `adjustment:${differenceId}`;
}

/** The command id that hands a transfer a difference's evidence. */
export function evidenceCommandId(differenceId: string): string {
  return `evidence:${differenceId}`;
}

/** Who books a reconciliation's resolutions: the reconciliation itself (its people are in the journal). */
export function reconciliationPrincipal(actorId: string): string {
  return `system:reconciliation:${actorId}`;
}

/** The effect of send number `d.bookingSends` of the difference's pending booking. */
export function bookingEffect(key: ReconciliationKey, currency: string, d: Difference): BookingEffect {
  assert(d.booking !== null, `difference ${d.differenceId} has no booking to send`);
  const { resolution } = d.booking;
  const id = `book.${d.differenceId}.${d.bookingSends}`;
  const common = { send: d.bookingSends, differenceId: d.differenceId };
  if (d.booking.action === "adjust") {
    const amount = new Money(d.amount);
    const entryId = adjustmentEntryId(d.differenceId);
    const description = `reconciliation of ${key.accountId} on ${key.date}, ${d.class} ${d.differenceId}: ${resolution.reason}`;
    const entry: AdjustmentEntry = {
      entryId,
      // The amount is what closes the difference on the engine's ledger: positive raises it.
      direction: amount.isNegative() ? "debit" : "credit",
      amount: formatAmount(amount.abs()),
      currency,
      bookingDate: key.date,
      description: truncateText(description, descriptionCharactersMax),
    };
    const payload = { ...common, accountId: key.accountId, commandId: entryCommandId(entryId), entry };
    return { id, type: "reconciliation.adjust", payload };
  }
  const transfer = resolution.transfer;
  assert(transfer !== null && d.lines.length === 1, `settleTransfer of ${d.differenceId} without its step or line`);
  assert(d.lineEffect !== null && d.statementId !== null, `settleTransfer of ${d.differenceId} without its line`);
  const lineEffect = new Money(d.lineEffect);
  const evidence: StatementEvidence = {
    step: transfer.step,
    accountId: key.accountId,
    direction: lineEffect.isNegative() ? "debit" : "credit",
    amount: formatAmount(lineEffect.abs()),
    ...(transfer.bankReference !== null && { bankReference: transfer.bankReference }),
    statementVersion: d.statementVersion,
    statementId: d.statementId,
    line: d.lines[0]!,
    bookingDate: key.date,
  };
  const payload = {
    ...common,
    transferId: transfer.transferId,
    commandId: evidenceCommandId(d.differenceId),
    evidence,
  };
  return { id, type: "reconciliation.settleTransfer", payload };
}

/** Reads an effect this actor asked for; anything out of shape is corruption. */
export function decodeBookingEffect(effect: EffectRequest): BookingEffect {
  const p = JsonReader.of(`the reconciliation effect ${effect.id}`, effect.payload);
  const common = { send: p.integer("send"), differenceId: p.text("differenceId") };
  if (effect.type === "reconciliation.adjust") {
    const e = p.object("entry");
    const entry: AdjustmentEntry = {
      entryId: e.text("entryId"),
      direction: e.oneOf("direction", ["credit", "debit"] as const),
      amount: e.text("amount"),
      currency: e.text("currency"),
      bookingDate: e.text("bookingDate"),
      description: e.text("description"),
    };
    const payload = { ...common, accountId: p.text("accountId"), commandId: p.text("commandId"), entry };
    return { id: effect.id, type: effect.type, payload };
  }
  if (effect.type !== "reconciliation.settleTransfer")
    p.fail("type", '"reconciliation.adjust" or "reconciliation.settleTransfer"');
  const e = p.object("evidence");
  const evidence: StatementEvidence = {
    step: e.oneOf("step", stepNames),
    accountId: e.text("accountId"),
    direction: e.oneOf("direction", ["credit", "debit"] as const),
    amount: e.text("amount"),
    ...(e.has("bankReference") && { bankReference: e.text("bankReference") }),
    statementVersion: e.text("statementVersion"),
    statementId: e.text("statementId"),
    line: e.integer("line"),
    bookingDate: e.text("bookingDate"),
  };
  const payload = { ...common, transferId: p.text("transferId"), commandId: p.text("commandId"), evidence };
  return { id: effect.id, type: "reconciliation.settleTransfer", payload };
}
