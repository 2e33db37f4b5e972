/**
 * `npm run demo`: the embedded engine (memory store, no NATS) with three simulated banks, to try transfers without
 * any server. Starts the bank simulator as a child process (SIM_PORT, default a free port), configures a channel per
 * bank with signed callbacks, opens and funds one account per bank, and prints what to try. NOT DURABLE: state is
 * lost when it stops, at the banks too. Environment: LIQ_ADMIN_PORT (9464), LIQ_GRPC_PORT (50051), SIM_PORT (0).
 */
import { exitCodeOf, failureLines } from "../engine/startup-failures.js";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { accountIdOf } from "../actors/account/id.js";
import { sha256Hex } from "../adapters/grpc/access.js";
import { jsonLogger } from "../runtime/logger.js";
import { loadConfig } from "../engine/config.js";
import { startEngine, type RunningEngine } from "../engine/start-engine.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const banks = [
  { code: "BANKA", account: "A1", balance: "1000000.00" },
  { code: "BANKB", account: "B1", balance: "0" },
  { code: "BANKC", account: "C1", balance: "250000.00" },
] as const;

function demoToken(): string {
  return `demo-${randomBytes(24).toString("base64url")}`;
}

function startSimulator(config: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bin/bank-simulator.ts"], {
    cwd: root,
    env: {
      PATH: process.env["PATH"] ?? "",
      HOME: process.env["HOME"] ?? "",
      SIM_PORT: process.env["SIM_PORT"] ?? "0",
      SIM_CONFIG: config,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (text) => {
      try {
        const line = JSON.parse(text) as { event?: string; port?: number };
        if (line.event === "listening" && typeof line.port === "number") resolve({ child, port: line.port });
      } catch {
        // not a JSON line: ignore
      }
    });
    child.once("exit", (code) => reject(new Error(`the bank simulator exited (${String(code)}) before listening`)));
  });
}

