import { readJournalPage } from "./journal-page.js";
import { status } from "@grpc/grpc-js";
import type { RuleEvent } from "../../actors/rule/events.js";
import { decodeRuleView, type RuleView as ActorRuleView } from "../../actors/rule/view.js";
import type { ActorSystem } from "../../runtime/actor-system.js";
import type { Json } from "../../runtime/json.js";
import type { JournalStore } from "../../runtime/ports.js";
import type { DeleteRuleRequest__Output } from "../../protos/generated/liquidity/v1/DeleteRuleRequest.js";
import type { GetRuleHistoryRequest__Output } from "../../protos/generated/liquidity/v1/GetRuleHistoryRequest.js";
import type { GetRuleHistoryResponse } from "../../protos/generated/liquidity/v1/GetRuleHistoryResponse.js";
import type { GetRuleRequest__Output } from "../../protos/generated/liquidity/v1/GetRuleRequest.js";
import type { PutRuleRequest__Output } from "../../protos/generated/liquidity/v1/PutRuleRequest.js";
import type { RuleView } from "../../protos/generated/liquidity/v1/RuleView.js";
import { getView } from "./actor-get.js";
import { sendChange } from "./actor-change.js";
import { ApiError } from "./api-error.js";
import type { Caller } from "./caller.js";
import { eventChangeOf, ruleJsonOf, ruleOf, ruleViewOf } from "./rule-messages.js";
import { ruleModes, ruleToJson } from "../../actors/rule/definition.js";
import type { Evaluation } from "../../decisions/evaluation.js";
import type { PositionDirectory } from "../../read-models/position-directory.js";
import type { RuleEntry } from "../../read-models/rule-directory.js";
import type { ViewDirectory } from "../../read-models/view-directory.js";
import type { DryRunRequest__Output } from "../../protos/generated/liquidity/v1/DryRunRequest.js";
import type { DryRunResponse } from "../../protos/generated/liquidity/v1/DryRunResponse.js";
import type { ListRulesRequest__Output } from "../../protos/generated/liquidity/v1/ListRulesRequest.js";
import type { ListRulesResponse } from "../../protos/generated/liquidity/v1/ListRulesResponse.js";
import { dryRunResponseOf } from "./dry-run-messages.js";
import { decodePageToken, encodePageToken } from "./page-token.js";

/** What the Rules service lists from and plans with. */
export interface RulesReads {
  readonly rules: ViewDirectory<RuleEntry>;
  readonly positions: PositionDirectory;
  readonly planner: { dryRun(pool: string, currency: string, sweeps: boolean): Promise<Evaluation> };
}

const pageSizeDefault = 100;
const pageSizeMax = 1_000;

/**
 * The Rules service (ADR 012): versioned decision rules. Put and delete go to the rule actor, which checks the
 * expected version and the rule; the history is the actor's journal.
 */
export class RulesService {
  constructor(
    private readonly system: ActorSystem,
    private readonly journal: JournalStore,
    private readonly reads: RulesReads,
  ) {}

  listRules(request: ListRulesRequest__Output): ListRulesResponse {
    const size = request.page_size === 0 ? pageSizeDefault : request.page_size;
    if (size > pageSizeMax) throw invalid(`page_size must be at most ${pageSizeMax}`);
    if (request.mode !== "" && !(ruleModes as readonly string[]).includes(request.mode))
      throw invalid(`mode must be ${ruleModes.join(", ")} or empty, not ${JSON.stringify(request.mode.slice(0, 20))}`);
    const keep = (entry: RuleEntry) => {
      const { scope, mode } = entry.rule;
      if (request.mode !== "" && mode !== request.mode) return false;
      if (request.account !== "") return scope.kind === "account" && scope.account === request.account;
      const pool = scope.kind === "pool" ? scope.pool : this.reads.positions.get(scope.account)?.pool;
      const currency = scope.kind === "pool" ? scope.currency : this.reads.positions.get(scope.account)?.currency;
      return (
        (request.pool === "" || pool === request.pool) && (request.currency === "" || currency === request.currency)
      );
    };
    const page = this.reads.rules.list(keep, decodePageToken("r", request.page_token), size);
    return {
      rules: page.views.map((entry) =>
        ruleViewOf(entry.ruleId, {
          status: "active",
          version: entry.version,
          rule: ruleToJson(entry.rule),
          lastChange: {
            kind: "put",
            version: entry.version,
            replacesVersion: entry.replacesVersion,
            principal: entry.editor,
            reason: entry.reason,
            at: entry.changedAt,
          },
        }),
      ),
      next_page_token: page.more ? encodePageToken("r", page.lastId) : "",
    };
  }

