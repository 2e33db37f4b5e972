import { fileURLToPath } from "node:url";
import { expect } from "chai";
import { startNodeProcess, type NodeProcess } from "../support/node-process.js";
import { eventually } from "../support/tally.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** `npm run demo` as a user runs it: a real process with its own bank simulator child, driven over HTTP. */
describe("npm run demo: the embedded engine with three simulated banks", function () {
  this.timeout(60_000);
  let demo: NodeProcess | undefined;
  let ready: { adminPort: number; simulatorUrl: string };

  before(async () => {
    demo = await startNodeProcess({
      name: "npm run demo",
      args: ["--import", "tsx", "bin/demo.ts"],
      cwd: root,
      env: { HOME: process.env["HOME"] ?? "", LIQ_ADMIN_PORT: "0", LIQ_GRPC_PORT: "0" },
      ready: (line) =>
        line["event"] === "ready" && typeof line["adminPort"] === "number" && typeof line["simulatorUrl"] === "string",
      timeoutMs: 45_000,
    });
    ready = demo.line as { adminPort: number; simulatorUrl: string };
  });

  after(async () => {
    await demo?.stop();
  });

  const command = async (kind: string, id: string, commandId: string, type: string, payload: unknown) => {
    const response = await fetch(`http://127.0.0.1:${ready.adminPort}/v1/actors/${kind}/${id}/commands`, {
      method: "POST",
      body: JSON.stringify({ commandId, type, payload }),
    });
    return (await response.json()) as { ok: boolean; result?: Record<string, unknown>; error?: unknown };
  };

  it("moves money between two simulated banks, and takes the bank's signed asynchronous callback", async () => {
    await fetch(`${ready.simulatorUrl}/admin/banks/BANKB/faults`, {
      method: "POST",
      body: JSON.stringify({ asyncProcessingMs: 100 }),
    });
    const created = await command("transfer", "demo-1", "create", "create", {
      from: "BANKA:A1",
      to: "BANKB:B1",
      amount: "1250.75",
      currency: "CNY",
      debitChannel: "BANKA-direct",
      creditChannel: "BANKB-direct",
    });
    expect(created.ok, JSON.stringify(created.error)).to.equal(true);
    await eventually(
      "the demo transfer succeeds",
      async () =>
        (await command("transfer", "demo-1", `get-${Math.random()}`, "get", {})).result?.["status"] === "SUCCESS",
      20_000,
      50,
    );
    const balance = (await (await fetch(`${ready.simulatorUrl}/banks/BANKB/accounts/B1/balance`)).json()) as {
      balance: string;
    };
    expect(balance.balance).to.match(/^1250\.75/);
    const position = (await command("account", "BANKB:B1", "get-b1", "get", {})).result?.["position"] as Record<
      string,
      string
    >;
    expect(position).to.deep.include({ ledger: "1250.7500", inTransitCredit: "0.0000" });
    // The bank's signed callback may come after a status poll has already settled the credit (a loaded machine):
    // it must still arrive and be accepted.
    await eventually(
      "the bank's signed callback accepted",
      async () =>
        /liq_bank_callbacks_total\{result="accepted"\} [1-9]/.test(
          await (await fetch(`http://127.0.0.1:${ready.adminPort}/metrics`)).text(),
        ),
      20_000,
      50,
    );
  });
});
