import { expect } from "chai";
import { AccessControl, parseAccessSettings, sha256Hex } from "../../adapters/grpc/access.js";
import { requiredRole } from "../../adapters/grpc/method-roles.js";
import { commandRule, NatsCommandAccess } from "../../adapters/nats/command-access.js";

describe("the NATS command door's access (ADR 005 §5: the same roles as gRPC)", () => {
  const access = new AccessControl(
    parseAccessSettings(
      {
        tokens: [
          { principal: "vera", roles: ["viewer"], tokenSha256: sha256Hex("vera-token") },
          { principal: "otto", roles: ["operator"], tokenSha256: sha256Hex("otto-token") },
          { principal: "anna", roles: ["approver"], tokenSha256: sha256Hex("anna-token") },
          { principal: "root", roles: ["admin"], tokenSha256: sha256Hex("root-token") },
        ],
      },
      { perSecond: 1_000, burst: 1_000 },
    ),
  );
  const served = new Set([
    "account",
    "transfer",
    "rule",
    "channel",
    "schedule",
    "tally",
    "suggestion",
    "reconciliation",
    "statements",
  ]);
  const door = new NatsCommandAccess(access, served);
  /** The door's answer for a command sent with these headers: `ok:<principal>` or the refusal's code. */
  const outcome = (kind: string, type: string, headers: Record<string, string> = {}) => {
    const decision = door.authorize(kind, type, (name) => headers[name]);
    return decision.ok ? `ok:${decision.principal}` : decision.error.code;
  };
  const token = (who: string) => ({ "Liq-Token": `${who}-token`, "Liq-Principal": "someone-else" });

  it("holds approve and confirmResolution of transfers to the approver role, as ApproveTransfer and ConfirmResolution", () => {
    expect(requiredRole.ApproveTransfer).to.equal("approver");
    expect(requiredRole.ConfirmResolution).to.equal("approver");
    for (const type of ["approve", "confirmResolution"]) {
      expect(
        [
          outcome("transfer", type),
          outcome("transfer", type, { "Liq-Principal": "anna" }),
          outcome("transfer", type, token("vera")),
          outcome("transfer", type, token("otto")),
          outcome("transfer", type, token("anna")),
          outcome("transfer", type, token("root")),
          outcome("transfer", type, { "Liq-Token": "forged" }),
        ],
        type,
      ).to.deep.equal([
        "unauthenticated",
        "unauthenticated",
        "permission_denied",
        "permission_denied",
        "ok:nats:anna",
        "ok:nats:root",
        "unauthenticated",
      ]);
    }
  });

  it("gives every command of a gRPC method that method's role, and the principal from the token, never the header", () => {
    const cases: Array<[string, string, string]> = [
      ["transfer", "create", "CreateTransfer"],
      ["transfer", "cancel", "CancelTransfer"],
      ["transfer", "retry", "RetryTransfer"],
      ["transfer", "resolve", "ResolveTransfer"],
      ["transfer", "get", "GetTransfer"],
      ["account", "recordEntry", "RecordEntry"],
      ["account", "open", "OpenAccount"],
      ["account", "get", "GetPosition"],
      ["account", "ledgerAsOf", "GetLedgerAsOf"],
      ["rule", "put", "PutRule"],
      ["channel", "get", "GetChannel"],
    ];
    for (const [kind, type, method] of cases)
      expect(commandRule(kind, type, served).role, `${kind} ${type}`).to.equal(requiredRole[method as "GetTransfer"]);
    expect(outcome("transfer", "create", token("otto"))).to.equal("ok:nats:otto");
    expect(outcome("transfer", "create", token("vera"))).to.equal("permission_denied");
    expect(outcome("account", "recordEntry", token("vera"))).to.equal("permission_denied");
    expect(outcome("account", "ledgerAsOf", token("vera")), "a read, like a position").to.equal("ok:nats:vera");
  });

  it("takes an upstream system's account commands without a token, under the name it claims", () => {
    for (const type of ["open", "recordEntry", "freeze", "unfreeze", "syncStatement", "close", "get", "ledgerAsOf"])
      expect(outcome("account", type, { "Liq-Principal": "core-banking" }), type).to.equal("ok:nats:core-banking");
    expect(outcome("account", "recordEntry")).to.equal("ok:nats");
    expect(outcome("tally", "add")).to.equal("ok:nats");
  });

  it("needs a token for every transfer, rule, channel and schedule command, and admin for the engine's own", () => {
    for (const [kind, type] of [
      ["transfer", "create"],
      ["transfer", "get"],
      ["rule", "put"],
      ["channel", "configure"],
      ["schedule", "put"],
      ["account", "reserve"],
      ["account", "release"],
      ["suggestion", "approve"],
    ] as const)
      expect(outcome(kind, type, { "Liq-Principal": "core-banking" }), `${kind} ${type}`).to.equal("unauthenticated");
    for (const [kind, type] of [
      ["channel", "configure"],
      ["planner", "record"],
      ["account", "reserve"],
      ["transfer", "bankNotice"],
      ["suggestion", "create"],
      ["statements", "register"],
      ["statements", "pulled"],
    ] as const) {
      expect(outcome(kind, type, token("anna")), `${kind} ${type}`).to.equal("permission_denied");
      expect(outcome(kind, type, token("root")), `${kind} ${type}`).to.equal("ok:nats:root");
    }
  });

  it("never takes a reconciliation's resolve, not even with an admin token: the threshold comes with the gRPC call", () => {
    const doors: Array<Record<string, string>> = [
      {},
      { "Liq-Principal": "core-banking" },
      token("otto"),
      token("root"),
    ];
    for (const headers of doors) expect(outcome("reconciliation", "resolve", headers)).to.equal("permission_denied");
    const refusal = door.authorize("reconciliation", "resolve", (name) => token("root")[name as "Liq-Token"]);
    expect(refusal.ok ? "" : refusal.error.message).to.match(/only through the Differences service/);
    expect(outcome("reconciliation", "get", token("vera"))).to.equal("ok:nats:vera");
    expect(outcome("reconciliation", "explain", token("vera"))).to.equal("permission_denied");
    expect(outcome("reconciliation", "explain", token("otto"))).to.equal("ok:nats:otto");
    expect(outcome("reconciliation", "confirmResolution", token("otto"))).to.equal("permission_denied");
    expect(outcome("reconciliation", "confirmResolution", token("anna"))).to.equal("ok:nats:anna");
    expect(outcome("reconciliation", "record", token("anna"))).to.equal("permission_denied");
    expect(requiredRole.ResolveDifference).to.equal("operator");
    expect(requiredRole.RejectResolution).to.equal(requiredRole.ConfirmResolution);
  });

  it("reads an account's statements as ListStatements does (viewer) and takes a pull from an operator, never a registration", () => {
    expect(outcome("statements", "get", token("vera"))).to.equal("ok:nats:vera");
    expect(outcome("statements", "get", { "Liq-Principal": "core-banking" })).to.equal("unauthenticated");
    expect(outcome("statements", "pull", token("vera"))).to.equal("permission_denied");
    expect(outcome("statements", "pull", token("otto"))).to.equal("ok:nats:otto");
    expect(outcome("statements", "register", token("otto"))).to.equal("permission_denied");
  });

  it("leaves a command or kind the engine does not have to the runtime's own refusal, whoever sends it", () => {
    expect(outcome("account", "teleport")).to.equal("ok:nats");
    expect(outcome("ghost", "add", { "Liq-Principal": "x" })).to.equal("ok:nats:x");
    expect(outcome("ghost", "add", token("vera"))).to.equal("ok:nats:vera");
  });

  it("says which header to send, and refuses a token that cannot be one", () => {
    const missing = door.authorize("transfer", "approve", () => undefined);
    expect(missing).to.deep.equal({
      ok: false,
      error: {
        code: "unauthenticated",
        message:
          'transfer approve over NATS needs a token with the approver role: send the header "Liq-Token: <token>"',
        retryable: false,
      },
    });
    expect(outcome("transfer", "approve", { "Liq-Token": "two words" })).to.equal("unauthenticated");
    expect(outcome("transfer", "approve", { "Liq-Token": "x".repeat(513) })).to.equal("unauthenticated");
  });

  it("counts NATS commands against the principal's rate limit, like gRPC calls", () => {
    const limited = new NatsCommandAccess(
      new AccessControl(
        parseAccessSettings(
          { tokens: [{ principal: "anna", roles: ["approver"], tokenSha256: sha256Hex("anna-token") }] },
          { perSecond: 1, burst: 2 },
        ),
        () => 0,
      ),
      served,
    );
    const codes = [1, 2, 3].map(() => {
      const decision = limited.authorize("transfer", "approve", (name) =>
        name === "Liq-Token" ? "anna-token" : undefined,
      );
      return decision.ok ? "ok" : `${decision.error.code}:${String(decision.error.retryable)}`;
    });
    expect(codes).to.deep.equal(["ok", "ok", "rate_limited:true"]);
  });
});
