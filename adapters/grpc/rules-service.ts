import { randomUUID } from "node:crypto";
import { readJournalPage } from "./journal-page.js";
import { commandIdFor, requestId } from "./positions-service.js";
import { status } from "@grpc/grpc-js";
import type { RuleEvent } from "../../actors/rule/events.js";
import { decodeRuleView, type RuleView as ActorRuleView } from "../../actors/rule/view.js";
import type { ActorSystem } from "../../runtime/actor-system.js";
import type { Json } from "../../runtime/json.js";
import type { JournalStore } from "../../runtime/ports.js";
import { childSpan } from "../../runtime/trace-context.js";
import type { DeleteRuleRequest__Output } from "../../protos/generated/liquidity/v1/DeleteRuleRequest.js";
import type { GetRuleHistoryRequest__Output } from "../../protos/generated/liquidity/v1/GetRuleHistoryRequest.js";
import type { GetRuleHistoryResponse } from "../../protos/generated/liquidity/v1/GetRuleHistoryResponse.js";
import type { GetRuleRequest__Output } from "../../protos/generated/liquidity/v1/GetRuleRequest.js";
import type { PutRuleRequest__Output } from "../../protos/generated/liquidity/v1/PutRuleRequest.js";
import type { RuleView } from "../../protos/generated/liquidity/v1/RuleView.js";
import { getView } from "./actor-get.js";
import { ApiError } from "./api-error.js";
import type { Caller } from "./caller.js";
import { eventChangeOf, ruleJsonOf, ruleOf, ruleViewOf } from "./rule-messages.js";

/**
 * The Rules service (ADR 012): versioned decision rules. Put and delete go to the rule actor, which checks the
 * expected version and the rule; the history is the actor's journal.
 */
export class RulesService {
  constructor(
    private readonly system: ActorSystem,
    private readonly journal: JournalStore,
  ) {}

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

  /**
   * A change with a client's request id is the same command on every retry (`<type>:<principal>/<request id>`), so
   * the runtime answers a repeat instead of deciding it again; without one, each call is a new command.
   */
  private async change(
    ruleId: string,
    type: "put" | "delete",
    payload: Record<string, Json>,
    clientRequestId: string,
    caller: Caller,
  ) {
    const reply = await this.system.dispatch({
      kind: "rule",
      actorId: ruleId,
      commandId:
        clientRequestId === ""
          ? `${type}:${randomUUID()}`
          : commandIdFor(type, `${caller.principal}/${requestId(clientRequestId)}`),
      type,
      payload,
      principal: caller.principal,
      trace: childSpan(caller.trace),
    });
    if (!reply.ok) throw ApiError.fromBody(reply.error);
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

function notFound(ruleId: string): ApiError {
  return new ApiError(status.NOT_FOUND, `rule ${ruleId.slice(0, 64)} does not exist`, "rule_not_found");
}
