import { decodeAccountView } from "../actors/account/view.js";
import { decodeChannelView, type ChannelView } from "../actors/channel/view.js";
import { decodePlannerState } from "../actors/planner/state.js";
import type { PlannerState } from "../actors/planner/state.js";
import { Money } from "../actors/shared/amount.js";
import { terminalStatuses } from "../actors/transfer/state.js";
import { decodeTransferReply } from "../actors/transfer/view.js";
import type { PoolAccount } from "../actors/planner/plan.js";
import type { ActorSystem } from "../runtime/actor-system.js";
import { isJsonObject, type Json, type JsonObject } from "../runtime/json.js";

/** The principal of the decision engine's own commands and reads. */
export const plannerPrincipal = "system:planner";

/** Fresh reads from the actors themselves (ADR 012 §4: decide on the source of truth, not on a cached view). */
export class ActorReads {
  constructor(private readonly system: ActorSystem) {}

  async account(accountId: string): Promise<PoolAccount | undefined> {
    const reply = await this.get("account", accountId);
    if (reply === undefined) return undefined;
    const view = decodeAccountView(reply, `the reply of account ${accountId} to get`);
    if (view.status === "new") return undefined;
    return {
      accountId,
      currency: view.currency,
      open: view.status === "open",
      ledger: new Money(view.position.ledger),
      available: new Money(view.position.available),
      inTransitCredit: new Money(view.position.inTransitCredit),
    };
  }

  async planner(plannerId: string): Promise<PlannerState> {
    const reply = await this.get("planner", plannerId);
    if (!isJsonObject(reply)) throw new Error(`planner ${plannerId} answered get without a view`);
    return decodePlannerState(reply as JsonObject);
  }

  async channel(channelId: string): Promise<ChannelView | undefined> {
    const reply = await this.get("channel", channelId);
    return reply === undefined ? undefined : decodeChannelView(reply, `the reply of channel ${channelId} to get`);
  }

  /**
   * The status of the transfer with this id; undefined when there is none. It has ended for the planner once it is
   * terminal and its last position task has been applied: before that, the accounts do not show its outcome yet, and
   * a plan made on them would move the money a second time.
   */
  async transferStatus(transferId: string): Promise<{ status: string; ended: boolean } | undefined> {
    const reply = await this.get("transfer", transferId);
    if (reply === undefined) return undefined;
    const view = decodeTransferReply(reply, `the reply of transfer ${transferId} to get`);
    if (view.status === "NEW") return undefined;
    return { status: view.status, ended: terminalStatuses.has(view.status) && view.positionTasksPending === 0 };
  }

  /** The status of the suggestion with this id; undefined when there is none. */
  async suggestionStatus(suggestionId: string): Promise<string | undefined> {
    const reply = await this.get("suggestion", suggestionId);
    if (!isJsonObject(reply)) return undefined;
    const status = reply["status"];
    return typeof status === "string" && status !== "NEW" ? status : undefined;
  }

  async send(kind: string, actorId: string, commandId: string, type: string, payload: JsonObject) {
    return this.system.dispatch({ kind, actorId, commandId, type, payload, principal: plannerPrincipal });
  }

  /** An actor's `get` reply, undefined when the actor refuses it as unknown. */
  private async get(kind: string, actorId: string): Promise<Json | undefined> {
    const reply = await this.system.query(kind, actorId, "get", {}, plannerPrincipal);
    if (reply.ok) return reply.result;
    if (reply.error.code.endsWith("not_found")) return undefined;
    throw new Error(`${kind} ${actorId} refused get: ${reply.error.code} ${reply.error.message}`);
  }
}
