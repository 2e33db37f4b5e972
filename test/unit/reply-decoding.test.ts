import { expect } from "chai";
import { accountKind } from "../../actors/account/index.js";
import { decodeAccountReply, decodeAccountView } from "../../actors/account/view.js";
import { channelKind } from "../../actors/channel/index.js";
import { decodeAcquireGrant, decodeChannelView } from "../../actors/channel/view.js";
import { decodeTransferReply } from "../../actors/transfer/view.js";
import { isRejection, type AnyActorKind } from "../../runtime/actor-kind.js";
import type { Json } from "../../runtime/json.js";
import { createPayload, TransferHarness } from "../support/transfer-harness.js";

/** `reply` as JSON with `change` applied to a copy. */
function changed(reply: Json, change: (document: Record<string, any>) => void): Json {
  const document = JSON.parse(JSON.stringify(reply)) as Record<string, any>;
  change(document);
  return document;
}

function getReply(kind: AnyActorKind, actorId: string): Json {
  const context = { actorId, commandId: "get", principal: "test", now: Date.parse("2026-11-27T09:00:00Z") };
  const result = kind.decide(kind.initialState(actorId), { type: "get" }, context);
  if (isRejection(result)) throw new Error("get refused");
  return result.reply;
}

/*
 * Replies cross the runtime as JSON; the gRPC door decodes them into the actors' view types. What the actors answer
 * decodes to itself (the transfer harness, the channel tests and the account property test check that for every
 * reply they see); anything else is an engine fault, named with the actor and the field.
 */
describe("replies are decoded at the door", () => {
  it("an account's view and command reply", () => {
    const view = getReply(accountKind, "BANKA:A1");
    expect(decodeAccountView(view, "the reply of account BANKA:A1 to get")).to.deep.equal(view);
    expect(() =>
      decodeAccountView(
        changed(view, (d) => delete d["position"]["available"]),
        "the reply of account BANKA:A1 to get",
      ),
    ).to.throw(TypeError, /^not the reply of account BANKA:A1 to get: position\.available must be a string$/);
    expect(() =>
      decodeAccountView(
        changed(view, (d) => (d["status"] = "open")),
        "the reply of account BANKA:A1 to get",
      ),
    ).to.throw(TypeError, /: bankCode must be a string$/);
    expect(() => decodeAccountReply({ ledger: "1.0000" }, "the reply of account BANKA:A1 to recordEntry")).to.throw(
      TypeError,
      /: position must be an object$/,
    );
  });

  it("a channel's view and acquire grant", () => {
    const view = getReply(channelKind, "BANKA-direct");
    expect(decodeChannelView(view, "the reply of channel BANKA-direct to get")).to.deep.equal(view);
    expect(() =>
      decodeChannelView(
        changed(view, (d) => (d["configured"] = true)),
        "the reply of channel BANKA-direct to get",
      ),
    ).to.throw(TypeError, /: config must be an object$/);
    expect(() =>
      decodeChannelView(
        changed(view, (d) => (d["breaker"]["circuit"] = "ajar")),
        "the reply",
      ),
    ).to.throw(TypeError, /: breaker\.circuit must be one of closed, open, half_open$/);
    expect(() => decodeAcquireGrant({ allowed: false }, "the reply of channel BANKA-direct to acquire")).to.throw(
      TypeError,
      /: allowed must be true/,
    );
  });

  it("a transfer's reply", () => {
    const harness = new TransferHarness();
    const created = harness.when("create", createPayload).thenAccepted();
    expect(decodeTransferReply(created.reply, "the reply of transfer t-1")).to.deep.equal(created.reply);
    expect(() =>
      decodeTransferReply(
        changed(created.reply, (d) => (d["status"] = "LOST")),
        "the reply of transfer t-1",
      ),
    ).to.throw(TypeError, /^not the reply of transfer t-1: status must be one of NEW, SCHEDULED, CREATED/);
    expect(() =>
      decodeTransferReply(
        changed(created.reply, (d) => (d["request"]["approvalRequired"] = "yes")),
        "the reply",
      ),
    ).to.throw(TypeError, /: request\.approvalRequired must be true or false$/);
    expect(() => decodeTransferReply("CREATED", "the reply of transfer t-1")).to.throw(
      TypeError,
      /^not the reply of transfer t-1: it must be a JSON object$/,
    );
  });
});
