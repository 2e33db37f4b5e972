import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "chai";
import { inboxFileOf, ownMappingName } from "../../adapters/inbox/inbox-files.js";
import { StatementInbox } from "../../adapters/inbox/statement-inbox.js";
import type { ImportedStatement, ImportRequest } from "../../reconciliation/import.js";
import { StatementActorRefused, StatementRefused } from "../../reconciliation/import.js";
import { simulatorCsvMapping } from "../../reconciliation/statements/csv-mapping.js";
import { silentLogger } from "../../runtime/logger.js";

/** An import that records what it was asked and answers with `outcome` (a result, or an error to throw). */
function recordingImporter(outcome: (request: ImportRequest) => ImportedStatement[]) {
  const requests: ImportRequest[] = [];
  return {
    requests,
    importer: async (request: ImportRequest) => {
      requests.push(request);
      return outcome(request);
    },
  };
}

const imported: ImportedStatement = {
  accountId: "BANKA:A1",
  statementId: "S-1",
  digest: "d".repeat(64),
  version: 1,
  alreadyImported: false,
  lineCount: 1,
};

async function inboxWith(
  files: Record<string, string>,
  importer: (request: ImportRequest) => Promise<ImportedStatement[]>,
) {
  const folder = mkdtempSync(join(tmpdir(), "inbox-test-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  const inbox = new StatementInbox({ folder, intervalMs: 60_000 }, importer, silentLogger);
  await inbox.prepare();
  await inbox.scan();
  return { folder, files: (sub = "") => readdirSync(join(folder, sub)).sort() };
}

describe("statement inbox (ADR 014 §1): files in, imported/ or refused/ with a reason", () => {
  it("reads a statement by its extension and leaves mappings, hidden and half-written files alone", () => {
    expect(inboxFileOf("day.xml")).to.deep.equal({ kind: "statement", format: undefined });
    expect(inboxFileOf("day.STA")).to.deep.equal({ kind: "statement", format: "mt940" });
    expect(inboxFileOf("day.txt")).to.deep.equal({ kind: "statement", format: "mt940" });
    expect(inboxFileOf("day.csv")).to.deep.equal({ kind: "statement", format: "csv" });
    for (const name of ["mapping.json", "day.mapping.json", ".hidden.xml", "day.xml.tmp", "day.part"])
      expect(inboxFileOf(name), name).to.deep.equal({ kind: "skipped" });
    expect(inboxFileOf("day.pdf").kind).to.equal("unknown");
    expect(ownMappingName("bank-de.csv")).to.equal("bank-de.mapping.json");
  });

  it("imports each file as source inbox and moves it to imported/, with a CSV's own mapping and its account", async () => {
    const { requests, importer } = recordingImporter(() => [imported]);
    const { files } = await inboxWith(
      {
        "a.xml": "<Document/>",
        "b.csv": "x",
        "b.mapping.json": JSON.stringify({ ...simulatorCsvMapping, account: "BANKA:A1" }),
        "c.xml.tmp": "half",
      },
      importer,
    );
    expect(
      requests.map((request) => [request.format, request.source, request.principal, request.account]),
    ).to.deep.equal([
      [undefined, "inbox", "system:inbox", undefined],
      ["csv", "inbox", "system:inbox", "BANKA:A1"],
    ]);
    expect(requests[1]!.csv).to.deep.equal(simulatorCsvMapping);
    expect(files("imported")).to.deep.equal(["a.xml", "b.csv", "b.mapping.json"]);
    expect(files()).to.deep.equal(["c.xml.tmp", "imported", "refused"]);
  });

  it("refuses what cannot be imported, each beside a one-line reason, and leaves what may be imported later", async () => {
    const { importer } = recordingImporter((request) => {
      if (request.text === "bad") throw new StatementRefused("Stmt[1]/Ntry[2]/Amt", '"1,5" is not an amount');
      if (request.text === "busy")
        throw new StatementActorRefused("statements of BANKA:A1: register", {
          code: "mailbox_full",
          message: "the actor is overloaded; retry later",
          retryable: true,
        });
      return [imported];
    });
    const { folder, files } = await inboxWith(
      { "bad.xml": "bad", "busy.xml": "busy", "notes.doc": "x", "lonely.csv": "x" },
      importer,
    );
    expect(files("refused")).to.deep.equal([
      "bad.xml",
      "bad.xml.reason",
      "lonely.csv",
      "lonely.csv.reason",
      "notes.doc",
      "notes.doc.reason",
    ]);
    const reason = (name: string) => readFileSync(join(folder, "refused", `${name}.reason`), "utf8");
    expect(reason("bad.xml")).to.equal('Stmt[1]/Ntry[2]/Amt: "1,5" is not an amount\n');
    expect(reason("lonely.csv")).to.match(/^a CSV needs a column mapping: put lonely\.mapping\.json or mapping\.json/);
    expect(reason("notes.doc")).to.match(/^not a statement file by its name/);
    expect(existsSync(join(folder, "busy.xml")), "left for the next scan").to.equal(true);
  });

  it("refuses a CSV whose mapping names no account, and keeps both files when one of that name was refused before", async () => {
    const { importer } = recordingImporter(() => [imported]);
    const { folder, files } = await inboxWith(
      { "day.csv": "x", "mapping.json": JSON.stringify(simulatorCsvMapping) },
      importer,
    );
    expect(readFileSync(join(folder, "refused", "day.csv.reason"), "utf8")).to.match(
      /a CSV names no account: give it as "account" in mapping\.json/,
    );
    writeFileSync(join(folder, "day.csv"), "again");
    const inbox = new StatementInbox({ folder, intervalMs: 60_000 }, importer, silentLogger);
    await inbox.scan();
    expect(files("refused").filter((name) => name.startsWith("day.csv"))).to.have.length(4);
  });
});
