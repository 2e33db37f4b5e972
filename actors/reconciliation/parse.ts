import type { ParseResult } from "../../runtime/actor-kind.js";
import type { Json } from "../../runtime/json.js";
import { actorIdPattern } from "../../runtime/subjects.js";
import { Invalid, parseFields, type Fields } from "../shared/fields.js";
import { stepNames } from "../transfer/commands.js";
import { differenceClasses, matchRules, resolutionActions, type MatchRule } from "./classes.js";
import type {
  ReconciliationCommand,
  ReconciliationCommandType,
  ReportedDifference,
  ResolutionRequest,
  RunReport,
} from "./commands.js";
import { differenceIdPattern } from "./id.js";

/** Differences one run may report; the runtime's message size (64 KiB) usually binds first. */
export const differencesPerRunMax = 1_000;
/** Lines, and records, one difference may name. */
export const namesPerDifferenceMax = 1_000;
/** Lines and records a statement or a day may hold. */
const countMax = 10_000_000;
/** A person's note, evidence, reason or comment; a difference's detail. */
export const textCharactersMax = 1_000;
/** A bank's statement id (camt `Stmt/Id` is at most 35, an MT940 :20: with :28C: less). */
const statementIdCharactersMax = 200;

const digestPattern = /^[0-9a-f]{64}$/;
/** Record ids (`entry:<id>`, `transfer:<id>:<step>`, `adjustment:<differenceId>`): printable ASCII, no spaces. */
const recordIdPattern = /^[\x21-\x7e]{1,200}$/;
const bankReferencePattern = /^[\x21-\x7e]{1,128}$/;

const resolveFields = ["differenceId", "action", "reason", "transferId", "step", "bankReference", "approvalAbove"];
const allowedFields: Record<ReconciliationCommandType, readonly string[]> = {
  record: [
    "statementVersion",
    "statementId",
    "inputsDigest",
    "currency",
    "matched",
    "pendingLines",
    "lineCount",
    "recordCount",
    "differences",
  ],
  explain: ["differenceId", "note", "evidence"],
  resolve: resolveFields,
  confirmResolution: ["differenceId", "comment"],
  rejectResolution: ["differenceId", "reason"],
  redeliver: ["differenceId"],
  adjustmentBooked: ["differenceId"],
  evidenceDelivered: ["differenceId"],
  bookingFailed: ["differenceId", "action", "reason"],
  get: [],
};

/** The reconciliation actor's door from the wire: every field checked, amounts exact, messages naming the field. */
export function parseReconciliationCommand(type: string, payload: unknown): ParseResult<ReconciliationCommand> {
  return parseFields("reconciliation", type, payload, allowedFields, build);
}

function build(type: ReconciliationCommandType, f: Fields): ReconciliationCommand {
  const differenceId = () =>
    f.matching("differenceId", differenceIdPattern, 'a difference id such as "amountDiffers-3f09a1c27be45d10"');
  switch (type) {
    case "record":
      return { type, ...runReportOf(f) };
    case "explain":
      return {
        type,
        differenceId: differenceId(),
        note: f.requiredText("note", textCharactersMax),
        evidence: f.text("evidence", "", textCharactersMax),
      };
    case "resolve":
      return {
        type,
        differenceId: differenceId(),
        ...resolutionOf(f),
        approvalAbove: f.has("approvalAbove") ? f.amount("approvalAbove", { allowZero: true }) : null,
      };
    case "confirmResolution":
      return { type, differenceId: differenceId(), comment: f.text("comment", "", textCharactersMax) };
    case "rejectResolution":
      return { type, differenceId: differenceId(), reason: f.requiredText("reason", textCharactersMax) };
    case "redeliver":
    case "adjustmentBooked":
    case "evidenceDelivered":
      return { type, differenceId: differenceId() };
    case "bookingFailed":
      return {
        type,
        differenceId: differenceId(),
        action: f.oneOf("action", ["adjust", "settleTransfer"] as const),
        reason: f.requiredText("reason", textCharactersMax),
      };
    case "get":
      return { type };
  }
}

