import { expect } from "chai";
import type { Json } from "../../runtime/json.js";
import { transferKind, type TransferPolicy, type TransferState } from "../../actors/transfer/index.js";
import type { TransferCommand, TransferEvent } from "../../actors/transfer/index.js";
import { decodeTransferEffect } from "../../actors/transfer/effects.js";
import { defaultTransferPolicy } from "../../actors/transfer/policy.js";
import { decodeTransferReply } from "../../actors/transfer/view.js";
import { DeciderTest, type PendingEffect, type Then } from "./decider.js";

/**
 * One transfer actor under the given/when/then decider harness, with the saga's usual answers (position tasks
 * applied, a channel allowed, a bank's answer) as one-liners; replies and effects must decode to themselves.
 */
export class TransferHarness extends DeciderTest<TransferState, TransferCommand, TransferEvent> {
  constructor(transferId = "t-1", policy: Partial<TransferPolicy> = {}) {
    super({
      kind: transferKind({ ...defaultTransferPolicy, ...policy }),
      actorId: transferId,
      principal: "op:alice",
      decodeReply: (reply) => decodeTransferReply(reply, "a reply"),
      decodeEffect: decodeTransferEffect,
    });
  }

  /** Sends as the engine (effect results, callbacks). */
  system(type: string, payload: Json): Then<TransferState, TransferCommand, TransferEvent> {
    return this.when(type, payload, { principal: "system:effect" });
  }

  /** Answers every pending account command as applied (the happy path of position tasks). */
  applyPositionTasks(): string[] {
    const done: string[] = [];
    while (this.has("account.command")) {
      const effect = this.take("account.command");
      done.push(String(effect.payload["taskId"]));
      this.system("positionResult", { taskId: effect.payload["taskId"]!, ok: true });
    }
    return done;
  }

  /** Allows every channel asked until the step's request goes out (a debit asks the credit channel first). */
  allowChannel(fee = "1.5"): PendingEffect {
    while (!this.has("bank.send")) {
      const ask = this.take("channel.acquire");
      this.system("channelResult", { effectId: ask.id, allowed: true, fee });
    }
    return this.take("bank.send");
  }

  /** Allows the credit channel's check that comes before a debit (the credit's acquire); returns what was asked. */
  allowCreditCheck(fee = "1.5"): PendingEffect {
    const ask = this.take("channel.acquire");
    expect(ask.payload, "the credit channel is asked first").to.deep.include({ step: "credit" });
    this.system("channelResult", { effectId: ask.id, allowed: true, fee });
    return ask;
  }

  answerBank(
    effect: PendingEffect,
    outcome: string,
    extra: Record<string, Json> = {},
  ): Then<TransferState, TransferCommand, TransferEvent> {
    return this.system("bankResult", { effectId: effect.id, step: effect.payload["step"]!, outcome, ...extra });
  }

  /** The alerts raised so far (alertRaised events), oldest first. */
  get alerts(): Array<Extract<TransferEvent, { type: "alertRaised" }>> {
    return this.journal.filter(
      (event): event is Extract<TransferEvent, { type: "alertRaised" }> => event.type === "alertRaised",
    );
  }

  get statuses(): string[] {
    const seen: string[] = [];
    for (const event of this.journal) if (seen[seen.length - 1] !== event.status) seen.push(event.status);
    return seen;
  }
}

export const createPayload = {
  from: "BANKA:A1",
  to: "BANKB:B1",
  amount: "1000.50",
  currency: "CNY",
  speed: "normal",
  debitChannel: "BANKA-direct",
  creditChannel: "BANKB-direct",
  reference: "sweep to pool",
};
