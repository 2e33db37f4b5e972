import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { status } from "@grpc/grpc-js";
import { expect } from "chai";
import { MongoStatementLineStore } from "../../adapters/mongo/mongo-statement-lines.js";
import { addDays, bookingDayOf } from "../../actors/shared/booking-day.js";
import { statementDigest } from "../../reconciliation/statements/canonical.js";
import { parseStatementFile } from "../../reconciliation/statements/parse-statement.js";
import type { ImportStatementResponse__Output } from "../../protos/generated/liquidity/v1/ImportStatementResponse.js";
import type { ImportedStatement__Output } from "../../protos/generated/liquidity/v1/ImportedStatement.js";
import type { ListStatementsResponse__Output } from "../../protos/generated/liquidity/v1/ListStatementsResponse.js";
import { TestStatementsClient } from "../support/grpc-statements-client.js";
import { runLiq } from "../support/liq-process.js";
import { plainStatement } from "../support/statement-fixtures.js";
import { eventually } from "../support/tally.js";
import { TransferWorld } from "../support/transfer-world.js";

const account = "BANKA:A1";

/** A camt.053 of BANKA:A1 (CNY) with `lines` credits of 1.00: opening 0, closing `lines`. */
function camtWithLines(statementId: string, lines: number, date = "2026-12-07"): string {
  const entries = Array.from(
    { length: lines },
    (_, index) =>
      `<Ntry><Amt Ccy="CNY">1.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>` +
      `<BookgDt><Dt>${date}</Dt></BookgDt><ValDt><Dt>${date}</Dt></ValDt><AcctSvcrRef>R-${index + 1}</AcctSvcrRef></Ntry>`,
  );
  const balance = (code: string, amount: number) =>
    `<Bal><Tp><CdOrPrtry><Cd>${code}</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">${amount}.00</Amt>` +
    `<CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>${date}</Dt></Dt></Bal>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt>',
    `<GrpHdr><MsgId>${statementId}</MsgId><CreDtTm>${date}T23:00:00Z</CreDtTm></GrpHdr>`,
    `<Stmt><Id>${statementId}</Id><Acct><Id><Othr><Id>A1</Id></Othr></Id><Ccy>CNY</Ccy>`,
    `<Svcr><FinInstnId><Othr><Id>BANKA</Id></Othr></FinInstnId></Svcr></Acct>`,
    balance("OPBD", 0),
    balance("CLBD", lines),
    ...entries,
    "</Stmt></BkToCstmrStmt></Document>",
  ].join("\n");
}

describe("statement import: gRPC, liq, the inbox and the pull over a real engine, NATS and FerretDB", function () {
  this.timeout(300_000);
  let world: TransferWorld;
  let inbox: string;
  let client: TestStatementsClient;
  let lines: MongoStatementLineStore;
  let grpcPort: number;

  const today = () => bookingDayOf(Date.now());
  const connectClient = async () => {
    client?.close();
    const ready = await world.engine!.waitForLine((line) => line["event"] === "ready");
    grpcPort = ready["grpcPort"] as number;
    client = new TestStatementsClient(`127.0.0.1:${grpcPort}`, world.token);
  };
  const restart = async (extra: Record<string, string> = {}) => {
    await world.engine!.kill();
    await world.startEngine(extra);
    await connectClient();
  };
  /** The simulator's camt.053 of BANKA:A1 for a day, as the bank exports it. */
  const simulatorCamt = async (date = today()): Promise<string> => {
    const response = await fetch(
      `${world.simulator.baseUrl}/banks/BANKA/accounts/A1/statement?date=${date}&format=camt053`,
    );
    expect(response.status).to.equal(200);
    return response.text();
  };
  const importFile = (text: string, extra: Record<string, string> = {}) =>
    client.call<ImportStatementResponse__Output>("ImportStatement", { content: Buffer.from(text), ...extra });
  const mustImport = async (text: string): Promise<ImportedStatement__Output[]> =>
    (await client.must<ImportStatementResponse__Output>("ImportStatement", { content: Buffer.from(text) })).statements;
  const versions = async () =>
    (await client.must<ListStatementsResponse__Output>("ListStatements", { account_id: account })).versions;
  const versionsOf = async (statementId: string) =>
    (await versions()).filter((version) => version.statement_id === statementId);
  /** The lines the engine stored for the file's first statement, compared with the parser's. */
  const expectLinesWhole = async (text: string) => {
    const [parsed] = parseStatementFile(text);
    const stored = await lines.lines(statementDigest(parsed!), parsed!.lines.length);
    expect(plainStatement({ ...parsed!, lines: stored })).to.deep.equal(plainStatement(parsed!));
  };

  before(async () => {
    inbox = mkdtempSync(join(tmpdir(), "liq-inbox-"));
    world = await TransferWorld.start({
      env: { LIQ_STATEMENT_INBOX: inbox, LIQ_STATEMENT_INBOX_INTERVAL_MS: "200" },
    });
    await connectClient();
    lines = await MongoStatementLineStore.connect({
      url: world.env["LIQ_MONGO_URL"]!,
      database: world.env["LIQ_MONGO_DB"]!,
    });
  });
  after(async () => {
    client?.close();
    await lines?.close();
    await world?.stop();
  });

  it("imports the simulator's camt.053 through gRPC; the same file again is alreadyImported and registers nothing", async () => {
    await world.simulator.fund("BANKA", "A1", "250");
    const camt = await simulatorCamt();
    const statementId = `BANKA-A1-${today()}`;
    const [first] = await mustImport(camt);
    expect(first).to.deep.include({
      account_id: account,
      statement_id: statementId,
      version: 1,
      already_imported: false,
      line_count: "1",
      supersedes: "",
    });
    await expectLinesWhole(camt);
    const [again] = await mustImport(camt);
    expect(again).to.deep.include({ version: 1, already_imported: true, digest: first!.digest });
    const held = await versionsOf(statementId);
    expect(held).to.have.length(1);
    expect(held[0]).to.deep.include({ source: "upload", principal: "grpc:world", format: "camt053" });
  });

  it("keeps a corrected re-issue (the bank's statement of the day after another booking) as version 2", async () => {
    const statementId = `BANKA-A1-${today()}`;
    const [before] = await versionsOf(statementId).then((held) => held.slice(-1));
    await world.simulator.fund("BANKA", "A1", "100");
    const [reissued] = await mustImport(await simulatorCamt());
    expect(reissued).to.deep.include({
      version: before!.version + 1,
      already_imported: false,
      supersedes: before!.digest,
    });
    expect((await versionsOf(statementId)).map((version) => version.version)).to.deep.equal([1, 2]);
  });

  it("registers a file sent through gRPC (three times at once) and the inbox at the same moment once", async () => {
    await world.simulator.fund("BANKA", "A1", "75");
    const camt = await simulatorCamt();
    const versionsBefore = (await versions()).length;
    writeFileSync(join(inbox, "same.xml.tmp"), camt);
    renameSync(join(inbox, "same.xml.tmp"), join(inbox, "same.xml"));
    const answers = await Promise.all([mustImport(camt), mustImport(camt), mustImport(camt)]);
    const inboxLine = (line: Record<string, unknown>) =>
      line["msg"] === "statement file imported from the inbox" && line["file"] === "same.xml";
    // Logged once the file is moved.
    await eventually("the inbox imported the file", () => world.engine!.logs.some(inboxLine), 30_000, 50);
    expect(existsSync(join(inbox, "imported", "same.xml"))).to.equal(true);
    expect(await versions()).to.have.length(versionsBefore + 1);
    const digests = new Set(answers.map(([statement]) => statement!.digest));
    expect(digests.size).to.equal(1);
    const inboxImports = world
      .engine!.logs.filter(inboxLine)
      .map((line) => (line["statements"] as Array<{ alreadyImported: boolean; version: number }>)[0]!);
    expect(inboxImports).to.have.length(1);
    const registered = [
      ...answers.map(([statement]) => statement!.already_imported),
      ...inboxImports.map((s) => s.alreadyImported),
    ];
    expect(
      registered.filter((already) => !already),
      "registered by exactly one door",
    ).to.have.length(1);
    expect(new Set([...answers.map(([s]) => s!.version), ...inboxImports.map((s) => s.version)]).size).to.equal(1);
  });

  it("refuses a malformed file whole, with the place at fault, and registers nothing (gRPC and inbox)", async () => {
    const broken = camtWithLines("BROKEN-1", 3).replace(
      '<Amt Ccy="CNY">1.00</Amt><CdtDbtInd>CRDT',
      '<Amt Ccy="CNY">1,00</Amt><CdtDbtInd>CRDT',
    );
    const versionsBefore = (await versions()).length;
    const refused = await importFile(broken);
    expect(refused).to.deep.include({ ok: false, code: status.INVALID_ARGUMENT, engineCode: "statement_refused" });
    expect(!refused.ok && refused.details).to.equal('Stmt[1]/Ntry[1]/Amt: "1,00" is not an amount');
    writeFileSync(join(inbox, "broken.xml"), broken);
    await eventually(
      "the inbox refused the file",
      () => existsSync(join(inbox, "refused", "broken.xml.reason")),
      30_000,
      50,
    );
    expect(readFileSync(join(inbox, "refused", "broken.xml.reason"), "utf8")).to.equal(
      'Stmt[1]/Ntry[1]/Amt: "1,00" is not an amount\n',
    );
    expect(existsSync(join(inbox, "refused", "broken.xml"))).to.equal(true);
    const unknown = await importFile(camtWithLines("OTHER-1", 1), { account_id: "BANKA:NOPE" });
    expect(unknown).to.deep.include({ ok: false, code: status.NOT_FOUND, engineCode: "account_not_open" });
    expect(await versions()).to.have.length(versionsBefore);
  });

  it("imports and lists with liq; a refused file exits 1 in one line, a usage mistake 2", async () => {
    const folder = mkdtempSync(join(tmpdir(), "liq-cli-statements-"));
    const file = join(folder, "cli.xml");
    writeFileSync(file, camtWithLines("CLI-1", 2));
    const env = { LIQ_SERVER: `127.0.0.1:${grpcPort}`, LIQ_TOKEN: world.token };
    const imported = await runLiq(["--json", "statements", "import", file], env);
    expect(imported.code, imported.stderr).to.equal(0);
    const answer = JSON.parse(imported.stdout) as ImportStatementResponse__Output;
    expect(answer.statements[0]).to.deep.include({ statement_id: "CLI-1", version: 1, already_imported: false });
    const again = await runLiq(["statements", "import", file], env);
    expect(again.stdout).to.match(/CLI-1 +│ +1 │ already imported/);
    const listed = await runLiq(["statements", "list", account], env);
    expect(listed.code).to.equal(0);
    expect(listed.stdout).to.match(/CLI-1 .* upload by grpc:world/);
    writeFileSync(
      file,
      camtWithLines("CLI-2", 2).replace("<Dt>2026-12-07</Dt></BookgDt>", "<Dt>2026-02-30</Dt></BookgDt>"),
    );
    const refused = await runLiq(["statements", "import", file], env);
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.equal(
      'error: Stmt[1]/Ntry[1]/BookgDt/Dt: "2026-02-30" is not a date (YYYY-MM-DD) (statement_refused)\n',
    );
    const usage = await runLiq(["statements", "import", file, "--format", "csv"], env);
    expect(usage.code).to.equal(2);
    expect(usage.stderr.trim().split("\n")).to.have.length(1);
  });

  it("a job pulls yesterday's statement of the account from its bank and imports it as a pull", async () => {
    const yesterday = addDays(today(), -1);
    // One slot a few seconds from now (6 fields, seconds first; UTC), so the job fires once.
    const slot = new Date(Date.now() + 4_000);
    const cron = `${slot.getUTCSeconds()} ${slot.getUTCMinutes()} ${slot.getUTCHours()} * * *`;
    await world.expectOk(
      world.send("schedule", "pull-a1", "put-pull-a1", "put", {
        expectedVersion: 0,
        cron,
        timeZone: "UTC",
        target: { kind: "statements", actorId: account, type: "pull", payload: { date: "yesterday" } },
      }),
    );
    await eventually(
      "yesterday's statement pulled",
      async () => (await versionsOf(`BANKA-A1-${yesterday}`)).length > 0,
      60_000,
      200,
    );
    const [pulled] = await versionsOf(`BANKA-A1-${yesterday}`);
    expect(pulled).to.deep.include({
      version: 1,
      source: "pull",
      principal: "system:statements-pull",
      from_date: yesterday,
      to_date: yesterday,
    });
  });

  describe("killed during an import (SIGKILL at a fault point), then imported again", () => {
    for (const [point, door] of [
      ["hold-after:statements.chunk", "grpc"],
      ["hold-before:statements.register", "grpc"],
      ["hold-after:statements.register", "inbox"],
    ] as const)
      it(`${point} (${door}): one version, its lines whole`, async () => {
        const statementId = `CRASH-${point.replace(/[^a-z]/g, "-")}`;
        const camt = camtWithLines(statementId, 2_345);
        await restart({ LIQ_FAULT_POINT: point });
        if (door === "grpc") void importFile(camt);
        else writeFileSync(join(inbox, `${statementId}.xml`), camt);
        await world.engine!.waitForLine((line) => line["event"] === "fault-point" && line["point"] === point, 60_000);
        await restart();
        const [parsed] = parseStatementFile(camt);
        if (point === "hold-after:statements.chunk")
          await lines.lines(statementDigest(parsed!), 2_345).then(
            () => expect.fail("the kill came after the first chunk: the lines are not whole yet"),
            (error: unknown) => expect((error as Error).message).to.match(/chunk 1 of 3 is missing/),
          );
        if (point === "hold-before:statements.register") {
          await expectLinesWhole(camt);
          expect(await versionsOf(statementId), "nothing registered before the kill").to.deep.equal([]);
        }
        if (door === "grpc") {
          const [reimported] = await mustImport(camt);
          expect(reimported).to.deep.include({ version: 1, already_imported: false, line_count: "2345" });
          const [again] = await mustImport(camt);
          expect(again).to.deep.include({ version: 1, already_imported: true });
        } else {
          await eventually(
            "the inbox imported the file again and moved it",
            () => readdirSync(join(inbox, "imported")).includes(`${statementId}.xml`),
            60_000,
            100,
          );
          expect(readdirSync(inbox)).not.to.include(`${statementId}.xml`);
        }
        expect(await versionsOf(statementId)).to.have.length(1);
        await expectLinesWhole(camt);
      });
  });
});
