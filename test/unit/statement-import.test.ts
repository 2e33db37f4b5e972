import { expect } from "chai";
import { accountKindOf } from "../../actors/account/index.js";
import { decodeStatementsView, statementsKind, type StatementsView } from "../../actors/statements/index.js";
import { MemoryActorStore } from "../../adapters/memory/memory-actor-store.js";
import { MemoryEventBus } from "../../adapters/memory/memory-event-bus.js";
import { MemoryStatementLineStore } from "../../adapters/memory/memory-statement-lines.js";
import {
  importStatementFile,
  StatementImportRefused,
  StatementRefused,
  type ImportRequest,
} from "../../reconciliation/import.js";
import { statementDigest } from "../../reconciliation/statements/canonical.js";
import { simulatorCsvMapping } from "../../reconciliation/statements/csv-mapping.js";
import { StatementLinesIncomplete } from "../../reconciliation/statements/line-chunks.js";
import { parseStatementFile } from "../../reconciliation/statements/parse-statement.js";
import { ActorSystem } from "../../runtime/actor-system.js";
import { silentLogger } from "../../runtime/logger.js";
import { plainStatement, statementFixture } from "../support/statement-fixtures.js";

const camt = statementFixture("camt053-two-statements.xml");
const first = "COBADEFFXXX:DE89370400440532013000";
const second = "37040044:0532013001";

/** An engine's actors in memory (accounts, statements) and a line store: what the import runs on. */
class ImportBench {
  readonly system = new ActorSystem({
    kinds: [accountKindOf({ ledgerDaysKept: 400 }), statementsKind],
    store: new MemoryActorStore(),
    publisher: new MemoryEventBus(),
    logger: silentLogger,
  });
  readonly lines = new MemoryStatementLineStore();
  private opened = 0;

  constructor() {
    this.system.start();
  }

  async open(accountId: string, currency = "EUR"): Promise<void> {
    const [bankCode, accountNumber] = accountId.split(":");
    const reply = await this.system.dispatch({
      kind: "account",
      actorId: accountId,
      commandId: `open-${++this.opened}`,
      type: "open",
      payload: { bankCode, accountNumber, currency, pool: "main" },
      principal: "test:setup",
    });
    expect(reply.ok, JSON.stringify(reply)).to.equal(true);
  }

  import(text: string, options: Partial<ImportRequest> = {}) {
    return importStatementFile(
      { system: this.system, lines: this.lines },
      { text, source: "upload", principal: "grpc:olivia", ...options },
    );
  }

  async view(accountId: string): Promise<StatementsView> {
    const reply = await this.system.query("statements", accountId, "get", {}, "test:read");
    if (!reply.ok) throw new Error(reply.error.message);
    return decodeStatementsView(reply.result, "the view");
  }

  stop(): Promise<void> {
    return this.system.stop();
  }
}

/** The fixture with one line's remittance corrected: the bank's re-issue of the first statement, same id. */
const corrected = camt.replace("Invoice 4711", "Invoice 4712");

