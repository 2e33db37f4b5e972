import { status } from "@grpc/grpc-js";
import { expect } from "chai";
import { MongoActorStore } from "../../adapters/mongo/mongo-actor-store.js";
import type { ListSuggestionsResponse__Output } from "../../protos/generated/liquidity/v1/ListSuggestionsResponse.js";
import type { Suggestion__Output } from "../../protos/generated/liquidity/v1/Suggestion.js";
import type { SuggestionResult__Output } from "../../protos/generated/liquidity/v1/SuggestionResult.js";
import type { SuggestionUpdate__Output } from "../../protos/generated/liquidity/v1/SuggestionUpdate.js";
import type { Json } from "../../runtime/json.js";
import { startEngine, type RunningEngine } from "../../engine/start-engine.js";
import { silentLogger } from "../../runtime/logger.js";
import { accessFile } from "../support/access-file.js";
import { servingAndReflected } from "../support/grpc-client.js";
import { TestSuggestionsClient } from "../support/grpc-suggestions-client.js";
import { LiqWatch, runLiq } from "../support/liq-process.js";
import { configFrom } from "../support/integration.js";
import { eventually } from "../support/tally.js";
import { TransferWorld } from "../support/transfer-world.js";

/** Olivia edits rules (and may approve), Alice and Bob approve, Victor only looks. */
const principals = {
  olivia: ["operator", "approver"],
  alice: ["approver"],
  bob: ["approver"],
  victor: ["viewer"],
};

/** What the planner would send for rule top-up-b1 (last changed by olivia): a top-up of BANKB:B1 from BANKA:A1. */
function proposal(change: Record<string, Json> = {}): Record<string, Json> {
  return {
    ruleId: "top-up-b1",
    ruleVersion: 2,
    ruleEditor: "grpc:olivia",
    pool: "main",
    transfer: {
      from: "BANKA:A1",
      to: "BANKB:B1",
      amount: "100.25",
      currency: "CNY",
      speed: "normal",
      debitChannel: "BANKA-direct",
      creditChannel: "BANKB-direct",
      reference: "top-up",
    },
    reason: {
      available: "10.0000",
      lowWarning: "5000.0000",
      expression: "target - available",
      channels: ["BANKA-direct"],
    },
    approvalsRequired: 1,
    expiresAt: null,
    ...change,
  };
}

/**
 * The engine and its people: a gRPC client per principal, rebuilt after each engine start. The engine runs in this
 * process (the same composition root as `npm start`, on the rig's NATS and MongoDB-wire server) while suggestions
 * are made: `create` is the planner's, taken only from a system principal, and no door of the engine lets a client
 * send as one; the test calls the engine's own dispatch, as the planner does. Crash tests then go on with the
 * engine as a child process they can SIGKILL.
 */
class SuggestionsRig {
  clients: Record<keyof typeof principals, TestSuggestionsClient> | undefined;
  /** The engine in this process, until `toChildProcess`. */
  private inProcess: RunningEngine | undefined;
  /** The engine's gRPC address. */
  address = "";

  private constructor(
    readonly world: TransferWorld,
    private readonly tokens: Record<string, string>,
    readonly store: MongoActorStore,
  ) {}

  static async start(env: Record<string, string> = {}): Promise<SuggestionsRig> {
    const access = accessFile(principals);
    const world = await TransferWorld.start({ env: { LIQ_ACCESS_FILE: access.file, LIQ_DEV_ACCESS: "false", ...env } });
    // The world opened and funded its accounts through its engine process; this process's engine takes over.
    await world.engine!.kill();
    const store = await MongoActorStore.connect({
      url: world.env["LIQ_MONGO_URL"]!,
      database: world.env["LIQ_MONGO_DB"]!,
    });
    const rig = new SuggestionsRig(world, access.tokens, store);
    rig.inProcess = await startEngine(configFrom(world.env), silentLogger);
    await rig.connect();
    return rig;
  }

  get people(): Record<keyof typeof principals, TestSuggestionsClient> {
    return this.clients!;
  }

  /** `liq` as one of the people. */
  liq(name: keyof typeof principals, args: string[]) {
    return runLiq(args, { LIQ_SERVER: this.address, LIQ_TOKEN: this.tokens[name]! });
  }

