import type { AccountRejectionCode } from "../../actors/account/rejections.js";
import type { ChannelRejectionCode } from "../../actors/channel/rejections.js";
import type { ReconciliationRejectionCode } from "../../actors/reconciliation/rejections.js";
import type { RuleRejectionCode } from "../../actors/rule/rejections.js";
import type { ScheduleRejectionCode } from "../../actors/schedule/rejections.js";
import type { StatementsRejectionCode } from "../../actors/statements/rejections.js";
import type { SuggestionRejectionCode } from "../../actors/suggestion/rejections.js";
import type { TallyRejectionCode } from "../../actors/tally/rejections.js";
import type { TransferRejectionCode } from "../../actors/transfer/rejections.js";
import type { RunFailureCode } from "../../reconciliation/errors.js";
import type { RuntimeErrorCode } from "../../runtime/errors.js";
import type { AccessDecision } from "./access.js";

/** What an error reply from the runtime can say: one of its own codes, or a refusal of one of the actor kinds. */
export type ReplyErrorCode =
  | RuntimeErrorCode
  | AccountRejectionCode
  | TransferRejectionCode
  | ChannelRejectionCode
  | TallyRejectionCode
  | RuleRejectionCode
  | ScheduleRejectionCode
  | SuggestionRejectionCode
  | ReconciliationRejectionCode
  | StatementsRejectionCode;

/** Codes the gRPC door answers with itself, before an actor is asked or instead of its answer. */
export type ApiErrorCode =
  /** A field the door checks itself: an account key, an id, a page size or token, a time range. */
  | "invalid_argument"
  /** The body is not a strict encoding of the method's request message (strict-decoding.ts). */
  | "malformed_request"
  | "unknown_method"
  | Extract<AccessDecision, { ok: false }>["reason"]
  /** `validate_only` for a request id that is already a transfer. */
  | "transfer_exists"
  | "unknown_channel"
  | "channel_bank_mismatch"
  | "channel_not_found"
  /** No route of a debit and a credit channel is usable now (adapters/grpc/transfer-route.ts). */
  | "no_channel_available"
  | "watcher_too_slow"
  /** A statement file refused whole by its parser; the message starts with the place at fault (ADR 014 §1). */
  | "statement_refused"
  /** A CSV column mapping that does not hold; the message names the field. */
  | "csv_mapping_invalid"
  /** Refusals of an import of a file that parses (reconciliation/import-errors.ts); `account_not_open` and
   * `currency_mismatch` are the account's own codes. */
  | "account_required"
  | "invalid_account"
  | "invalid_statement"
  /** GetReport of a day without a recorded run; of a run whose report is no longer kept. */
  | "reconciliation_not_found"
  | "report_not_found"
  /** A reconciliation run that did not finish (reconciliation/errors.ts). */
  | RunFailureCode;

/** Every code the `liq-error-code` trailer carries (ADR 005 §7). */
export type EngineCode = ReplyErrorCode | ApiErrorCode;

/**
 * A code from a reply that this build does not list (say, written by an engine of another version): passed on to
 * the client as it is. Only `engineCodeOf` makes one.
 */
export type UnlistedCode = string & { readonly unlisted: true };
