import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import type { AccountView__Output } from "../../protos/generated/liquidity/v1/AccountView.js";
import type { PositionUpdate__Output } from "../../protos/generated/liquidity/v1/PositionUpdate.js";
import type { Transfer__Output } from "../../protos/generated/liquidity/v1/Transfer.js";
import type { TransferResult__Output } from "../../protos/generated/liquidity/v1/TransferResult.js";
import type { TransferUpdate__Output } from "../../protos/generated/liquidity/v1/TransferUpdate.js";
import { startEngine } from "../../engine/start-engine.js";
import { addDays, bookingDayOf } from "../../actors/shared/booking-day.js";
import type { DeadLetter } from "../../cli/dead-letters.js";
import type { PublishAnswer } from "../../cli/entry-publisher.js";
import { silentLogger } from "../../runtime/logger.js";
import { freePort } from "../rig/free-port.js";
import { accessFile as makeAccessFile } from "../support/access-file.js";
import { configFrom, isolatedEngineEnv } from "../support/integration.js";
import { LiqWatch, runLiq, type LiqRun } from "../support/liq-process.js";
import { eventually } from "../support/tally.js";
import { makeTestCertificates } from "../support/test-certificates.js";
import { funding, TransferWorld } from "../support/transfer-world.js";

type Who = "olivia" | "ada" | "maker" | "victor";

/**
 * `liq`, the real executable (bin/liq.js through tsx, as `npx liq` runs it), as a child process against a real
 * durable engine process (NATS, a MongoDB-wire server) with the bank simulator: every command, its answers and its
 * exit codes. The engine's access file is made by `liq tokens make` itself.
 */
