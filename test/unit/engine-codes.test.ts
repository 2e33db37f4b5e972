import { expect } from "chai";
import { accountKind } from "../../actors/account/index.js";
import { reject as accountReject } from "../../actors/account/rejections.js";
import { refuse as channelRefuse } from "../../actors/channel/rejections.js";
import { reject as tallyReject } from "../../actors/tally/rejections.js";
import { reject as transferReject } from "../../actors/transfer/rejections.js";
import { reject } from "../../runtime/actor-kind.js";

/*
 * The `@ts-expect-error` lines are the assertions of this file: `npx tsc --noEmit` fails if one of them compiles,
 * that is, if a code outside a kind's closed list were accepted.
 */
describe("engine codes", () => {
  it("each actor kind refuses only with a code of its own closed list", () => {
    // @ts-expect-error: the account actor has no such refusal
    accountReject("insufficient_funds", "not a code of the account actor");
    // @ts-expect-error: an account's refusal is not the transfer's
    transferReject("account_closed", "not a code of the transfer actor");
    // @ts-expect-error: a transfer's refusal is not the channel's
    channelRefuse("too_late_to_cancel", "not a code of the channel actor");
    // @ts-expect-error: the tally actor has one refusal
    tallyReject("account_closed", "not a code of the tally actor");

    expect(accountReject("insufficient_available", "a sentence").rejected).to.deep.equal({ code: "insufficient_available", message: "a sentence" });
    expect(channelRefuse("maintenance", "a sentence", { retryAt: 1 }).rejected).to.deep.equal({ code: "maintenance", message: "a sentence", details: { retryAt: 1 } });
  });

  it("a kind's decider cannot return a refusal outside the kind's list, even through the runtime's generic reject", () => {
    const decide: (typeof accountKind)["decide"] = (_state, command) =>
      // @ts-expect-error: "no_such_refusal" is not an AccountRejectionCode
      command.type === "close" ? reject("no_such_refusal", "not a code of the account actor") : reject("account_closed", "the account is closed");
    const result = decide(accountKind.initialState("BANKA:A1"), { type: "close", reason: "" }, { actorId: "BANKA:A1", commandId: "c", principal: "p", now: 0 });
    expect(result).to.deep.equal({ rejected: { code: "no_such_refusal", message: "not a code of the account actor" } });
  });
});
