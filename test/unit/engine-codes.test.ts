import { status } from "@grpc/grpc-js";
import { expect } from "chai";
import { accountKind } from "../../actors/account/index.js";
import { reject as accountReject } from "../../actors/account/rejections.js";
import { refuse as channelRefuse } from "../../actors/channel/rejections.js";
import { reject as scheduleReject } from "../../actors/schedule/rejections.js";
import { reject as tallyReject } from "../../actors/tally/rejections.js";
import { reject as transferReject } from "../../actors/transfer/rejections.js";
import { ApiError } from "../../adapters/grpc/api-error.js";
import { grpcStatusOf } from "../../adapters/grpc/status.js";
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
    // @ts-expect-error: a rule's refusal is not the schedule actor's
    scheduleReject("rule_not_found", "not a code of the schedule actor");

    expect(accountReject("insufficient_available", "a sentence").rejected).to.deep.equal({
      code: "insufficient_available",
      message: "a sentence",
    });
    expect(channelRefuse("maintenance", "a sentence", { retryAt: 1 }).rejected).to.deep.equal({
      code: "maintenance",
      message: "a sentence",
      details: { retryAt: 1 },
    });
  });

  it("a kind's decider cannot return a refusal outside the kind's list, even through the runtime's generic reject", () => {
    const decide: (typeof accountKind)["decide"] = (_state, command) =>
      // @ts-expect-error: "no_such_refusal" is not an AccountRejectionCode
      command.type === "close"
        ? reject("no_such_refusal", "not a code of the account actor")
        : reject("account_closed", "the account is closed");
    const result = decide(
      accountKind.initialState("BANKA:A1"),
      { type: "close", reason: "" },
      { actorId: "BANKA:A1", commandId: "c", principal: "p", now: 0 },
    );
    expect(result).to.deep.equal({ rejected: { code: "no_such_refusal", message: "not a code of the account actor" } });
  });

  it("the gRPC door maps each listed code to its status, and an unlisted one by its retryability, passed on as it came", () => {
    expect(grpcStatusOf({ code: "account_not_open", retryable: false })).to.equal(status.NOT_FOUND);
    expect(grpcStatusOf({ code: "daily_limit_exceeded", retryable: false })).to.equal(status.FAILED_PRECONDITION);
    expect(grpcStatusOf({ code: "job_not_found", retryable: false })).to.equal(status.NOT_FOUND);
    expect(grpcStatusOf({ code: "target_not_allowed", retryable: false })).to.equal(status.INVALID_ARGUMENT);
    expect(grpcStatusOf({ code: "journal_conflict", retryable: true })).to.equal(status.ABORTED);
    expect(grpcStatusOf({ code: "from_another_version", retryable: true })).to.equal(status.UNAVAILABLE);
    const unlisted = ApiError.fromBody({ code: "from_another_version", message: "a sentence", retryable: false });
    expect([unlisted.code, unlisted.engineCode]).to.deep.equal([status.FAILED_PRECONDITION, "from_another_version"]);
    // @ts-expect-error: the door's own codes are a closed list too
    expect(new ApiError(status.INVALID_ARGUMENT, "a sentence", "invalid_arguments").engineCode).to.equal(
      "invalid_arguments",
    );
  });
});
