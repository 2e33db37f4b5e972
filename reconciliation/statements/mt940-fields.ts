import { StatementRefused } from "./errors.js";
import { quoted } from "./values.js";

/**
 * An MT940 file cut into messages and fields. A field starts with its tag at the start of a line (`:61:`) and runs
 * over the lines that follow until the next tag. A message runs from `:20:` to its end: the block 4 end `-}`, a
 * line holding only `-`, or the next `:20:`. The SWIFT envelope (`{1:...}{2:...}{3:...}{4:` before, `{5:...}`
 * after) is skipped, so bare files and files of wrapped messages read the same.
 */

export interface Mt940Field {
  /** The tag without colons: `20`, `28C`, `61`. */
  readonly tag: string;
  /** The field's lines: the text after the tag, then each continuation line. */
  readonly lines: readonly string[];
  /** 1-based line of the file the field starts on. */
  readonly lineNo: number;
}

export interface Mt940Message {
  readonly fields: readonly Mt940Field[];
  /** 1-based line of the file the message's first field is on. */
  readonly lineNo: number;
}

const tagPattern = /^:(\d{2}[A-Z]?|NS):(.*)$/;
const headerPattern = /^\{[1-4]:/;

/** The place of a field in messages: `line 14 (:61:)`. */
export function fieldPlace(field: Mt940Field): string {
  return `line ${field.lineNo} (:${field.tag}:)`;
}

class MessageCollector {
  readonly messages: Mt940Message[] = [];
  private fields: { tag: string; lines: string[]; lineNo: number }[] = [];

  end(): void {
    if (this.fields.length > 0) this.messages.push({ fields: this.fields, lineNo: this.fields[0]!.lineNo });
    this.fields = [];
  }

  field(tag: string, text: string, lineNo: number): void {
    if (tag === "20") this.end();
    this.fields.push({ tag, lines: [text], lineNo });
  }

  continuation(text: string, lineNo: number): void {
    const current = this.fields.at(-1);
    if (current === undefined) throw new StatementRefused(`line ${lineNo}`, `${quoted(text)} is outside any field`);
    current.lines.push(text);
  }
}

/** The content of a line once the envelope around block 4 is taken off; undefined when nothing is left. */
function blockContent(line: string, collector: MessageCollector): string | undefined {
  if (headerPattern.test(line)) {
    collector.end();
    const start = line.indexOf("{4:");
    return start < 0 ? undefined : line.slice(start + 3);
  }
  if (line.startsWith("-}") || line.trim() === "-") {
    collector.end();
    return undefined;
  }
  if (line.startsWith("{5:")) return undefined;
  return line;
}

export function mt940Messages(text: string): Mt940Message[] {
  const collector = new MessageCollector();
  const lines = text.split(/\r\n|\n|\r/);
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = blockContent(raw.trimEnd(), collector);
    if (line === undefined || line.trim() === "") return;
    const tagged = tagPattern.exec(line);
    if (tagged === null) collector.continuation(line, lineNo);
    else collector.field(tagged[1]!, tagged[2]!, lineNo);
  });
  collector.end();
  return collector.messages;
}