async function openAccounts(engine: RunningEngine): Promise<void> {
  for (const bank of banks) {
    const accountId = accountIdOf(bank.code, bank.account);
    const send = (commandId: string, type: string, payload: Record<string, string>) =>
      engine.system.dispatch({
        kind: "account",
        actorId: accountId,
        commandId,
        type,
        payload,
        principal: "system:demo",
      });
    const opened = await send("open", "open", {
      bankCode: bank.code,
      accountNumber: bank.account,
      currency: "CNY",
      pool: "main",
    });
    if (!opened.ok) throw new Error(`opening ${accountId}: ${opened.error.message}`);
    if (bank.balance !== "0") {
      const funded = await send("fund", "recordEntry", {
        entryId: `opening-${bank.account}`,
        direction: "credit",
        amount: bank.balance,
        currency: "CNY",
      });
      if (!funded.ok) throw new Error(`funding ${accountId}: ${funded.error.message}`);
    }
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "liq-demo-"));
  const secrets = Object.fromEntries(banks.map((bank) => [bank.code, randomBytes(24).toString("hex")]));
  writeFileSync(
    join(dir, "simulator.json"),
    JSON.stringify({
      banks: banks.map((bank) => ({
        code: bank.code,
        callbackSecret: secrets[bank.code],
        accounts: [{ account: bank.account, currency: "CNY", balance: bank.balance }],
      })),
    }),
  );
  const simulator = await startSimulator(join(dir, "simulator.json"));
  process.on("exit", () => simulator.child.kill("SIGTERM"));
  const url = `http://127.0.0.1:${simulator.port}`;
  // No cut-off (24:00) and the machine's own offset, so the demo works at any hour.
  const utcOffsetMinutes = -new Date().getTimezoneOffset();
  const channel = (code: string) => ({
    id: `${code}-direct`,
    bankCode: code,
    url,
    config: {
      currency: "CNY",
      utcOffsetMinutes,
      dailyLimit: "100000000",
      alternative: null,
      speeds: { normal: { fee: "1.50", cutoff: "24:00" }, urgent: { fee: "25.00", cutoff: "24:00" } },
      breaker: { failureThreshold: 3, openForMs: 30_000 },
    },
  });
  writeFileSync(join(dir, "banks.json"), JSON.stringify({ channels: banks.map((bank) => channel(bank.code)) }));
  writeFileSync(join(dir, "callback-secrets.json"), JSON.stringify(secrets), { mode: 0o600 });
  // Two people, so that maker-checker can be tried: the treasurer (admin) writes rules and moves money, the checker
  // (approver) approves what the treasurer's rules suggest. Tokens for this run only, printed below.
  const people = { treasurer: demoToken(), checker: demoToken() };
  const access = {
    tokens: [
      { principal: "treasurer", roles: ["admin"], tokenSha256: sha256Hex(people.treasurer) },
      { principal: "checker", roles: ["approver"], tokenSha256: sha256Hex(people.checker) },
    ],
  };
  writeFileSync(join(dir, "access.json"), JSON.stringify(access), { mode: 0o600 });
  // AUTO moves up to 50,000 CNY alone; a suggestion up to 1,000,000 needs one approver, above that two.
  const policy = { currencies: { CNY: { autoUpTo: "50000", oneApproverUpTo: "1000000" } } };
  writeFileSync(join(dir, "approval-policy.json"), JSON.stringify(policy));
  const config = loadConfig({
    ...process.env,
    LIQ_MONGO_URL: "",
    LIQ_NATS_URL: "",
    LIQ_BANKS_FILE: join(dir, "banks.json"),
    LIQ_BANK_CALLBACK_SECRETS_FILE: join(dir, "callback-secrets.json"),
    LIQ_ACCESS_FILE: join(dir, "access.json"),
    LIQ_DEV_ACCESS: "false",
    LIQ_APPROVAL_POLICY_FILE: join(dir, "approval-policy.json"),
    LIQ_TRANSFER_RETRY_DELAY_MS_MIN: process.env["LIQ_TRANSFER_RETRY_DELAY_MS_MIN"] ?? "200",
  });
  const engine = await startEngine(config, jsonLogger({ service: "liquidity-demo" }));
  await openAccounts(engine);
  process.stderr.write(
    [
      "",
      "  DEMO: the embedded engine (NOT durable) with three simulated banks:",
      ...banks.map(
        (bank) => `    ${accountIdOf(bank.code, bank.account)}  ${bank.balance} CNY   channel ${bank.code}-direct`,
      ),
      `  Bank simulator: ${url}  (faults: POST ${url}/admin/banks/BANKB/faults '{"rejectRate":1}')`,
      `    export SIMULATOR=${url}`,
      `  Tokens of this run (gRPC on port ${engine.grpcPort}): the treasurer (admin), and a checker (approver)`,
      `    export LIQ_TOKEN=${people.treasurer}`,
      `    export CHECKER_TOKEN=${people.checker}`,
      "  AUTO moves up to 50,000 CNY alone; a suggestion needs one approver up to 1,000,000 CNY, two above.",
      ...(engine.grpcPort === 50051 ? [] : [`    export LIQ_SERVER=localhost:${engine.grpcPort}`]),
      "  Then move 1250.75 CNY from BANKA:A1 to BANKB:B1 and watch it arrive:",
      "    npx liq transfers create --from BANKA:A1 --to BANKB:B1 --amount 1250.75 --currency CNY --wait",
      "    npx liq accounts get BANKB:B1",
      "    npx liq channels list",
      "",
    ].join("\n") + "\n",
  );
  process.stdout.write(
    `${JSON.stringify({ event: "ready", pid: process.pid, adminPort: engine.adminPort, grpcPort: engine.grpcPort, simulatorUrl: url })}\n`,
  );
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    void engine.stop().finally(() => {
      simulator.child.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

// One line per problem, as the engine's own start-up failures (engine/startup-failures.ts); no stack trace.
main().catch((error: unknown) => {
  for (const line of failureLines(error)) process.stderr.write(`demo failed to start: ${line}\n`);
  process.exit(exitCodeOf(error));
});