describe("statement import (ADR 014 §1): parse, check every account, write lines, register", () => {
  let bench: ImportBench;
  beforeEach(() => {
    bench = new ImportBench();
  });
  afterEach(() => bench.stop());

  it("imports each statement of a file to the account the file names, with its lines whole in the store", async () => {
    await bench.open(first);
    await bench.open(second);
    const imported = await bench.import(camt);
    const parsed = parseStatementFile(camt);
    expect(imported).to.deep.equal([
      {
        accountId: first,
        statementId: "STMT-2026-12-07-001",
        digest: statementDigest(parsed[0]!),
        version: 1,
        alreadyImported: false,
        lineCount: parsed[0]!.lines.length,
      },
      {
        accountId: second,
        statementId: "STMT-2026-12-07-002",
        digest: statementDigest(parsed[1]!),
        version: 1,
        alreadyImported: false,
        lineCount: parsed[1]!.lines.length,
      },
    ]);
    const [version] = (await bench.view(first)).versions;
    expect(version).to.deep.include({ statementId: "STMT-2026-12-07-001", source: "upload", principal: "grpc:olivia" });
    const stored = await bench.lines.lines(version!.digest, version!.lineCount);
    expect(plainStatement({ ...parsed[0]!, lines: stored })).to.deep.equal(plainStatement(parsed[0]!));
  });

  it("answers the same file again with the versions held, registering nothing new", async () => {
    await bench.open(first);
    await bench.open(second);
    await bench.import(camt);
    const again = await bench.import(camt, { source: "inbox", principal: "system:inbox" });
    expect(again.map((statement) => [statement.version, statement.alreadyImported])).to.deep.equal([
      [1, true],
      [1, true],
    ]);
    expect((await bench.view(first)).versions).to.have.length(1);
  });

  it("keeps a corrected re-issue as version 2 beside version 1, naming the digest it supersedes", async () => {
    await bench.open(first);
    await bench.open(second);
    const [original] = await bench.import(camt);
    const [reissued, unchanged] = await bench.import(corrected);
    expect(reissued).to.deep.include({ version: 2, alreadyImported: false, supersedes: original!.digest });
    expect(unchanged).to.deep.include({ version: 1, alreadyImported: true });
    expect((await bench.view(first)).versions.map((version) => version.version)).to.deep.equal([1, 2]);
  });

  it("refuses the whole file when one statement's account was never opened, and writes nothing for the others", async () => {
    await bench.open(first);
    const refusal = await bench.import(camt).catch((error: unknown) => error);
    expect(refusal).to.be.instanceOf(StatementImportRefused);
    expect((refusal as StatementImportRefused).code).to.equal("account_not_open");
    expect((refusal as Error).message).to.equal(
      `statement 2 (id "STMT-2026-12-07-002"): account ${second} has not been opened`,
    );
    expect((await bench.view(first)).versions).to.deep.equal([]);
    const digest = statementDigest(parseStatementFile(camt)[0]!);
    await bench.lines.lines(digest, 3).then(
      () => expect.fail("no line may be written for a refused file"),
      (error: unknown) => expect(error).to.be.instanceOf(StatementLinesIncomplete),
    );
  });

  it("refuses a statement in another currency than its account's, naming both", async () => {
    await bench.open(first, "USD");
    await bench.open(second);
    const refusal = await bench.import(camt).catch((error: unknown) => error);
    expect((refusal as StatementImportRefused).code).to.equal("currency_mismatch");
    expect((refusal as Error).message).to.match(/statement 1 .*currency EUR is not that of account .* \(USD\)/);
  });

  it("refuses a file the parser refuses, with its place, and registers nothing", async () => {
    await bench.open(first);
    await bench.open(second);
    const refusal = await bench.import(statementFixture("camt053-bad-amount.xml")).catch((error: unknown) => error);
    expect(refusal).to.be.instanceOf(StatementRefused);
    expect((refusal as StatementRefused).place).to.match(/^Stmt\[\d\]\/Ntry\[\d\]\/Amt$/);
    expect((await bench.view(first)).versions).to.deep.equal([]);
  });

  it("imports every statement to the account given, whatever the file names", async () => {
    await bench.open("BANKA:A1");
    const imported = await bench.import(camt, { account: "BANKA:A1" });
    expect(imported.map((statement) => statement.accountId)).to.deep.equal(["BANKA:A1", "BANKA:A1"]);
    expect((await bench.view("BANKA:A1")).versions).to.have.length(2);
  });

  it("reads a CSV through its mapping with the account given (its number and currency), and needs that account", async () => {
    await bench.open("SIMA:ACC-1");
    const csv = statementFixture("simulator-day.csv");
    const withoutAccount = await bench
      .import(csv, { csv: simulatorCsvMapping, format: "csv" })
      .catch((error: unknown) => error);
    expect((withoutAccount as StatementImportRefused).code).to.equal("account_required");
    const [imported] = await bench.import(csv, { csv: simulatorCsvMapping, account: "SIMA:ACC-1" });
    expect(imported).to.deep.include({ accountId: "SIMA:ACC-1", version: 1, lineCount: 4 });
  });

  it("refuses an account given that is not BANK:NUMBER, and a file that does not name its bank without one", async () => {
    const badAccount = await bench.import(camt, { account: "no-colon" }).catch((error: unknown) => error);
    expect((badAccount as StatementImportRefused).code).to.equal("invalid_account");
    const unnamedBank = statementFixture("mt940-two-messages.sta").replace(":25:COBADEFFXXX/", ":25:");
    const unnamed = await bench.import(unnamedBank).catch((error: unknown) => error);
    expect((unnamed as StatementImportRefused).code).to.equal("account_required");
    expect((unnamed as Error).message).to.match(/does not name the bank .*: give the account$/);
  });
});
