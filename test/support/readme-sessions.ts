import { readFileSync } from "node:fs";

/**
 * The README's shell sessions, read so that a test can run them as a newcomer would (test/integration/newcomer.test.ts).
 *
 * A session is every ```sh block preceded by `<!-- session: NAME -->`, in document order. In a block:
 * - a command may continue over lines ending in `\`; `#` lines are comments;
 * - `# → TEXT` after a command: its output (stdout and stderr) must contain TEXT; `# → exit N`: it must exit with N
 *   (otherwise it must exit 0);
 * - a command ending in `&`, and `npm start` or `npm run demo`, run in the background; expectations are checked, with a deadline, once the
 *   block's other commands have run;
 * - `export NAME=VALUE` sets a variable for the session's later commands (VALUE is expanded by bash);
 * - `<...>` placeholders (such as `<the token the engine printed>`) are filled in by the runner from earlier output.
 */
export interface SessionCommand {
  readonly text: string;
  readonly background: boolean;
  readonly expectations: readonly string[];
  readonly exitCode: number;
  /** 1-based line in its document, for failure messages. */
  readonly line: number;
}

export interface SessionBlock {
  readonly file: string;
  readonly line: number;
  readonly commands: readonly SessionCommand[];
}

const marker = /^<!-- session: ([a-z-]+) -->$/;

/** The sessions of several documents, each session's blocks in the order of the files, then of their lines. */
export function readSessions(files: readonly string[]): Map<string, SessionBlock[]> {
  const sessions = new Map<string, SessionBlock[]>();
  for (const file of files) {
    for (const [name, blocks] of readSessionsOf(file)) sessions.set(name, [...(sessions.get(name) ?? []), ...blocks]);
  }
  return sessions;
}

function readSessionsOf(file: string): Map<string, SessionBlock[]> {
  const lines = readFileSync(file, "utf8").split("\n");
  const sessions = new Map<string, SessionBlock[]>();
  for (let index = 0; index < lines.length; index++) {
    const name = marker.exec(lines[index]!.trim())?.[1];
    if (name === undefined) continue;
    if (lines[index + 1]?.trim() !== "```sh")
      throw new Error(`${file}:${index + 1}: a session marker must be followed by a \`\`\`sh block`);
    const end = lines.indexOf("```", index + 2);
    if (end < 0) throw new Error(`${file}:${index + 2}: unterminated block`);
    const block = { file, line: index + 3, commands: parseBlock(lines.slice(index + 2, end), index + 3) };
    sessions.set(name, [...(sessions.get(name) ?? []), block]);
    index = end;
  }
  return sessions;
}

function parseBlock(lines: readonly string[], firstLine: number): SessionCommand[] {
  const commands: Array<{ text: string; line: number; expectations: string[]; exitCode: number }> = [];
  let pending = "";
  let pendingLine = 0;
  lines.forEach((raw, offset) => {
    const line = raw.trimEnd();
    const expectation = /^#\s*→\s*(.*)$/.exec(line.trim());
    if (pending === "" && expectation) {
      const last = commands.at(-1);
      if (!last) throw new Error(`README line ${firstLine + offset}: an expectation before any command`);
      const exit = /^exit (\d+)$/.exec(expectation[1]!);
      if (exit) last.exitCode = Number(exit[1]);
      else last.expectations.push(expectation[1]!);
      return;
    }
    if (pending === "" && (line.trim() === "" || line.trim().startsWith("#"))) return;
    if (pending === "") pendingLine = firstLine + offset;
    if (line.endsWith("\\")) {
      pending += line.slice(0, -1) + " ";
      return;
    }
    commands.push({ text: (pending + line).trim(), line: pendingLine, expectations: [], exitCode: 0 });
    pending = "";
  });
  return commands.map((command) => {
    const withoutComment = stripComment(command.text);
    const background = withoutComment.endsWith("&");
    return { ...command, text: background ? withoutComment.slice(0, -1).trim() : command.text, background };
  });
}

/** The command without a trailing `# comment` (a `#` outside quotes that follows a space). */
function stripComment(text: string): string {
  let quote: string | undefined;
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === "#" && text[index - 1] === " ") {
      return text.slice(0, index).trim();
    }
  }
  return text.trim();
}
