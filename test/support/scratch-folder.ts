import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A temporary folder for the files of a describe block's tests: made before each test (`per: "test"`) or once before
 * them all (`per: "block"`), and removed after. Call it in the describe block's body: it adds the mocha hooks.
 */
export function scratchFolder(prefix: string, per: "test" | "block") {
  let dir = "";
  const make = () => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  };
  const remove = () => rmSync(dir, { recursive: true, force: true });
  if (per === "test") {
    beforeEach(make);
    afterEach(remove);
  } else {
    before(make);
    after(remove);
  }
  /** The path of `name` in the folder (for files that must not exist too). */
  const pathOf = (name: string) => join(dir, name);
  /** Writes `content` (JSON unless a string) to a file in the folder; returns its path. */
  const file = (name: string, content: unknown) => {
    const path = pathOf(name);
    writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
    return path;
  };
  return { file, pathOf };
}
