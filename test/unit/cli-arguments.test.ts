import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { AccessControl, loadAccessFile } from "../../adapters/grpc/access.js";
import { runCli } from "../../cli/run.js";

/** `liq` in this process, with its own environment and captured output. */
async function liq(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { env, out: (text) => (stdout += text), err: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

/** A usage refusal: exit 2, nothing on stdout, one line on stderr matching `pattern`. */
async function refusedAsUsage(argv: string[], pattern: RegExp, env: NodeJS.ProcessEnv = {}): Promise<void> {
  const result = await liq(argv, env);
  expect(result, argv.join(" ")).to.deep.include({ code: 2, stdout: "" });
  expect(result.stderr.split("\n"), result.stderr).to.have.length(2);
  expect(result.stderr).to.match(/^error: /);
  expect(result.stderr).to.match(pattern);
}

// No server listens on the discard port: a refusal that reached the network would exit 3, not 2.
const nowhere = { LIQ_SERVER: "127.0.0.1:9", LIQ_NATS_URL: "nats://127.0.0.1:9", LIQ_TOKEN: "t" };

describe("liq: arguments and refusals before anything is sent (exit 2, one line)", () => {
  it("refuses an amount the engine would refuse: exponent, too many places, negative, zero, not a number", async () => {
    for (const amount of ["1e3", "1.00001", "-5", "0", "12,50", "abc"]) {
      await refusedAsUsage(
        ["accounts", "record", "HSBC:001", "--entry", "E1", "--credit", amount, "--currency", "EUR"],
        /--credit <amount>.*is invalid/,
        nowhere,
      );
    }
    await refusedAsUsage(
      ["entries", "publish", "HSBC:001", "--debit", "1e3", "--currency", "EUR"],
      /not a plain decimal/,
      nowhere,
    );
    await refusedAsUsage(
      ["transfers", "create", "--from", "A:1", "--to", "B:1", "--amount", "1E3", "--currency", "EUR"],
      /--amount <amount>.*is invalid/,
      nowhere,
    );
    await refusedAsUsage(
      ["accounts", "freeze", "HSBC:001", "--amount", "10.12345", "--currency", "EUR", "--reason", "r"],
      /4 decimal places/,
      nowhere,
    );
  });

  it("refuses a bad account key: no colon, empty parts, characters outside the engine's rule", async () => {
    for (const account of ["HSBC001", ":001", "HSBC:", "HS BC:001", "HSBC:0.01", "HSBC:001:2"]) {
      await refusedAsUsage(["accounts", "get", account], /BANK:NUMBER/, nowhere);
    }
    await refusedAsUsage(
      ["transfers", "create", "--from", "A1", "--to", "B:1", "--amount", "1", "--currency", "EUR"],
      /--from <account>.*BANK:NUMBER/,
      nowhere,
    );
    await refusedAsUsage(["accounts", "watch", "A:1", "nope"], /account "nope".*BANK:NUMBER/, nowhere);
  });

  it("refuses missing arguments and options, both or neither of --credit and --debit, and unknown commands", async () => {
    await refusedAsUsage(
      ["accounts", "record", "HSBC:001", "--credit", "1"],
      /required option '--currency <code>'/,
      nowhere,
    );
    await refusedAsUsage(
      ["accounts", "open", "HSBC:001", "--currency", "EUR"],
      /required option '--pool <pool>'/,
      nowhere,
    );
    await refusedAsUsage(["accounts", "get"], /missing required argument 'account'/, nowhere);
    await refusedAsUsage(
      ["accounts", "record", "HSBC:001", "--credit", "1", "--debit", "2", "--currency", "EUR"],
      /cannot be used with/,
      nowhere,
    );
    await refusedAsUsage(
      ["entries", "publish", "HSBC:001", "--currency", "EUR"],
      /--credit <amount> or --debit <amount>/,
      nowhere,
    );
    await refusedAsUsage(
      ["transfers", "resolve", "T1", "--evidence", "e"],
      /required option '--outcome <outcome>'/,
      nowhere,
    );
    await refusedAsUsage(
      ["transfers", "resolve", "T1", "--outcome", "lost", "--evidence", "e"],
      /Allowed choices are credited, returned, not_debited/,
      nowhere,
    );
    await refusedAsUsage(["transfers", "confirm-resolution", "T1"], /required option '--outcome <outcome>'/, nowhere);
    await refusedAsUsage(
      [
        "transfers",
        "create",
        "--from",
        "A:1",
        "--to",
        "B:1",
        "--amount",
        "1",
        "--currency",
        "EUR",
        "--execute-at",
        "tomorrow",
      ],
      /--execute-at <time>.*expected epoch milliseconds, a date/,
      nowhere,
    );
    await refusedAsUsage(
      [
        "transfers",
        "create",
        "--from",
        "A:1",
        "--to",
        "B:1",
        "--amount",
        "1",
        "--currency",
        "EUR",
        "--validate-only",
        "--wait",
      ],
      /cannot be used with/,
      nowhere,
    );
    await refusedAsUsage(["acounts", "list"], /unknown command 'acounts'.*Did you mean accounts/, nowhere);
    await refusedAsUsage(["accounts", "list", "--page-size", "5000"], /whole number from 1 to 1000/, nowhere);
  });

  it("refuses an entry the engine's parser refuses: entry id, currency, description", async () => {
    const publish = (...extra: string[]) => ["entries", "publish", "HSBC:001", "--credit", "1", ...extra];
    await refusedAsUsage(
      publish("--currency", "EUR", "--entry", "has space"),
      /entryId must be 1-120 printable ASCII/,
      nowhere,
    );
    await refusedAsUsage(publish("--currency", "EUR", "--entry", "x".repeat(121)), /entryId must be 1-120/, nowhere);
    await refusedAsUsage(publish("--currency", "XYZ", "--entry", "E1"), /currency must be an ISO 4217 code/, nowhere);
    await refusedAsUsage(
      publish("--currency", "EUR", "--entry", "E1", "--description", "d".repeat(257)),
      /description must be text of at most 256/,
      nowhere,
    );
    await refusedAsUsage(
      ["accounts", "open", "HSBC:001", "--currency", "EURO", "--pool", "p"],
      /currency must be an ISO 4217 code/,
      nowhere,
    );
  });

  it("refuses bad settings: an unreadable token file, a server that is not host:port, a bad subject prefix", async () => {
    await refusedAsUsage(
      ["--token-file", "/nonexistent/token", "accounts", "get", "HSBC:001"],
      /cannot read the token file \/nonexistent\/token: ENOENT/,
      nowhere,
    );
    await refusedAsUsage(["accounts", "get", "HSBC:001"], /cannot read the token file/, {
      LIQ_TOKEN_FILE: "/nonexistent/token",
    });
    await refusedAsUsage(
      ["--server", "localhost", "accounts", "get", "HSBC:001"],
      /the server must be host:port/,
      nowhere,
    );
    await refusedAsUsage(
      ["--ca-file", "/nonexistent/ca.pem", "accounts", "get", "HSBC:001"],
      /cannot read the CA file/,
      nowhere,
    );
    await refusedAsUsage(
      ["entries", "publish", "HSBC:001", "--credit", "1", "--currency", "EUR"],
      /LIQ_SUBJECT_PREFIX "bad prefix"/,
      { ...nowhere, LIQ_SUBJECT_PREFIX: "bad prefix" },
    );
  });

  it("prints help on stdout and exits 0; a group without its subcommand is a usage error", async () => {
    const help = await liq(["transfers", "create", "--help"]);
    expect(help.code).to.equal(0);
    expect(help.stdout).to.match(/^Usage: liq transfers create \[options\]/);
    expect(help.stdout)
      .to.include("--validate-only")
      .and.include("Global Options:")
      .and.include("Exit codes: 0 done; 1 refused");
    const root = await liq(["--help"]);
    expect(root.stdout).to.include("LIQ_TOKEN_FILE").and.include("PLAINTEXT").and.include("LIQ_SUBJECT_PREFIX");
    expect((await liq(["accounts"])).code).to.equal(2);
  });

  it("exits 3 with one line when the engine or NATS cannot be reached", async () => {
    const engine = await liq(["accounts", "get", "HSBC:001"], nowhere);
    expect(engine).to.deep.include({ code: 3, stdout: "" });
    expect(engine.stderr).to.match(/^error: cannot reach the engine at 127\.0\.0\.1:9: .*\n$/);
    const nats = await liq(
      ["entries", "publish", "HSBC:001", "--entry", "E1", "--credit", "1", "--currency", "EUR", "--no-check"],
      nowhere,
    );
    expect(nats).to.deep.include({ code: 3, stdout: "" });
    expect(nats.stderr).to.match(/^error: cannot reach NATS at nats:\/\/127\.0\.0\.1:9: .*\n$/);
  });
});

describe("liq tokens make: the access file the engine reads at start", () => {
  const folder = () => mkdtempSync(join(tmpdir(), "liq-tokens-"));

  it("creates the file (owner-only), prints the token once, and the engine's access control accepts that token", async () => {
    const file = join(folder(), "access.json");
    const made = await liq(["--json", "tokens", "make", "alice", "operator", "viewer", "--access-file", file]);
    expect(made.code, made.stderr).to.equal(0);
    const answer = JSON.parse(made.stdout) as {
      token: string;
      roles: string[];
      created: boolean;
      replaced: boolean;
      access_file: string;
    };
    expect(answer).to.deep.include({
      roles: ["operator", "viewer"],
      created: true,
      replaced: false,
      access_file: file,
    });
    expect(readFileSync(file, "utf8")).to.not.include(answer.token);
    expect(statSync(file).mode & 0o777).to.equal(0o600);
    const access = new AccessControl(loadAccessFile(file, { perSecond: 10, burst: 10 }));
    expect(access.check(`Bearer ${answer.token}`, "operator")).to.deep.include({ ok: true });
    expect(access.check(`Bearer ${answer.token}`, "approver")).to.deep.include({
      ok: false,
      reason: "permission_denied",
    });
  });

  it("refuses a principal already in the file (exit 1, file unchanged) unless --replace, and keeps the file's other entries and keys", async () => {
    const file = join(folder(), "access.json");
    writeFileSync(file, JSON.stringify({ _comment: "kept", tokens: [] }));
    const first = JSON.parse(
      (await liq(["--json", "tokens", "make", "bob", "viewer", "--access-file", file])).stdout,
    ) as { token: string };
    await liq(["tokens", "make", "carol", "approver", "--access-file", file]);
    const before = readFileSync(file, "utf8");
    const again = await liq(["tokens", "make", "bob", "admin", "--access-file", file]);
    expect(again).to.deep.include({
      code: 1,
      stdout: "",
      stderr: `error: bob already has a token in ${file}; --replace gives it this new one instead (principal_exists)\n`,
    });
    expect(readFileSync(file, "utf8")).to.equal(before);
    const replaced = await liq(["tokens", "make", "bob", "admin", "--replace", "--access-file", file]);
    expect(replaced.code).to.equal(0);
    expect(replaced.stdout).to.match(
      /^token for bob \(admin\); shown once, stored nowhere:\n {2}\S{43}\nreplaced bob's token in .*restart it to use this token\.\n$/,
    );
    const content = JSON.parse(readFileSync(file, "utf8")) as {
      _comment: string;
      tokens: Array<{ principal: string; roles: string[] }>;
    };
    expect(content._comment).to.equal("kept");
    expect(content.tokens.map((token) => [token.principal, token.roles])).to.deep.equal([
      ["carol", ["approver"]],
      ["bob", ["admin"]],
    ]);
    const access = new AccessControl(loadAccessFile(file, { perSecond: 10, burst: 10 }));
    expect(access.check(`Bearer ${first.token}`, "viewer")).to.deep.include({ ok: false, reason: "unauthenticated" });
  });

  it("refuses a bad principal or role, and a file that is not an access file, before touching anything", async () => {
    const file = join(folder(), "access.json");
    await refusedAsUsage(["tokens", "make", "bad name", "viewer", "--access-file", file], /a principal is 1-64 of/);
    await refusedAsUsage(
      ["tokens", "make", "dave", "boss", "--access-file", file],
      /Allowed choices are viewer, operator, approver, admin/,
    );
    writeFileSync(file, "[1, 2]");
    await refusedAsUsage(
      ["tokens", "make", "dave", "viewer", "--access-file", file],
      /must be \{"tokens": \[\.\.\.\]\}/,
    );
    expect(readFileSync(file, "utf8")).to.equal("[1, 2]");
  });

  it("uses LIQ_ACCESS_FILE when no --access-file is given", async () => {
    const file = join(folder(), "engine-access.json");
    expect((await liq(["tokens", "make", "erin", "viewer"], { LIQ_ACCESS_FILE: file })).code).to.equal(0);
    expect((JSON.parse(readFileSync(file, "utf8")) as { tokens: unknown[] }).tokens).to.have.length(1);
  });
});