  liqWatch(name: keyof typeof principals, args: string[]): LiqWatch {
    return LiqWatch.start(args, { LIQ_SERVER: this.address, LIQ_TOKEN: this.tokens[name]! });
  }

  private async connect(): Promise<void> {
    this.close();
    const port = this.inProcess
      ? this.inProcess.grpcPort
      : (await this.world.engine!.waitForLine((line) => line["event"] === "ready"))["grpcPort"];
    this.address = `127.0.0.1:${String(port)}`;
    this.clients = Object.fromEntries(
      Object.keys(principals).map((name) => [name, new TestSuggestionsClient(this.address, this.tokens[name])]),
    ) as Record<keyof typeof principals, TestSuggestionsClient>;
  }

  /** Stops the engine in this process and starts it as a child process with `env` (a fault point). */
  async toChildProcess(env: Record<string, string>): Promise<void> {
    await this.inProcess?.stop();
    this.inProcess = undefined;
    await this.world.startEngine(env);
    await this.connect();
  }

  /** SIGKILLs the child process engine and starts another with `env`. */
  async restart(env: Record<string, string> = {}): Promise<void> {
    await this.world.engine!.kill();
    await this.world.startEngine(env);
    await this.connect();
  }

  /** Creates a suggestion as the planner does: its `create`, through the engine's dispatch, as `system:planner`. */
  async propose(suggestionId: string, change: Record<string, Json> = {}): Promise<void> {
    if (!this.inProcess) throw new Error("suggestions are proposed while the engine runs in this process");
    const reply = await this.inProcess.system.dispatch({
      kind: "suggestion",
      actorId: suggestionId,
      commandId: `create:${suggestionId}`,
      type: "create",
      payload: proposal(change),
      principal: "system:planner",
    });
    if (!reply.ok) throw new Error(`create of ${suggestionId} refused: ${JSON.stringify(reply.error)}`);
  }

  async get(suggestionId: string): Promise<Suggestion__Output | undefined> {
    const outcome = await this.people.victor.call<Suggestion__Output>("GetSuggestion", { suggestion_id: suggestionId });
    if (!outcome.ok && outcome.engineCode === "suggestion_not_found") return undefined;
    if (!outcome.ok) throw new Error(`GetSuggestion failed: ${outcome.details}`);
    return outcome.value;
  }

