import type { AccountCommandType } from "../../actors/account/commands.js";
import type { SuggestionCommandType } from "../../actors/suggestion/commands.js";
import type { PlannerCommand } from "../../actors/planner/commands.js";
import type { ReconciliationCommandType } from "../../actors/reconciliation/commands.js";
import type { ChannelCommandType } from "../../actors/channel/commands.js";
import type { RuleCommandType } from "../../actors/rule/commands.js";
import type { ScheduleCommand } from "../../actors/schedule/commands.js";
import type { StatementsCommandType } from "../../actors/statements/commands.js";
import type { TallyCommand } from "../../actors/tally/commands.js";
import type { TransferCommandType } from "../../actors/transfer/commands.js";
import type { ErrorBody } from "../../runtime/errors.js";
import { truncateText } from "../../runtime/text.js";
import type { AccessControl, AccessDecision, Role } from "../grpc/access.js";
import { requiredRole, type MethodName } from "../grpc/method-roles.js";

/** Header that carries a bearer token on a NATS command: the same token as gRPC's `authorization: Bearer`. */
export const tokenHeader = "Liq-Token";
/** Header a caller without a token may set to name itself; recorded in the journal as `nats:<value>`. */
export const principalHeader = "Liq-Principal";

/**
 * What one command needs at the NATS door (ADR 005 §5): the role of the gRPC method that sends it, so both doors
 * ask the same; `admin` for a command no method sends. `tokenOptional`: the command may also come without a token,
 * guarded by NATS's own subject permissions as before, for the systems upstream (payment and clearing) that post
 * an account's entries, statements and freezes; every other command needs a token.
 */
interface CommandRule {
  readonly role: Role;
  readonly tokenOptional: boolean;
  /** Set for a command this door never takes, whatever the token: where to send it instead ("is taken only ..."). */
  readonly closed?: string;
}

/** A command a gRPC method also sends: its role, and a token always. */
const asMethod = (method: MethodName): CommandRule => ({ role: requiredRole[method], tokenOptional: false });
/** An account command of the upstream systems: its method's role when a token comes, none needed. */
const upstream = (method: MethodName): CommandRule => ({ role: requiredRole[method], tokenOptional: true });
/**
 * A command the engine sends itself, in process, as `system:*` (effect results, reminders, channel health, the
 * saga's reservations): over NATS only with an admin token, and the actors still refuse it from any client.
 */
const engineOnly: CommandRule = { role: "admin", tokenOptional: false };

const accountRules: Record<AccountCommandType, CommandRule> = {
  open: upstream("OpenAccount"),
  recordEntry: upstream("RecordEntry"),
  freeze: upstream("Freeze"),
  unfreeze: upstream("Unfreeze"),
  syncStatement: upstream("SyncStatement"),
  close: upstream("CloseAccount"),
  get: upstream("GetPosition"),
  ledgerAsOf: upstream("GetLedgerAsOf"),
  // The transfer saga's; a client that reserved or released could move a transfer's money behind its back.
  reserve: engineOnly,
  settle: engineOnly,
  release: engineOnly,
};

/**
 * Every transfer command needs a token, not only the checker's: maker-checker compares the checker with the creator
 * and the resolution's asker, and a name claimed in `Liq-Principal` would let one person be both.
 */
const transferRules: Record<TransferCommandType, CommandRule> = {
  create: asMethod("CreateTransfer"),
  approve: asMethod("ApproveTransfer"),
  cancel: asMethod("CancelTransfer"),
  retry: asMethod("RetryTransfer"),
  resolve: asMethod("ResolveTransfer"),
  confirmResolution: asMethod("ConfirmResolution"),
  get: asMethod("GetTransfer"),
  positionResult: engineOnly,
  channelResult: engineOnly,
  bankResult: engineOnly,
  bankNotice: engineOnly,
  wake: engineOnly,
  // Reconciliation's, in process; a person settles a transfer by a statement through a reconciliation resolution.
  statementEvidence: engineOnly,
};

/** A rule's editor is compared with the approver of its suggestions (ADR 012 §5): a token, like transfers. */
const ruleRules: Record<RuleCommandType, CommandRule> = {
  put: asMethod("PutRule"),
  delete: asMethod("DeleteRule"),
  get: asMethod("GetRule"),
};

/** `configure` sets a channel's limits and breaker (the engine sends the banks file's at start): admin. */
const channelRules: Record<ChannelCommandType, CommandRule> = {
  get: asMethod("GetChannel"),
  configure: engineOnly,
  acquire: engineOnly,
  report: engineOnly,
  probe: engineOnly,
  reopenCheck: engineOnly,
};

/**
 * A job sends its target command as the engine (`system:schedule:<job>`), which passes every role and maker-checker
 * check; the schedule actor takes only the targets of ADR 013 §7 (a transfer create, a planner evaluation, a tally
 * add), which an operator may send anyway: jobs are the Jobs service's roles at both doors.
 */
const scheduleRules: Record<ScheduleCommand["type"], CommandRule> = {
  put: asMethod("PutJob"),
  pause: asMethod("PauseJob"),
  resume: asMethod("ResumeJob"),
  delete: asMethod("DeleteJob"),
  get: asMethod("GetJob"),
  fire: engineOnly,
  redeliver: engineOnly,
  delivered: engineOnly,
};

/** A pool's planner: its plans are read like rules, an evaluation asked like a rule change; the rest is the engine's. */
const plannerRules: Record<PlannerCommand["type"], CommandRule> = {
  get: { role: "viewer", tokenOptional: false },
  evaluate: { role: "operator", tokenOptional: false },
  record: engineOnly,
  redeliver: engineOnly,
  delivered: engineOnly,
};