describe("liq, the command-line client, against a real engine process", function () {
  this.timeout(300_000);
  let world: TransferWorld;
  let tokens: Record<Who, string>;
  let server: string;

  /** The environment a user of `liq` has: the server, NATS and prefix, and the token of `who` (none for null). */
  const env = (who: Who | null): Record<string, string> => ({
    LIQ_SERVER: server,
    LIQ_NATS_URL: world.env["LIQ_NATS_URL"]!,
    LIQ_SUBJECT_PREFIX: world.prefix,
    ...(who && { LIQ_TOKEN: tokens[who] }),
  });
  const liq = (args: string[], who: Who | null = "olivia", extra: Record<string, string> = {}) =>
    runLiq(args, { ...env(who), ...extra });
  /** Runs and fails the test unless it exited 0; returns stdout. */
  const ok = async (args: string[], who: Who | null = "olivia") => {
    const run = await liq(args, who);
    expect(run.code, `liq ${args.join(" ")}\n${run.stderr}`).to.equal(0);
    expect(run.stderr).to.equal("");
    return run.stdout;
  };
  const json = async <T>(args: string[], who: Who | null = "olivia") =>
    JSON.parse(await ok(["--json", ...args], who)) as T;
  /** A refusal: exit `code`, nothing on stdout (unless `stdout` is allowed), one line on stderr. */
  const expectFailure = (run: LiqRun, code: number, line: RegExp) => {
    expect(run.code, run.stderr).to.equal(code);
    expect(run.stderr.split("\n"), run.stderr).to.have.length(2);
    expect(run.stderr).to.match(line);
  };
  const ledger = async (account: string) =>
    (await json<AccountView__Output>(["accounts", "get", account], "victor")).position!.ledger;

  before(async () => {
    const folder = mkdtempSync(join(tmpdir(), "liq-cli-"));
    const accessFile = join(folder, "access.json");
    const made: Partial<Record<Who, string>> = {};
    for (const [who, ...roles] of [
      ["olivia", "operator"],
      ["ada", "approver"],
      ["maker", "operator", "approver"],
      ["victor", "viewer"],
    ] as const) {
      const run = await runLiq(["--json", "tokens", "make", who, ...roles, "--access-file", accessFile], {});
      expect(run.code, run.stderr).to.equal(0);
      made[who] = (JSON.parse(run.stdout) as { token: string }).token;
    }
    tokens = made as Record<Who, string>;
    world = await TransferWorld.start({
      env: {
        LIQ_ACCESS_FILE: accessFile,
        LIQ_DEV_ACCESS: "false",
        LIQ_INGEST_ENABLED: "true",
        LIQ_TRANSFER_QUERIES_MAX: "3",
      },
      accounts: [
        { bankCode: "BANKA", account: "A1", funding },
        { bankCode: "BANKB", account: "B1" },
      ],
      // Query failures in the retry test must not open the circuit for the tests after it.
      breaker: { failureThreshold: 1_000 },
    });
    const ready = await world.engine!.waitForLine((line) => line["event"] === "ready");
    server = `127.0.0.1:${String(ready["grpcPort"])}`;
  });
  after(async () => {
    await world?.stop();
  });

  describe("accounts (gRPC Positions)", () => {
    it("opens, records, freezes and unfreezes; a repeat with the shown key is a duplicate that applies nothing", async () => {
      const opened = await ok(["accounts", "open", "BANKC:C1", "--currency", "CNY", "--pool", "ops"]);
      const requestId =
        /^opened BANKC:C1 \(request id ([0-9a-f-]{36}); a repeat with --request-id \1 changes nothing\)\n/.exec(
          opened,
        )?.[1];
      expect(requestId, opened).to.be.a("string");
      expect(opened).to.match(/│ status +│ open +│/);
      const again = await json<AccountView__Output & { request_id: string }>([
        "accounts",
        "open",
        "BANKC:C1",
        "--currency",
        "CNY",
        "--pool",
        "ops",
        "--request-id",
        requestId!,
      ]);
      expect(again).to.include({
        account_id: "BANKC:C1",
        currency: "CNY",
        pool: "ops",
        status: "open",
        request_id: requestId,
      });

      const recorded = await ok([
        "accounts",
        "record",
        "BANKC:C1",
        "--entry",
        "E1",
        "--credit",
        "1500.25",
        "--currency",
        "CNY",
        "--description",
        "opening",
      ]);
      expect(recorded).to.match(
        /^recorded entry E1 on BANKC:C1: journal entry 2 \(command entry:E1; a repeat with --entry E1 changes nothing\)\n/,
      );
      expect(recorded).to.match(/│ 1500\.2500 │ 0\.0000 │ +0\.0000 │ +0\.0000 │ 1500\.2500 │/);
      const repeated = await ok([
        "accounts",
        "record",
        "BANKC:C1",
        "--entry",
        "E1",
        "--credit",
        "1500.25",
        "--currency",
        "CNY",
        "--description",
        "opening",
      ]);
      expect(repeated).to.match(
        /^duplicate: nothing applied now \(the stored outcome of entry:E1, journal entry 2; the position is the one of then\)\n/,
      );

      const frozen = await json<{
        position: { frozen: string; available: string };
        duplicate: boolean;
        request_id: string;
      }>(["accounts", "freeze", "BANKC:C1", "--amount", "100", "--currency", "CNY", "--reason", "audit"]);
      expect(frozen.position).to.include({ frozen: "100.0000", available: "1400.2500" });
      expect(frozen.duplicate).to.equal(false);
      const unfrozen = await ok([
        "accounts",
        "unfreeze",
        "BANKC:C1",
        "--freeze-id",
        frozen.request_id,
        "--reason",
        "done",
      ]);
      expect(unfrozen).to.match(new RegExp(`^lifted freeze ${frozen.request_id} on BANKC:C1: journal entry 4`));
      const view = await json<AccountView__Output>(["accounts", "get", "BANKC:C1"], "victor");
      expect(view.position).to.deep.equal({
        ledger: "1500.2500",
        frozen: "0.0000",
        in_transit_debit: "0.0000",
        in_transit_credit: "0.0000",
        available: "1500.2500",
      });
      expect(await ok(["accounts", "get", "BANKC:C1"], "victor")).to.match(/│ available +│ 1500\.2500 +│/);
    });

    it("records an entry on the booking day it names and reads the ledger at the end of a day; a malformed day is a usage error", async () => {
      await ok(["accounts", "open", "BANKC:L1", "--currency", "CNY", "--pool", "ops"]);
      const today = bookingDayOf(Date.now());
      const [earlier, later] = [addDays(today, -2), addDays(today, -1)];
      const record = (entry: string, side: "--credit" | "--debit", amount: string, bookingDate: string) =>
        ok([
          "accounts",
          "record",
          "BANKC:L1",
          "--entry",
          entry,
          side,
          amount,
          "--currency",
          "CNY",
          "--booking-date",
          bookingDate,
        ]);
      await record("L-1", "--credit", "80", earlier);
      await record("L-2", "--debit", "30", later);
      expect(await json(["accounts", "ledger-as-of", "BANKC:L1", earlier], "victor")).to.deep.equal({
        account_id: "BANKC:L1",
        date: earlier,
        ledger: "80.0000",
        booked_after: "-30.0000",
      });
      expect(await ok(["accounts", "ledger-as-of", "BANKC:L1", later], "victor")).to.match(/│ ledger +│ 50\.0000 +│/);
      expectFailure(
        await liq(["accounts", "ledger-as-of", "BANKC:L1", "2026-02-30"], "victor"),
        2,
        /date must be a calendar date YYYY-MM-DD/,
      );
      expectFailure(
        await liq(["accounts", "record", "BANKC:L1", "--credit", "1", "--currency", "CNY", "--booking-date", "soon"]),
        2,
        /bookingDate must be a calendar date YYYY-MM-DD/,
      );
      expectFailure(
        await liq(["accounts", "ledger-as-of", "BANKC:L1", addDays(today, -500)], "victor"),
        1,
        /\(as_of_beyond_retention\)\n$/,
      );
    });

    it("lists positions and pages of history as tables and as JSON", async () => {
      await eventually(
        "the directory lists BANKC:C1 with its entry",
        async () => {
          const listed = await json<{ positions: Array<{ account_id: string; position: { ledger: string } }> }>(
            ["accounts", "list", "--bank", "BANKC"],
            "victor",
          );
          return listed.positions.some(
            (summary) => summary.account_id === "BANKC:C1" && summary.position.ledger === "1500.2500",
          );
        },
        15_000,
        200,
      );
      expect(await ok(["accounts", "list", "--bank", "BANKC"], "victor")).to.match(
        /│ BANKC:C1 │ CNY +│ ops +│ open +│ 1500\.2500 │/,
      );
      const history = await json<{
        entries: Array<{
          entry_seq: string;
          command_id: string;
          principal: string;
          events: Array<{ type: string; data: Record<string, unknown> }>;
        }>;
        next_after_entry_seq: string;
      }>(["accounts", "history", "BANKC:C1", "--page-size", "2", "--all"], "victor");
      expect(history.entries.map((entry) => entry.command_id.replace(/:.*/, ""))).to.deep.equal([
        "open",
        "entry",
        "freeze",
        "unfreeze",
      ]);
      expect(history.entries[1]!.principal).to.equal("grpc:olivia");
      expect(history.entries[1]!.events[0]).to.deep.include({ type: "entryRecorded" });
      expect(history.entries[1]!.events[0]!.data).to.include({
        entryId: "E1",
        direction: "credit",
        amount: "1500.2500",
        description: "opening",
      });
      expect(history.entries[1]!.events[0]!.data["bookingDate"], "the day the engine recorded it").to.match(
        /^\d{4}-\d{2}-\d{2}$/,
      );
      const firstPage = await ok(["accounts", "history", "BANKC:C1", "--page-size", "2"], "victor");
      expect(firstPage).to.match(
        /│ +2 │ [0-9: -]+Z │ entry:E1 +│ grpc:olivia │ entryRecorded entryId=E1 direction=credit amount=1500\.2500 description=opening bookingDate=\d{4}-\d{2}-\d{2} -> ledger 1500\.2500 +│/,
      );
      expect(firstPage).to.match(/\nmore: --after 2\n$/);
    });

    it("watches an account: its current position, then each change, one JSON document per line, until Ctrl-C (exit 0)", async () => {
      const watch = LiqWatch.start(["--json", "accounts", "watch", "BANKC:C1"], env("victor"));
      try {
        await watch.waitFor<PositionUpdate__Output>(
          "the current position",
          (update) => update.cause === "current" && update.summary?.account_id === "BANKC:C1",
        );
        await ok(["accounts", "record", "BANKC:C1", "--entry", "E-watch", "--debit", "0.25", "--currency", "CNY"]);
        const change = await watch.waitFor<PositionUpdate__Output>(
          "the entry",
          (update) => update.command_id === "entry:E-watch",
        );
        expect(change.cause).to.equal("entryRecorded");
        expect(change.summary!.position!.ledger).to.equal("1500.0000");
      } finally {
        expect(await watch.interrupt()).to.equal(0);
      }
      expect(watch.stderr).to.equal("");
    });

    it("exits 1 with the engine's sentence and code when refused, and 3 when the engine cannot be reached", async () => {
      expectFailure(
        await liq(["accounts", "get", "BANKC:NOPE"], "victor"),
        1,
        /^error: account BANKC:NOPE has not been opened \(account_not_open\)\n$/,
      );
      expectFailure(
        await liq(["accounts", "record", "BANKC:C1", "--entry", "E-v", "--credit", "1", "--currency", "CNY"], "victor"),
        1,
        /^error: victor needs the operator role \(or admin\) for this call \(permission_denied\)\n$/,
      );
      expectFailure(await liq(["accounts", "get", "BANKC:C1"], null), 1, /\(unauthenticated\)\n$/);
      expectFailure(
        await liq(["accounts", "record", "BANKC:C1", "--entry", "E-eur", "--credit", "1", "--currency", "EUR"]),
        1,
        /\(currency_mismatch\)\n$/,
      );
      expectFailure(
        await liq(["accounts", "open", "BANKC:C1", "--currency", "CNY", "--pool", "ops"]),
        1,
        /\(account_already_open\)\n$/,
      );
      const closed = `127.0.0.1:${await freePort()}`;
      expectFailure(
        await liq(["--server", closed, "accounts", "get", "BANKC:C1"], "victor"),
        3,
        new RegExp(`^error: cannot reach the engine at ${closed}: `),
      );
      expectFailure(
        await liq(["entries", "publish", "BANKC:C1", "--credit", "1", "--currency", "CNY", "--no-check"], "olivia", {
          LIQ_NATS_URL: `nats://${closed}`,
        }),
        3,
        /^error: cannot reach NATS at /,
      );
      expect(await ledger("BANKC:C1")).to.equal("1500.0000");
    });
  });

  describe("transfers (gRPC Transfers) and channels (gRPC Channels)", () => {
    const create = (requestId: string, amount: string, ...extra: string[]) => [
      "transfers",
      "create",
      "--from",
      "BANKA:A1",
      "--to",
      "BANKB:B1",
      "--amount",
      amount,
      "--currency",
      "CNY",
      "--request-id",
      requestId,
      ...extra,
    ];

    it("validates without creating, then creates and waits until SUCCESS, then gets and lists it", async () => {
      const validated = await json<TransferResult__Output>(create("cli-t1", "125.50", "--validate-only"));
      expect(validated).to.include({ validated: true, duplicate: false });
      expect(validated.transfer).to.include({
        transfer_id: "cli-t1",
        amount: "125.5000",
        debit_channel: "BANKA-direct",
        credit_channel: "BANKB-direct",
      });
      const validText = await ok(create("cli-t1", "125.50", "--validate-only"));
      expect(validText).to.match(/^valid: the engine would create this transfer; nothing was created\n/);
      expect(validText, "the route the engine chose").to.match(/│ route +│ debit BANKA-direct, credit BANKB-direct/);
      expect(validText).to.match(/│ fee +│ 3\.0000 \(debit 1\.5000 \+ credit 1\.5000\)/);
      expectFailure(await liq(["transfers", "get", "cli-t1"], "victor"), 1, /\(transfer_not_found\)\n$/);
      expectFailure(await liq(create("cli-t0", "99999999", "--validate-only")), 1, /\(insufficient_available\)\n$/);

      const done = await liq(create("cli-t1", "125.50", "--wait", "--reference", "invoice 7"));
      expect(done.code, done.stderr).to.equal(0);
      expect(done.stdout).to.match(/^transfer cli-t1 ended SUCCESS\n/);
      expect(done.stdout).to.match(/│ bank references +│ (credit|debit) BANKA?B?-\d+, (credit|debit) /);
      const got = await json<Transfer__Output>(["transfers", "get", "cli-t1"], "victor");
      expect(got).to.include({ status: "SUCCESS", reference: "invoice 7", created_by: "grpc:olivia" });
      expect(got.timeline.map((item) => item.status)).to.include.members(["CREATED", "DEBIT_PENDING", "SUCCESS"]);
      expect(await ok(["transfers", "get", "cli-t1"], "victor")).to.match(/│ status +│ SUCCESS/);
      await eventually(
        "the read model lists cli-t1 as SUCCESS",
        async () => {
          const listed = await json<{ transfers: Array<{ transfer_id: string; status: string }> }>(
            ["transfers", "list", "--account", "BANKB:B1", "--status", "success"],
            "victor",
          );
          return listed.transfers.some((summary) => summary.transfer_id === "cli-t1" && summary.status === "SUCCESS");
        },
        30_000,
        250,
      );
      expect(
        await ok(
          [
            "transfers",
            "list",
            "--status",
            "SUCCESS",
            "--created-from",
            new Date(Date.now() - 3_600_000).toISOString(),
          ],
          "victor",
        ),
      ).to.match(/│ cli-t1 +│ SUCCESS │ BANKA:A1 │ BANKB:B1 │ +125\.5000 │ CNY/);
      // A repeat of the create with its request id changes nothing.
      const repeat = await json<TransferResult__Output>(create("cli-t1", "125.50", "--reference", "invoice 7"));
      expect(repeat).to.include({ duplicate: true });
    });

    it("approves through another principal (the creator and an operator are refused), watching every change of the transfer", async () => {
      await ok(create("cli-t2", "10.00", "--approval-required"), "maker");
      const watch = LiqWatch.start(["--json", "transfers", "watch", "cli-t2"], env("victor"));
      try {
        await watch.waitFor<TransferUpdate__Output>(
          "cli-t2 waiting for approval",
          (update) => update.transfer?.status === "PENDING_APPROVAL",
        );
        expectFailure(await liq(["transfers", "approve", "cli-t2"], "maker"), 1, /\(maker_checker_violation\)\n$/);
        expectFailure(
          await liq(["transfers", "approve", "cli-t2"], "olivia"),
          1,
          /^error: olivia needs the approver role \(or admin\) for this call \(permission_denied\)\n$/,
        );
        const approved = await ok(
          ["transfers", "approve", "cli-t2", "--comment", "checked", "--request-id", "ap-1"],
          "ada",
        );
        expect(approved).to.match(
          /^approved cli-t2: now \S+ \(request id ap-1; a repeat with --request-id ap-1 changes nothing\)\n/,
        );
        expect(
          await ok(["transfers", "approve", "cli-t2", "--comment", "checked", "--request-id", "ap-1"], "ada"),
        ).to.match(/^duplicate: nothing applied now \(the stored outcome of request ap-1\)\n/);
        await watch.waitFor<TransferUpdate__Output>(
          "cli-t2 succeeded",
          (update) => update.transfer?.status === "SUCCESS",
        );
      } finally {
        expect(await watch.interrupt()).to.equal(0);
      }
      expect(await json<Transfer__Output>(["transfers", "get", "cli-t2"], "victor")).to.include({
        approved_by: "grpc:ada",
        created_by: "grpc:maker",
      });
    });

    it("cancels a transfer waiting for approval; a repeat with the same request id is a duplicate", async () => {
      await ok(create("cli-t3", "11.00", "--approval-required"));
      const cancelled = await json<TransferResult__Output & { request_id: string }>([
        "transfers",
        "cancel",
        "cli-t3",
        "--reason",
        "wrong amount",
        "--request-id",
        "c-1",
      ]);
      expect(cancelled).to.deep.include({ duplicate: false, request_id: "c-1" });
      expect(cancelled.transfer!.status).to.equal("CANCELLED");
      expect(
        (
          await json<TransferResult__Output>([
            "transfers",
            "cancel",
            "cli-t3",
            "--reason",
            "wrong amount",
            "--request-id",
            "c-1",
          ])
        ).duplicate,
      ).to.equal(true);
      expectFailure(await liq(["transfers", "cancel", "cli-t1", "--reason", "late"]), 1, /\(too_late_to_cancel\)\n$/);
    });

    it("retries a transfer halted in MANUAL_INTERVENTION (--wait exits 1 there), and resolves another once a second person confirms", async () => {
      // The debit is lost before the bank processes it and every status query fails: halted after 3 queries.
      await world.simulator.setFaults("BANKA", {
        script: [
          { op: "debit", serialPrefix: "cli-t4.", fault: "timeoutBeforeProcessing", times: 1 },
          { op: "query", serialPrefix: "cli-t4.", fault: "error503", times: 1_000 },
        ],
      });
      try {
        const halted = await liq(create("cli-t4", "12.00", "--wait", "--wait-timeout", "90"));
        expectFailure(halted, 1, /^error: transfer cli-t4 ended MANUAL_INTERVENTION/);
        expect(halted.stdout).to.match(/^transfer cli-t4 ended MANUAL_INTERVENTION\n/);
      } finally {
        await world.simulator.resetFaults("BANKA");
      }
      expect(await ok(["transfers", "retry", "cli-t4", "--reason", "the bank answers again"])).to.match(
        /^retried cli-t4: now /,
      );
      await world.settled("cli-t4", ["SUCCESS"], 60_000);

      // The credit is refused and so is the reversal: money stuck until an operator proves where it is.
      await world.simulator.block("BANKB", "B1", true);
      await world.simulator.setFaults("BANKA", {
        script: [{ op: "reversal", serialPrefix: "cli-t5.", fault: "reject", times: 1 }],
      });
      try {
        expectFailure(
          await liq(create("cli-t5", "13.00", "--wait", "--wait-timeout", "90")),
          1,
          /ended MANUAL_INTERVENTION/,
        );
      } finally {
        await world.simulator.block("BANKB", "B1", false);
        await world.simulator.resetFaults("BANKA");
      }
      const asked = await ok([
        "transfers",
        "resolve",
        "cli-t5",
        "--outcome",
        "returned",
        "--evidence",
        "BANKA statement line 14",
      ]);
      expect(asked).to.match(/^resolution asked for cli-t5: now MANUAL_INTERVENTION /);
      expect(asked).to.match(/│ resolution asked +│ returned by grpc:olivia at .+: BANKA statement line 14/);
      expectFailure(
        await liq(["transfers", "confirm-resolution", "cli-t5", "--outcome", "returned"], "olivia"),
        1,
        /^error: olivia needs the approver role \(or admin\) for this call \(permission_denied\)\n$/,
      );
      // Another operator takes the request over (it replaces olivia's): then they cannot confirm it themselves.
      await ok(
        ["transfers", "resolve", "cli-t5", "--outcome", "returned", "--evidence", "BANKA statement line 14"],
        "maker",
      );
      expectFailure(
        await liq(["transfers", "confirm-resolution", "cli-t5", "--outcome", "returned"], "maker"),
        1,
        /\(maker_checker_violation\)\n$/,
      );
      const resolved = await json<TransferResult__Output>(
        ["transfers", "confirm-resolution", "cli-t5", "--outcome", "returned", "--comment", "seen the statement"],
        "ada",
      );
      expect(resolved.transfer).to.deep.include({
        status: "CLOSED",
        resolution: {
          outcome: "returned",
          evidence: "BANKA statement line 14",
          resolved_by: "grpc:maker",
          confirmed_by: "grpc:ada",
          requested_at_ms: "0",
        },
      });
      expectFailure(
        await liq(["transfers", "resolve", "cli-t1", "--outcome", "credited", "--evidence", "x"]),
        1,
        /\(not_in_manual_intervention\)\n$/,
      );
    });

    it("lists the channels and gets one, with today's use of its limit", async () => {
      const listed = await json<{ channels: Array<{ channel_id: string; bank_code: string; configured: boolean }> }>(
        ["channels", "list"],
        "victor",
      );
      expect(listed.channels.map((channel) => channel.channel_id)).to.deep.equal([
        "BANKA-backup",
        "BANKA-direct",
        "BANKB-direct",
      ]);
      expect(
        (
          await json<{ channels: Array<{ channel_id: string }> }>(["channels", "list", "--bank", "BANKB"], "victor")
        ).channels.map((channel) => channel.channel_id),
      ).to.deep.equal(["BANKB-direct"]);
      expect(await ok(["channels", "list"], "victor")).to.match(/│ BANKA-direct │ BANKA │ CNY +│ closed +│/);
      const direct = await json<{
        channel_id: string;
        alternative: string;
        usage: { used_today: string; daily_limit: string };
      }>(["channels", "get", "BANKA-direct"], "victor");
      expect(direct).to.include({ channel_id: "BANKA-direct", alternative: "BANKA-backup" });
      expect(Number(direct.usage.used_today)).to.be.greaterThan(0);
      expect(await ok(["channels", "get", "BANKA-direct"], "victor")).to.match(/│ alternative +│ BANKA-backup/);
      expectFailure(
        await liq(["channels", "get", "NOPE"], "victor"),
        1,
        /^error: channel NOPE is not configured on this engine .*\(channel_not_found\)\n$/,
      );
    });
  });

  describe("entries (NATS JetStream) and dead letters", () => {
    const publish = (account: string, entryId: string, amount: string, ...extra: string[]) => [
      "entries",
      "publish",
      account,
      "--entry",
      entryId,
      "--credit",
      amount,
      "--currency",
      "CNY",
      ...extra,
    ];

    before(async () => {
      for (const account of ["BANKC:D1", "BANKC:D2"])
        await ok(["accounts", "open", account, "--currency", "CNY", "--pool", "ops"]);
    });

    it("publishes an entry and waits until it is applied; a retry of the same publish is dropped by the stream", async () => {
      const applied = await liq(publish("BANKC:D1", "X1", "10.00", "--wait"));
      expect(applied.code, applied.stderr).to.equal(0);
      expect(applied.stdout).to.match(
        new RegExp(
          `^published entry X1 \\(credit 10\\.00 CNY\\) to ${world.prefix}\\.entries\\.BANKC\\.D1: \\S+ seq \\d+, message id BANKC\\.D1:X1:[0-9a-f]{16}\\n`,
        ),
      );
      expect(applied.stdout).to.match(/\napplied: journal entry 2 \(entry:X1, by ingest:liq, [0-9: -]+Z\)\n$/);
      const retried = await json<PublishAnswer>(publish("BANKC:D1", "X1", "10.00", "--wait"));
      expect(retried.duplicate).to.equal(true);
      expect(retried.outcome).to.deep.include({ status: "applied" });
      expect(await ledger("BANKC:D1")).to.equal("10.0000");
    });

    it("publishes an entry with its booking date, and the account books it on that day", async () => {
      await ok(["accounts", "open", "BANKC:D3", "--currency", "CNY", "--pool", "ops"]);
      const earlier = addDays(bookingDayOf(Date.now()), -1);
      const applied = await json<PublishAnswer>(
        publish("BANKC:D3", "BD-1", "12.50", "--booking-date", earlier, "--wait"),
      );
      expect(applied.body).to.deep.include({ entryId: "BD-1", bookingDate: earlier });
      expect(applied.outcome).to.deep.include({ status: "applied" });
      expect(await json(["accounts", "ledger-as-of", "BANKC:D3", addDays(earlier, -1)], "victor")).to.deep.include({
        ledger: "0.0000",
        booked_after: "12.5000",
      });
      expect(await json(["accounts", "ledger-as-of", "BANKC:D3", earlier], "victor")).to.deep.include({
        ledger: "12.5000",
      });
    });

    it("applies one entry id sent to two accounts inside the stream's duplicate window", async () => {
      const first = await json<PublishAnswer>(publish("BANKC:D1", "SHARED-1", "1.00", "--wait"));
      const second = await json<PublishAnswer>(publish("BANKC:D2", "SHARED-1", "2.00", "--wait"));
      expect(second.duplicate, "the stream must not drop the second account's entry").to.equal(false);
      expect(first.outcome).to.deep.include({ status: "applied" });
      expect(second.outcome).to.deep.include({ status: "applied" });
      expect(await ledger("BANKC:D1")).to.equal("11.0000");
      expect(await ledger("BANKC:D2")).to.equal("2.0000");
    });

    it("dead-letters a changed payload under a used entry id as command_id_reused, and changes nothing", async () => {
      const changed = await liq(["--json", ...publish("BANKC:D1", "X1", "10.01", "--wait")]);
      expectFailure(changed, 1, /^error: entry X1 was dead-lettered \(dead letter \d+\): .* \(command_id_reused\)\n$/);
      const answer = JSON.parse(changed.stdout) as PublishAnswer;
      expect(answer.duplicate).to.equal(false);
      expect(answer.outcome).to.deep.include({ status: "dead_lettered" });
      expect(await ledger("BANKC:D1")).to.equal("11.0000");
    });

    it("lists, shows and republishes a dead letter once its account is open; a corrected body from a file", async () => {
      expectFailure(
        await liq(publish("BANKC:D9", "Y1", "5.00")),
        1,
        /^error: account BANKC:D9 has not been opened; --no-check publishes without this check \(account_not_open\)\n$/,
      );
      const dead = await liq(["--json", ...publish("BANKC:D9", "Y1", "5.00", "--no-check", "--wait")]);
      expectFailure(dead, 1, /\(account_not_open\)\n$/);
      const letter = (JSON.parse(dead.stdout) as { outcome: { dead_letter: DeadLetter } }).outcome.dead_letter;
      expect(letter).to.include({ code: "account_not_open", original_subject: `${world.prefix}.entries.BANKC.D9` });

      const listed = await json<{ dead_letters: DeadLetter[] }>(
        ["entries", "dead-letters", "list", "--code", "account_not_open"],
        null,
      );
      expect(listed.dead_letters.map((listedLetter) => listedLetter.seq)).to.include(letter.seq);
      expect(await ok(["entries", "dead-letters", "list"], null)).to.match(
        new RegExp(
          `│ +${letter.seq} │ [0-9: -]+Z │ account_not_open +│ ${world.prefix}\\.entries\\.BANKC\\.D9 +│ +${letter.original_seq} │`,
        ),
      );
      const shown = await json<DeadLetter>(["entries", "dead-letters", "show", String(letter.seq)], null);
      expect(shown).to.deep.equal(letter);
      expect(JSON.parse(shown.body)).to.deep.equal({
        entryId: "Y1",
        direction: "credit",
        amount: "5.00",
        currency: "CNY",
      });
      expectFailure(
        await liq(["entries", "dead-letters", "show", "999999"], null),
        1,
        /holds no dead letter 999999 \(dead_letter_not_found\)\n$/,
      );

      await ok(["accounts", "open", "BANKC:D9", "--currency", "CNY", "--pool", "ops"]);
      const republished = await liq(["entries", "dead-letters", "republish", String(letter.seq), "--wait"]);
      expect(republished.code, republished.stderr).to.equal(0);
      expect(republished.stdout).to.match(/\napplied: journal entry 2 \(entry:Y1, by ingest:liq/);
      const again = await json<PublishAnswer>(["entries", "dead-letters", "republish", String(letter.seq)]);
      expect(again.duplicate, "a second republish of the same dead letter is dropped by the stream").to.equal(true);
      expect(await ledger("BANKC:D9")).to.equal("5.0000");

      const wrongCurrency = await liq([
        "--json",
        "entries",
        "publish",
        "BANKC:D9",
        "--entry",
        "Y2",
        "--credit",
        "7",
        "--currency",
        "EUR",
        "--no-check",
        "--wait",
      ]);
      const mismatch = (JSON.parse(wrongCurrency.stdout) as { outcome: { dead_letter: DeadLetter } }).outcome
        .dead_letter;
      expect(mismatch.code).to.equal("currency_mismatch");
      const bodyFile = join(mkdtempSync(join(tmpdir(), "liq-body-")), "corrected.json");
      writeFileSync(bodyFile, JSON.stringify({ entryId: "Y2", direction: "credit", amount: "7", currency: "CNY" }));
      expectFailure(
        await liq(["entries", "dead-letters", "republish", String(mismatch.seq), "--body-file", "/nonexistent.json"]),
        2,
        /cannot read the body file/,
      );
      const corrected = await json<PublishAnswer>([
        "entries",
        "dead-letters",
        "republish",
        String(mismatch.seq),
        "--body-file",
        bodyFile,
        "--wait",
      ]);
      expect(corrected.outcome).to.deep.include({ status: "applied" });
      expect(await ledger("BANKC:D9")).to.equal("12.0000");
    });

    it("bin/publish-entry.ts publishes through the same code: the same message id, checks and answer", async () => {
      const { execFile } = await import("node:child_process");
      const run = await new Promise<LiqRun>((resolve) =>
        execFile(
          process.execPath,
          [
            "--import",
            "tsx",
            "bin/publish-entry.ts",
            "--bank",
            "BANKC",
            "--account",
            "D2",
            "--entry",
            "P-1",
            "--credit",
            "3",
            "--currency",
            "CNY",
          ],
          { env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", ...env("olivia") } },
          (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
        ),
      );
      expect(run.code, run.stderr).to.equal(0);
      expect(JSON.parse(run.stdout)).to.deep.include({
        subject: `${world.prefix}.entries.BANKC.D2`,
        duplicate: false,
        body: { entryId: "P-1", direction: "credit", amount: "3", currency: "CNY" },
      });
      expect((JSON.parse(run.stdout) as PublishAnswer).msg_id).to.match(/^BANKC\.D2:P-1:[0-9a-f]{16}$/);
      await eventually("P-1 applied", async () => (await ledger("BANKC:D2")) === "5.0000", 15_000, 200);
    });
  });

  describe("TLS", () => {
    it("reaches an engine serving TLS with --ca-file (or LIQ_CA_FILE); plaintext against it exits 3", async () => {
      const certificates = makeTestCertificates();
      const access = makeAccessFile({ vera: ["viewer"] });
      const engine = await startEngine(
        configFrom(
          await isolatedEngineEnv({
            LIQ_ACCESS_FILE: access.file,
            LIQ_GRPC_TLS_CERT: certificates.serverCert,
            LIQ_GRPC_TLS_KEY: certificates.serverKey,
          }),
        ),
        silentLogger,
      );
      try {
        const tls = { LIQ_SERVER: `localhost:${engine.grpcPort}`, LIQ_TOKEN: access.tokens["vera"]! };
        expectFailure(
          await runLiq(["--ca-file", certificates.caCert, "accounts", "get", "HSBC:001"], tls),
          1,
          /\(account_not_open\)\n$/,
        );
        expect(
          (await runLiq(["--json", "accounts", "list"], { ...tls, LIQ_CA_FILE: certificates.caCert })).code,
        ).to.equal(0);
        expectFailure(
          await runLiq(["accounts", "get", "HSBC:001"], tls),
          3,
          /^error: cannot reach the engine at localhost:\d+: /,
        );
      } finally {
        await engine.stop();
      }
    });
  });
});