function runReportOf(f: Fields): RunReport {
  const digest = (name: string) => f.matching(name, digestPattern, "a SHA-256 digest as 64 lower-case hex digits");
  const count = (name: string) => f.integer(name, 0, countMax);
  const matched = f.object("matched", matchRules, true);
  const lineCount = count("lineCount");
  const differences = f.objects(
    "differences",
    ["class", "lines", "records", "amount", "detail", "lineEffect"],
    differencesPerRunMax,
  );
  const reported = differences.map((d) => differenceOf(d, lineCount));
  refuseRepeats(reported);
  return {
    statementVersion: digest("statementVersion"),
    statementId: f.requiredText("statementId", statementIdCharactersMax),
    inputsDigest: digest("inputsDigest"),
    currency: f.currency(),
    matched: Object.fromEntries(matchRules.map((rule) => [rule, matched.integer(rule, 0, countMax, 0)])) as Record<
      MatchRule,
      number
    >,
    pendingLines: f.integer("pendingLines", 0, lineCount),
    lineCount,
    recordCount: count("recordCount"),
    differences: reported,
  };
}

function differenceOf(f: Fields, lineCount: number): ReportedDifference {
  const isLine = (item: Json): item is number =>
    typeof item === "number" && Number.isSafeInteger(item) && item >= 1 && item <= lineCount;
  const isRecord = (item: Json): item is string => typeof item === "string" && recordIdPattern.test(item);
  const lines = listOf(f, "lines", `an integer from 1 to lineCount (${lineCount})`, isLine);
  const records = listOf(f, "records", "a record id (1-200 printable ASCII characters without spaces)", isRecord);
  return {
    class: f.oneOf("class", differenceClasses),
    lines: lines.sort((a, b) => a - b),
    records: records.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    amount: f.amount("amount", { allowNegative: true, allowZero: true }),
    detail: f.text("detail", "", textCharactersMax),
    lineEffect: lineEffectOf(f, lines.length),
  };
}

/** Optional: what the difference's lines booked (signed); only a difference that names lines has one. */
function lineEffectOf(f: Fields, lineCount: number) {
  if (!f.has("lineEffect")) return null;
  if (lineCount === 0) return f.fail("lineEffect", "left out: the difference names no statement line");
  return f.amount("lineEffect", { allowNegative: true, allowZero: true });
}

/** An optional list (absent: empty) of distinct items that pass `check`, at most `namesPerDifferenceMax` long. */
function listOf<T extends number | string>(f: Fields, name: string, rule: string, check: (item: Json) => item is T) {
  const value = f.raw(name) ?? [];
  if (!Array.isArray(value) || value.length > namesPerDifferenceMax)
    return f.fail(name, `a list of at most ${namesPerDifferenceMax} items`);
  const items = new Set<T>();
  value.forEach((item, index) => {
    if (!check(item)) return f.fail(`${name}[${index}]`, rule);
    if (items.has(item)) f.fail(`${name}[${index}]`, `unlike the ${name} before it (${JSON.stringify(item)} twice)`);
    items.add(item);
  });
  return [...items];
}

/** Two reported differences with the same class, lines and records would be one difference: the run is wrong. */
function refuseRepeats(differences: readonly ReportedDifference[]): void {
  const first = new Map<string, number>();
  differences.forEach((d, index) => {
    const key = JSON.stringify([d.class, d.lines, d.records]);
    const earlier = first.get(key);
    if (earlier !== undefined)
      throw new Invalid(`differences[${index}] names the same class, lines and records as differences[${earlier}]`);
    first.set(key, index);
  });
}

function resolutionOf(f: Fields): ResolutionRequest {
  const action = f.oneOf("action", resolutionActions);
  const reason = f.requiredText("reason", textCharactersMax);
  if (action !== "settleTransfer") {
    for (const name of ["transferId", "step", "bankReference"])
      if (f.has(name)) f.fail(name, `left out: it is for the settleTransfer action, not ${action}`);
    return { action, reason, transfer: null };
  }
  return {
    action,
    reason,
    transfer: {
      transferId: f.matching("transferId", actorIdPattern, "a transfer id (1-128 of A-Z a-z 0-9 _ : -)"),
      step: f.oneOf("step", stepNames),
      bankReference: f.has("bankReference")
        ? f.matching("bankReference", bankReferencePattern, "1-128 printable ASCII characters without spaces")
        : null,
    },
  };
}
