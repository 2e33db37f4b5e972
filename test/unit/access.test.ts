import { expect } from "chai";
import { AccessConfigError, AccessControl, parseAccessSettings, sha256Hex } from "../../adapters/grpc/access.js";

const rateLimit = { perSecond: 2, burst: 3 };

describe("access control (ADR 005 §5)", () => {
  const settings = parseAccessSettings(
    {
      tokens: [
        { principal: "vera", roles: ["viewer"], tokenSha256: sha256Hex("vera-token") },
        { principal: "otto", roles: ["operator"], tokenSha256: sha256Hex("otto-token") },
        { principal: "anna", roles: ["approver"], tokenSha256: sha256Hex("anna-token") },
        { principal: "root", roles: ["admin"], tokenSha256: sha256Hex("root-token") },
      ],
    },
    { perSecond: 1_000, burst: 1_000 },
  );
  const access = new AccessControl(settings);
  const reason = (header: string | undefined, role: "viewer" | "operator" | "approver" | "admin") => {
    const decision = access.check(header, role);
    return decision.ok ? `ok:${decision.grant.principal}` : decision.reason;
  };

  it("maps each role to the methods it covers, admin to all", () => {
    const table = ["vera", "otto", "anna", "root"].map((who) => [
      who,
      ...(["viewer", "operator", "approver", "admin"] as const).map((role) => reason(`Bearer ${who}-token`, role)),
    ]);
    expect(table).to.deep.equal([
      ["vera", "ok:vera", "permission_denied", "permission_denied", "permission_denied"],
      ["otto", "ok:otto", "ok:otto", "permission_denied", "permission_denied"],
      ["anna", "ok:anna", "permission_denied", "ok:anna", "permission_denied"],
      ["root", "ok:root", "ok:root", "ok:root", "ok:root"],
    ]);
  });

  it("refuses a missing, malformed or unknown token as unauthenticated", () => {
    for (const header of [
      undefined,
      "",
      "vera-token",
      "Basic dmVyYQ==",
      "Bearer",
      "Bearer unknown",
      "Bearer vera-token extra",
    ]) {
      expect(reason(header, "viewer"), String(header)).to.equal("unauthenticated");
    }
  });

  it("limits each principal to its rate, separately, and refills with time", () => {
    let now = 1_000_000;
    const limited = new AccessControl({ ...settings, rateLimit }, () => now);
    const take = (who: string) => {
      const decision = limited.check(`Bearer ${who}-token`, "viewer");
      return decision.ok ? "ok" : decision.reason;
    };
    expect([take("vera"), take("vera"), take("vera"), take("vera")]).to.deep.equal(["ok", "ok", "ok", "rate_limited"]);
    expect(take("otto"), "another principal has its own bucket").to.equal("ok");
    now += 499;
    expect(take("vera"), "not yet one token back").to.equal("rate_limited");
    now += 1;
    expect(take("vera"), "one token after 500 ms at 2/s").to.equal("ok");
    expect(take("vera")).to.equal("rate_limited");
  });

  it("refuses access files that are malformed, with the place of the mistake", () => {
    const cases: Array<[unknown, string]> = [
      [{}, "at least one token"],
      [{ tokens: [{ principal: "a b", roles: ["viewer"], tokenSha256: sha256Hex("x") }] }, "tokens[0].principal"],
      [{ tokens: [{ principal: "a", roles: ["superuser"], tokenSha256: sha256Hex("x") }] }, "tokens[0].roles"],
      [{ tokens: [{ principal: "a", roles: ["viewer"], tokenSha256: "plain-token" }] }, "tokens[0].tokenSha256"],
      [
        {
          tokens: [
            { principal: "a", roles: ["viewer"], tokenSha256: sha256Hex("x") },
            { principal: "b", roles: ["viewer"], tokenSha256: sha256Hex("x") },
          ],
        },
        "tokens[1]: the same token",
      ],
    ];
    for (const [input, message] of cases) {
      expect(() => parseAccessSettings(input, rateLimit)).to.throw(AccessConfigError, message);
    }
  });
});
