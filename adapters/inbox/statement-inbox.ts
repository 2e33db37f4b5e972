import { mkdir, readdir, readFile, rename, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { isJsonObject } from "../../runtime/json.js";
import type { Logger } from "../../runtime/ports.js";
import { StatementImportRefused, StatementRefused, StatementActorRefused } from "../../reconciliation/import.js";
import type { ImportedStatement, ImportRequest } from "../../reconciliation/import.js";
import { parseCsvMapping, type CsvMapping } from "../../reconciliation/statements/csv-mapping.js";
import { CsvMappingInvalid } from "../../reconciliation/statements/errors.js";
import { statementText } from "../../reconciliation/statements/file-text.js";
import { statementFileCharactersMax } from "../../reconciliation/statements/parse-statement.js";
import { importedFolder, inboxFileOf, inboxMappingFile, ownMappingName, refusedFolder } from "./inbox-files.js";

/** The principal an inbox import is journaled under. */
export const inboxPrincipal = "system:inbox";

export interface StatementInboxSettings {
  readonly folder: string;
  readonly intervalMs: number;
}

/** A CSV's mapping as the inbox reads it: the CSV mapping, and the account its files are imported to. */
interface InboxMapping {
  readonly mapping: CsvMapping;
  readonly account: string | undefined;
}

/** Why a file goes to `refused/`: a sentence for its `.reason` file. */
class InboxRefusal extends Error {}

/**
 * The inbox door (ADR 014 §1): a folder the engine scans at start and every `intervalMs` (polling: `fs.watch` misses
 * events on network folders). Each statement file is imported by the engine's one import, then moved to
 * `imported/`, or to `refused/` beside a `<name>.reason` file. A file whose import could not finish (a store
 * unavailable) stays for the next scan. A crash between an import and its move imports the file again at the next
 * scan, which finds the versions held and moves it: nothing is registered twice.
 */
export class StatementInbox {
  private timer: NodeJS.Timeout | undefined;
  private scanning: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly settings: StatementInboxSettings,
    private readonly importer: (request: ImportRequest) => Promise<ImportedStatement[]>,
    private readonly logger: Logger,
  ) {}

  /** Makes `imported/` and `refused/` (the folder itself was checked with the configuration), starts scanning. */
  async start(): Promise<void> {
    await this.prepare();
    this.schedule(0);
  }

  /** Makes `imported/` and `refused/` if they are not there. */
  async prepare(): Promise<void> {
    await mkdir(join(this.settings.folder, importedFolder), { recursive: true });
    await mkdir(join(this.settings.folder, refusedFolder), { recursive: true });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.scanning;
  }

  /** One pass over the folder, files in name order; resolves when every file found has been handled or left. */
  async scan(): Promise<void> {
    const entries = await readdir(this.settings.folder, { withFileTypes: true });
    const names = entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
    for (const name of names.sort()) {
      if (this.stopped) return;
      await this.handle(name, new Set(names));
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.scanning = this.scan()
        .catch((error: unknown) => this.logger.warn("statement inbox scan failed; trying again", { error }))
        .finally(() => this.schedule(this.settings.intervalMs));
    }, delayMs);
  }

  private async handle(name: string, present: ReadonlySet<string>): Promise<void> {
    const file = inboxFileOf(name);
    if (file.kind === "skipped") return;
    try {
      if (file.kind === "unknown") throw new InboxRefusal(file.reason);
      const request = await this.requestOf(name, file.format, present);
      const imported = await this.importer(request);
      await this.move(name, importedFolder, present);
      this.logger.info("statement file imported from the inbox", {
        file: name,
        statements: imported.map((statement) => ({
          account: statement.accountId,
          statementId: statement.statementId,
          version: statement.version,
          alreadyImported: statement.alreadyImported,
        })),
      });
    } catch (error) {
      // Another engine watching the same folder took it first.
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return;
      const reason = refusalReason(error);
      if (reason === undefined) {
        this.logger.warn("statement file not imported; trying again at the next scan", { file: name, error });
        return;
      }
      await this.move(name, refusedFolder, present, reason);
      this.logger.warn("statement file refused", { file: name, reason });
    }
  }

  private async requestOf(
    name: string,
    format: ImportRequest["format"],
    present: ReadonlySet<string>,
  ): Promise<ImportRequest> {
    const path = join(this.settings.folder, name);
    if ((await stat(path)).size > statementFileCharactersMax)
      throw new InboxRefusal(`larger than ${statementFileCharactersMax} bytes`);
    const text = statementText(await readFile(path));
    const base = { text, format, source: "inbox" as const, principal: inboxPrincipal };
    if (format !== "csv") return base;
    const own = ownMappingName(name);
    const mappingName = present.has(own) ? own : present.has(inboxMappingFile) ? inboxMappingFile : undefined;
    if (mappingName === undefined)
      throw new InboxRefusal(`a CSV needs a column mapping: put ${own} or ${inboxMappingFile} in the inbox`);
    const { mapping, account } = await this.mappingOf(mappingName);
    if (account === undefined)
      throw new InboxRefusal(`a CSV names no account: give it as "account" in ${mappingName} (e.g. "BANKA:A1")`);
    return { ...base, csv: mapping, account };
  }

  /** The CSV mapping of the inbox: a mapping (docs/reconciliation.md) with an optional "account" beside its fields. */
  private async mappingOf(name: string): Promise<InboxMapping> {
    const text = await readFile(join(this.settings.folder, name), "utf8");
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new CsvMappingInvalid(name, `not JSON: ${(error as Error).message}`, { cause: error });
    }
    if (!isJsonObject(json)) throw new CsvMappingInvalid(name, "a mapping is a JSON object");
    const { account, ...mapping } = json;
    if (account !== undefined && typeof account !== "string")
      throw new CsvMappingInvalid(name, 'account must be an account id such as "BANKA:A1"');
    return { mapping: parseCsvMapping(mapping, name), account };
  }

  /**
   * Into `folder`, under its own name unless one of that name is there already (then with the time appended); a
   * refused file's reason is written first, so a refused file is never without its reason. A CSV's own mapping goes
   * with it to `imported/`; a refused CSV's stays, to be corrected.
   */
  private async move(name: string, folder: string, present: ReadonlySet<string>, reason?: string): Promise<void> {
    const into = join(this.settings.folder, folder);
    const target = await freeName(into, name);
    if (reason !== undefined) await writeFile(join(into, `${target}.reason`), `${reason}\n`);
    try {
      await rename(join(this.settings.folder, name), join(into, target));
    } catch (error) {
      // Another engine watching the same folder moved it first: it is handled.
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
    const own = ownMappingName(name);
    if (folder === importedFolder && present.has(own))
      await rename(join(this.settings.folder, own), join(into, await freeName(into, own))).catch(() => undefined);
  }
}

/** `name`, or `name.<epoch ms>` when the folder holds a file of that name (a file dropped again keeps both). */
async function freeName(folder: string, name: string): Promise<string> {
  try {
    await stat(join(folder, name));
    return `${name}.${Date.now()}`;
  } catch {
    return name;
  }
}

/** The reason a file is refused for good, or undefined when its import may succeed later (left for the next scan). */
function refusalReason(error: unknown): string | undefined {
  if (
    error instanceof InboxRefusal ||
    error instanceof StatementRefused ||
    error instanceof StatementImportRefused ||
    error instanceof CsvMappingInvalid
  )
    return error.message.replace(/\s*[\r\n]+\s*/g, " ");
  if (error instanceof StatementActorRefused && !error.error.retryable) return error.message;
  return undefined;
}