  async dryRun(request: DryRunRequest__Output): Promise<DryRunResponse> {
    if (request.rule_id !== "") {
      const entry = this.reads.rules.get(request.rule_id);
      if (!entry) throw notFound(request.rule_id);
      const { scope } = entry.rule;
      const account = scope.kind === "account" ? this.reads.positions.get(scope.account) : undefined;
      if (scope.kind === "account" && !account)
        throw new ApiError(
          status.FAILED_PRECONDITION,
          `rule ${entry.ruleId} covers ${scope.account}, which is not an open account`,
          "account_not_open",
        );
      const pool = scope.kind === "pool" ? scope.pool : account!.pool;
      const currency = scope.kind === "pool" ? scope.currency : account!.currency;
      const evaluation = await this.reads.planner.dryRun(pool, currency, request.sweeps);
      return dryRunResponseOf(evaluation, (ruleId) => ruleId === entry.ruleId);
    }
    if (request.pool === "" || request.currency === "") throw invalid("name a rule_id, or a pool and a currency");
    const evaluation = await this.reads.planner.dryRun(request.pool, request.currency, request.sweeps);
    return dryRunResponseOf(evaluation, () => true);
  }

  async putRule(request: PutRuleRequest__Output, caller: Caller): Promise<RuleView> {
    const ruleId = ruleIdOf(request.rule_id);
    if (!request.rule) throw new ApiError(status.INVALID_ARGUMENT, "rule is required", "invalid_argument");
    const payload = {
      expectedVersion: version(request.expected_version),
      reason: request.reason,
      rule: ruleJsonOf(request.rule),
    };
    await this.change(ruleId, "put", payload, request.request_id, caller);
    return this.getRule({ rule_id: ruleId }, caller);
  }

  async getRule(request: GetRuleRequest__Output, caller: Caller): Promise<RuleView> {
    const ruleId = ruleIdOf(request.rule_id);
    const view = await this.view(ruleId, caller);
    if (view.status === "new") throw notFound(ruleId);
    return ruleViewOf(ruleId, view);
  }

  async deleteRule(request: DeleteRuleRequest__Output, caller: Caller): Promise<RuleView> {
    const ruleId = ruleIdOf(request.rule_id);
    const payload = { expectedVersion: version(request.expected_version), reason: request.reason };
    await this.change(ruleId, "delete", payload, request.request_id, caller);
    return this.getRule({ rule_id: ruleId }, caller);
  }

  async ruleHistory(request: GetRuleHistoryRequest__Output): Promise<GetRuleHistoryResponse> {
    const ruleId = ruleIdOf(request.rule_id);
    const { entries: page, nextAfterEntrySeq } = await readJournalPage(
      this.journal,
      { kind: "rule", actorId: ruleId },
      request,
      () => notFound(ruleId),
    );
    return {
      entries: page.flatMap((entry) =>
        (entry.events as readonly RuleEvent[]).map((event) => ({
          entry_seq: String(entry.seq),
          change: eventChangeOf(event),
          rule: event.type === "rulePut" ? ruleOf(event.rule) : null,
        })),
      ),
      next_after_entry_seq: nextAfterEntrySeq,
    };
  }

  private view(ruleId: string, caller: Caller): Promise<ActorRuleView> {
    return getView(this.system, "rule", ruleId, caller, decodeRuleView);
  }

  private async change(
    ruleId: string,
    type: "put" | "delete",
    payload: Record<string, Json>,
    clientRequestId: string,
    caller: Caller,
  ) {
    await sendChange(this.system, { kind: "rule", actorId: ruleId, type, payload, requestId: clientRequestId }, caller);
  }
}

function ruleIdOf(ruleId: string): string {
  if (ruleId === "") throw new ApiError(status.INVALID_ARGUMENT, "rule_id is required", "invalid_argument");
  return ruleId;
}

function version(value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number))
    throw new ApiError(status.INVALID_ARGUMENT, "expected_version is out of range", "invalid_argument");
  return number;
}

function invalid(message: string): ApiError {
  return new ApiError(status.INVALID_ARGUMENT, message, "invalid_argument");
}

function notFound(ruleId: string): ApiError {
  return new ApiError(status.NOT_FOUND, `rule ${ruleId.slice(0, 64)} does not exist`, "rule_not_found");
}