  async settled(suggestionId: string, statuses: readonly string[], timeoutMs = 30_000): Promise<Suggestion__Output> {
    let last: Suggestion__Output | undefined;
    await eventually(
      `suggestion ${suggestionId} in ${statuses.join("/")}`,
      async () => statuses.includes((last = await this.get(suggestionId))?.status ?? ""),
      timeoutMs,
      100,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; last seen: ${JSON.stringify(last)}`);
    });
    return last!;
  }

  approve(name: keyof typeof principals, suggestionId: string, requestId: string, comment = "") {
    return this.people[name].call<SuggestionResult__Output>("ApproveSuggestion", {
      suggestion_id: suggestionId,
      request_id: requestId,
      comment,
    });
  }

  /** The transfer actor's journaled creations, and the bank's successful debits, of one transfer. */
  async transferTrace(transferId: string): Promise<{ creations: number; debits: number }> {
    const entries = await this.store.readEntries({ kind: "transfer", actorId: transferId }, 0, 1_000);
    const creations = entries.flatMap((entry) => entry.events).filter((event) => event.type === "transferCreated");
    const debits = (await this.world.simulator.transactions({ serialPrefix: `${transferId}.` })).filter(
      (transaction) => transaction.type === "debit" && transaction.status === "succeeded",
    );
    return { creations: creations.length, debits: debits.length };
  }

  close(): void {
    for (const client of Object.values(this.clients ?? {})) client.close();
  }

  async stop(): Promise<void> {
    this.close();
    await this.inProcess?.stop();
    await this.store.close();
    await this.world.stop();
  }
}

describe("suggestions over gRPC against a real engine process (NATS, a MongoDB-wire server, the bank simulator)", function () {
  this.timeout(180_000);
  let rig: SuggestionsRig;
  before(async () => {
    rig = await SuggestionsRig.start();
  });
  after(async () => {
    await rig?.stop();
  });

  it("is served and listed by reflection", async () => {
    const services = await servingAndReflected(rig.address, "liquidity.v1.Suggestions");
    expect(services).to.include("liquidity.v1.Suggestions");
  });

  it("refuses the rule's editor, then a second person's approval creates the transfer with the suggestion's id; approving again makes no second", async () => {
    await rig.propose("s-1");
    const pending = await rig.get("s-1");
    expect(pending).to.deep.include({ status: "PENDING", rule_editor: "grpc:olivia", approvals_required: 1 });
    expect(pending?.created_by).to.equal("system:planner");

    const byEditor = await rig.approve("olivia", "s-1", "olivia-1");
    expect(byEditor).to.deep.include({
      ok: false,
      code: status.PERMISSION_DENIED,
      engineCode: "maker_checker_violation",
    });
    const byViewer = await rig.approve("victor", "s-1", "victor-1");
    expect(byViewer).to.deep.include({ ok: false, code: status.PERMISSION_DENIED, engineCode: "permission_denied" });

    const approved = await rig.approve("alice", "s-1", "alice-1", "payroll at 10");
    expect(approved.ok && approved.value.suggestion).to.deep.include({ status: "APPROVED" });
    const again = await rig.approve("alice", "s-1", "alice-1", "payroll at 10");
    expect(again.ok && again.value.duplicate, "the same request again: its stored outcome").to.equal(true);
    const byBob = await rig.approve("bob", "s-1", "bob-1");
    expect(byBob).to.deep.include({
      ok: false,
      code: status.FAILED_PRECONDITION,
      engineCode: "suggestion_not_pending",
    });

    const created = await rig.settled("s-1", ["TRANSFER_CREATED"]);
    expect(created).to.deep.include({ transfer_id: "s-1", create_attempts: 1 });
    const transfer = await rig.world.settled("s-1", ["SUCCESS"]);
    expect(transfer["createdBy"]).to.equal("system:suggestion:s-1");
    expect(transfer["request"]).to.deep.include({
      approvalRequired: false,
      amount: "100.2500",
      reference: "top-up; suggestion s-1 of rule top-up-b1 v2, approved by grpc:alice",
    });
    expect(await rig.transferTrace("s-1")).to.deep.equal({ creations: 1, debits: 1 });
  });

  it("makes one transfer when two approvers approve at once", async () => {
    await rig.propose("s-2");
    const outcomes = await Promise.all([rig.approve("alice", "s-2", "alice-2"), rig.approve("bob", "s-2", "bob-2")]);
    expect(outcomes.filter((outcome) => outcome.ok)).to.have.length(1);
    expect(outcomes.find((outcome) => !outcome.ok)).to.deep.include({ engineCode: "suggestion_not_pending" });
    await rig.settled("s-2", ["TRANSFER_CREATED"]);
    await rig.world.settled("s-2", ["SUCCESS"]);
    expect(await rig.transferTrace("s-2")).to.deep.equal({ creations: 1, debits: 1 });
  });

  it("needs two different people above the threshold", async () => {
    await rig.propose("s-3", { approvalsRequired: 2 });
    const first = await rig.approve("alice", "s-3", "alice-3");
    expect(first.ok && first.value.suggestion?.status).to.equal("PENDING");
    expect(await rig.approve("alice", "s-3", "alice-3b")).to.deep.include({ engineCode: "maker_checker_violation" });
    const second = await rig.approve("bob", "s-3", "bob-3");
    expect(second.ok && second.value.suggestion?.status).to.equal("APPROVED");
    const created = await rig.settled("s-3", ["TRANSFER_CREATED"]);
    expect(created.approvals.map((approval) => approval.principal)).to.deep.equal(["grpc:alice", "grpc:bob"]);
    const request = (await rig.world.transfer("s-3"))["request"] as Record<string, unknown>;
    expect(request["reference"]).to.match(/approved by grpc:alice, grpc:bob$/);
  });

  it("records a rejection with its reason; nothing is created, and a later approval is refused naming the status", async () => {
    await rig.propose("s-4");
    const missing = await rig.people.bob.call("RejectSuggestion", { suggestion_id: "s-4", request_id: "bob-4a" });
    expect(missing).to.deep.include({ ok: false, code: status.INVALID_ARGUMENT, engineCode: "invalid_command" });
    const rejected = await rig.people.bob.call<SuggestionResult__Output>("RejectSuggestion", {
      suggestion_id: "s-4",
      request_id: "bob-4",
      reason: "the noon sweep funds BANKB",
    });
    expect(rejected.ok && rejected.value.suggestion?.status).to.equal("REJECTED");
    expect(rejected.ok && rejected.value.suggestion?.rejection).to.deep.include({
      principal: "grpc:bob",
      reason: "the noon sweep funds BANKB",
    });
    const late = await rig.approve("alice", "s-4", "alice-4");
    expect(late).to.deep.include({ ok: false, code: status.FAILED_PRECONDITION, engineCode: "suggestion_not_pending" });
    expect(late.ok ? "" : late.details).to.match(/is REJECTED/);
    expect(await rig.transferTrace("s-4")).to.deep.equal({ creations: 0, debits: 0 });
  });

  it("expires by itself at expiresAt, as its watchers see, and an approval after it is refused", async () => {
    const updates: SuggestionUpdate__Output[] = [];
    const watch = rig.people.victor.watch({ rule_id: "expiring" });
    watch.on("data", (update: SuggestionUpdate__Output) => updates.push(update));
    watch.on("error", () => undefined);
    try {
      await rig.propose("s-5", { ruleId: "expiring", expiresAt: Date.now() + 4_000 });
      await rig.settled("s-5", ["EXPIRED"], 20_000);
      await eventually("the watcher saw the expiry", () =>
        updates.some((update) => update.cause === "suggestionExpired"),
      );
      expect(updates.map((update) => [update.cause, update.suggestion?.status])).to.deep.include.members([
        ["suggestionCreated", "PENDING"],
        ["suggestionExpired", "EXPIRED"],
      ]);
      expect(updates.at(-1)?.suggestion?.expiry).to.deep.include({
        principal: "system:reminder",
        reason: "cutoff_passed",
      });
    } finally {
      watch.cancel();
    }
    expect(await rig.approve("alice", "s-5", "alice-5")).to.deep.include({ engineCode: "suggestion_not_pending" });
    // A watch opened now starts with the suggestion as it is.
    const later = rig.people.victor.watch({ rule_id: "expiring" });
    const first = await new Promise<SuggestionUpdate__Output>((resolve) => later.once("data", resolve));
    later.on("error", () => undefined);
    later.cancel();
    expect([first.cause, first.suggestion?.status]).to.deep.equal(["current", "EXPIRED"]);
  });

  it("records CREATE_FAILED with the refusal's code when the funds are gone by the approval", async () => {
    await rig.propose("s-6", { transfer: { ...(proposal()["transfer"] as object), amount: "5000000" } });
    await rig.approve("alice", "s-6", "alice-6");
    const failed = await rig.settled("s-6", ["CREATE_FAILED"]);
    expect(failed.failure).to.deep.include({ code: "insufficient_available" });
    expect(failed.failure?.message).to.match(/BANKA:A1 has [\d.]+ CNY available, not enough for 5000000\.0000/);
    expect(await rig.transferTrace("s-6")).to.deep.equal({ creations: 0, debits: 0 });
  });

  it("lists by status, rule and currency, in id order, and pages", async () => {
    const list = (request: object) =>
      rig.people.victor.must<ListSuggestionsResponse__Output>("ListSuggestions", request);
    await eventually("the directory caught up", async () => (await list({})).suggestions.length >= 6);
    const created = await list({ statuses: ["TRANSFER_CREATED"], currency: "CNY", rule_id: "top-up-b1" });
    expect(created.suggestions.map((s) => s.suggestion_id)).to.deep.equal(["s-1", "s-2", "s-3"]);
    const page = await list({ page_size: 2 });
    expect(page.suggestions.map((s) => s.suggestion_id)).to.deep.equal(["s-1", "s-2"]);
    const next = await list({ page_size: 2, page_token: page.next_page_token });
    expect(next.suggestions.map((s) => s.suggestion_id)).to.deep.equal(["s-3", "s-4"]);
    expect((await list({ currency: "EUR" })).suggestions).to.deep.equal([]);
    expect(await rig.people.victor.call("ListSuggestions", { statuses: ["pending"] })).to.deep.include({
      ok: false,
      code: status.INVALID_ARGUMENT,
    });
  });

  it("works through liq: list, get, watch, approve (maker-checker refused with exit 1), reject", async () => {
    await rig.propose("s-7", { ruleId: "cli-rule" });
    await rig.propose("s-8", { ruleId: "cli-rule" });
    const watch = rig.liqWatch("victor", ["--json", "suggestions", "watch", "--rule", "cli-rule"]);
    try {
      await watch.waitFor<SuggestionUpdate__Output>("s-7 as it is", (u) => u.suggestion?.suggestion_id === "s-7");
      const listed = await rig.liq("victor", ["suggestions", "list", "--rule", "cli-rule", "--status", "pending"]);
      expect(listed.code, listed.stderr).to.equal(0);
      expect(listed.stdout).to.match(/s-7.*PENDING/);
      expect(listed.stdout).to.match(/s-8.*PENDING.*0 of 1/);
      const shown = await rig.liq("victor", ["suggestions", "get", "s-7"]);
      expect(shown.stdout).to.match(/BANKA:A1 -> BANKB:B1 100\.2500 CNY/);
      expect(shown.stdout).to.match(/target - available = /);
      const document = JSON.parse((await rig.liq("victor", ["--json", "suggestions", "get", "s-7"])).stdout) as {
        reason: Record<string, unknown>;
      };
      expect(document.reason, "--json prints the reason as plain JSON").to.deep.include({
        expression: "target - available",
        channels: ["BANKA-direct"],
      });
      const byEditor = await rig.liq("olivia", ["suggestions", "approve", "s-7"]);
      expect(byEditor.code).to.equal(1);
      expect(byEditor.stderr).to.match(/last change of rule cli-rule.*maker_checker_violation/);
      const approved = await rig.liq("alice", [
        "suggestions",
        "approve",
        "s-7",
        "--comment",
        "ok",
        "--request-id",
        "cli-7",
      ]);
      expect(approved.code, approved.stderr).to.equal(0);
      expect(approved.stdout).to.match(/^approved s-7: now APPROVED \(request id cli-7/);
      const rejected = await rig.liq("bob", ["--json", "suggestions", "reject", "s-8", "--reason", "not now"]);
      expect((JSON.parse(rejected.stdout) as SuggestionResult__Output).suggestion?.status).to.equal("REJECTED");
      await watch.waitFor<SuggestionUpdate__Output>("s-7's transfer created", (u) => u.cause === "transferCreated");
      await watch.waitFor<SuggestionUpdate__Output>("s-8 rejected", (u) => u.cause === "suggestionRejected");
    } finally {
      await watch.interrupt();
    }
    const missing = await rig.liq("bob", ["suggestions", "reject", "s-7"]);
    expect(missing.code, "a required option left out: nothing sent").to.equal(2);
  });
});

describe("a suggestion's transfer across an engine SIGKILL between the approval and the creation", function () {
  this.timeout(240_000);
  let rig: SuggestionsRig;
  before(async () => {
    rig = await SuggestionsRig.start();
    await rig.propose("c-1");
    await rig.propose("c-2");
  });
  after(async () => {
    await rig?.stop();
  });

  it("creates exactly one transfer when the engine dies after the approval is journaled, before the create is sent", async () => {
    await rig.toChildProcess({ LIQ_FAULT_POINT: "hold-before:suggestion.transfer" });
    const approved = await rig.approve("alice", "c-1", "alice-c1");
    expect(approved.ok && approved.value.suggestion?.status).to.equal("APPROVED");
    await rig.world.engine!.waitForLine((line) => line["event"] === "fault-point");
    expect(await rig.transferTrace("c-1")).to.deep.equal({ creations: 0, debits: 0 });
    await rig.restart({ LIQ_FAULT_POINT: "" });
    // The guard reminder, journaled with the approval, sends the create again after the restart.
    const created = await rig.settled("c-1", ["TRANSFER_CREATED"], 60_000);
    expect(created.create_attempts).to.equal(2);
    await rig.world.settled("c-1", ["SUCCESS"]);
    expect(await rig.transferTrace("c-1")).to.deep.equal({ creations: 1, debits: 1 });
  });

  it("creates exactly one transfer when the engine dies after the create, before the suggestion heard of it", async () => {
    await rig.restart({ LIQ_FAULT_POINT: "hold-after:suggestion.transfer" });
    await rig.approve("bob", "c-2", "bob-c2");
    await rig.world.engine!.waitForLine((line) => line["event"] === "fault-point");
    expect((await rig.get("c-2"))?.status, "the answer never came").to.equal("APPROVED");
    await rig.restart({ LIQ_FAULT_POINT: "" });
    const created = await rig.settled("c-2", ["TRANSFER_CREATED"], 60_000);
    expect(created.create_attempts).to.equal(2);
    await rig.world.settled("c-2", ["SUCCESS"]);
    expect(await rig.transferTrace("c-2")).to.deep.equal({ creations: 1, debits: 1 });
  });
});

describe("a rule in SUGGEST mode: the planner proposes, two people approve, the transfer is made once", function () {
  this.timeout(180_000);
  let rig: SuggestionsRig;
  before(async () => {
    // No approval policy: every suggestion needs two approvers.
    rig = await SuggestionsRig.start({ LIQ_PLANNER_INTERVAL_MS: "0" });
  });
  after(async () => {
    await rig?.stop();
  });

  it("turns the planner's suggestion into the transfer it proposed, and the plan sees it through", async () => {
    // BANKB:B1 holds nothing, below the rule's low watermark: putting the rule makes the planner evaluate the pool.
    await rig.world.expectOk(
      rig.world.send("rule", "b1-suggest", "put-b1-suggest", "put", {
        expectedVersion: 0,
        reason: "keep B1 funded, with a person's approval",
        rule: {
          scope: { account: "BANKB:B1" },
          lowDanger: "5000",
          lowWarning: "10000",
          target: "20000",
          high: "100000",
          sources: ["BANKA:A1"],
          amount: "target - available - plannedIn",
          maximum: "50000",
          roundingStep: "100",
          mode: "SUGGEST",
        },
      }),
    );
    let suggestion: Suggestion__Output | undefined;
    await eventually(
      "the planner's suggestion",
      async () => {
        const listed = await rig.people.victor.must<ListSuggestionsResponse__Output>("ListSuggestions", {
          rule_id: "b1-suggest",
        });
        suggestion = listed.suggestions[0];
        return suggestion !== undefined;
      },
      30_000,
      100,
    );
    const id = suggestion!.suggestion_id;
    expect(suggestion).to.deep.include({
      status: "PENDING",
      rule_version: "1",
      rule_editor: "nats:world",
      approvals_required: 2,
    });
    expect(suggestion!.transfer).to.deep.include({ from: "BANKA:A1", to: "BANKB:B1", amount: "20000.0000" });
    expect(suggestion!.reason?.fields, "the planner's reasoning, whole").to.not.deep.equal({});

    expect((await rig.approve("alice", id, "alice-p1")).ok).to.equal(true);
    expect(await rig.get(id)).to.deep.include({ status: "PENDING" });
    expect((await rig.approve("bob", id, "bob-p1")).ok).to.equal(true);
    await rig.settled(id, ["TRANSFER_CREATED"]);
    await rig.world.settled(id, ["SUCCESS"]);
    expect(await rig.transferTrace(id)).to.deep.equal({ creations: 1, debits: 1 });
    expect((await rig.world.position("BANKB:B1"))["available"]).to.equal("20000.0000");
    await eventually(
      "the plan ended with its transfer",
      async () => {
        const planner = await rig.world.expectOk(rig.world.send("planner", "main:CNY", `get-${Date.now()}`, "get", {}));
        const plan = (planner["plans"] as Array<Record<string, unknown>>).find((p) => p["planId"] === id);
        return plan?.["status"] === "ended" && plan["outcome"] === "SUCCESS" && plan["movedMoney"] === true;
      },
      30_000,
      200,
    );
  });
});