/** A suggestion is approved or rejected by an approver at both doors; the engine alone makes and expires it. */
const suggestionRules: Record<SuggestionCommandType, CommandRule> = {
  approve: asMethod("ApproveSuggestion"),
  reject: asMethod("RejectSuggestion"),
  get: asMethod("GetSuggestion"),
  create: engineOnly,
  expire: engineOnly,
  redeliver: engineOnly,
  transferAnswer: engineOnly,
};

/**
 * An account and day's reconciliation (ADR 014 §4): its differences are read, explained, and their resolutions
 * confirmed or rejected with the Differences service's roles. `resolve` is closed here: the approval threshold
 * (LIQ_RECON_APPROVAL_ABOVE) comes with it from the Differences service, and a resolve sent without it would need no
 * checker, so no token, not even an admin's, takes it at this door.
 */
const reconciliationRules: Record<ReconciliationCommandType, CommandRule> = {
  get: asMethod("GetDifference"),
  explain: asMethod("ExplainDifference"),
  resolve: {
    role: "admin",
    tokenOptional: false,
    closed:
      "is taken only through the Differences service (gRPC ResolveDifference, liq differences resolve), which applies the approval threshold",
  },
  confirmResolution: asMethod("ConfirmResolution"),
  rejectResolution: asMethod("RejectResolution"),
  record: engineOnly,
  redeliver: engineOnly,
  adjustmentBooked: engineOnly,
  evidenceDelivered: engineOnly,
  bookingFailed: engineOnly,
};

/**
 * An account's statements: read like ListStatements; a pull asked by an operator (a job's target, ADR 013 §7);
 * registration is the import's, after it wrote the lines (ImportStatement is the door for a file), and the pull's
 * reminders and answers are the engine's.
 */
const statementsRules: Record<StatementsCommandType, CommandRule> = {
  get: asMethod("ListStatements"),
  pull: { role: "operator", tokenOptional: false },
  register: engineOnly,
  pullDue: engineOnly,
  pulled: engineOnly,
};

/** The runtime's reference actor (docs/architecture.md): adds numbers, moves no money. */
const tallyRules: Record<TallyCommand["type"], CommandRule> = {
  add: { role: "operator", tokenOptional: true },
  schedule: { role: "operator", tokenOptional: true },
  remind: { role: "operator", tokenOptional: true },
  request: { role: "operator", tokenOptional: true },
  fulfil: { role: "operator", tokenOptional: true },
  get: { role: "viewer", tokenOptional: true },
};

const rulesByKind: Readonly<Record<string, Readonly<Record<string, CommandRule>>>> = {
  account: accountRules,
  transfer: transferRules,
  rule: ruleRules,
  channel: channelRules,
  schedule: scheduleRules,
  planner: plannerRules,
  suggestion: suggestionRules,
  reconciliation: reconciliationRules,
  statements: statementsRules,
  tally: tallyRules,
};

/**
 * Nothing to guard: the runtime refuses the command itself (`unknown_actor_kind`, `unknown_command`), with the same
 * answer whoever sends it. Each kind's table is a Record over the kind's command union, so a command the kind has is
 * always listed: only a command it does not have falls here.
 */
const refusedByTheRuntime: CommandRule = { role: "viewer", tokenOptional: true };

/**
 * The rule of a command. A kind the engine serves without a table here (one added later) needs an admin token
 * until it is listed: a new kind is closed at this door, not open.
 */
export function commandRule(kind: string, type: string, servedKinds: ReadonlySet<string>): CommandRule {
  if (!Object.hasOwn(rulesByKind, kind)) return servedKinds.has(kind) ? engineOnly : refusedByTheRuntime;
  const rules = rulesByKind[kind]!;
  return Object.hasOwn(rules, type) ? rules[type]! : refusedByTheRuntime;
}

export type DoorDecision =
  { readonly ok: true; readonly principal: string } | { readonly ok: false; readonly error: ErrorBody };

/**
 * The NATS command door's access check, with the gRPC door's AccessControl (the same tokens, roles and rate limit).
 * With a token the principal is the token's (`nats:<principal>`) and `Liq-Principal` is ignored; without one, a
 * command that allows it is taken under the name the caller claims.
 */
export class NatsCommandAccess {
  constructor(
    private readonly access: AccessControl,
    /** The actor kinds the engine serves (ActorSystem.kindNames). */
    private readonly servedKinds: ReadonlySet<string>,
  ) {}

  authorize(kind: string, type: string, header: (name: string) => string | undefined): DoorDecision {
    const rule = commandRule(kind, type, this.servedKinds);
    if (rule.closed !== undefined) return refused("permission_denied", `${kind} ${type} ${rule.closed}`);
    const token = header(tokenHeader)?.trim();
    if (token) {
      if (!/^\S{1,512}$/.test(token))
        return refused(
          "unauthenticated",
          `the ${tokenHeader} header must hold one token (1-512 characters, no spaces)`,
        );
      const decision = this.access.checkToken(token, rule.role);
      return decision.ok ? { ok: true, principal: `nats:${decision.grant.principal}` } : refusedBy(decision);
    }
    if (!rule.tokenOptional)
      return refused(
        "unauthenticated",
        `${kind} ${type} over NATS needs a token with the ${rule.role} role: send the header "${tokenHeader}: <token>"`,
      );
    const caller = header(principalHeader);
    return { ok: true, principal: caller ? `nats:${truncateText(caller, 64)}` : "nats" };
  }
}

function refusedBy(decision: Extract<AccessDecision, { ok: false }>): DoorDecision {
  return refused(decision.reason, decision.message);
}

/** The same error body as the door's other refusals; only a rate limit is worth retrying (later). */
function refused(code: Extract<AccessDecision, { ok: false }>["reason"], message: string): DoorDecision {
  return { ok: false, error: { code, message, retryable: code === "rate_limited" } };
}
