import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

/** A binary of Debian's `prometheus` package (.ci/run installs it): on PATH, else /usr/bin. */
function prometheusPackageBinary(name: string): string {
  for (const dir of [...(process.env["PATH"] ?? "").split(delimiter), "/usr/bin"]) {
    const candidate = join(dir, name);
    if (dir !== "" && existsSync(candidate)) return candidate;
  }
  throw new Error(`${name} not found: install Debian's prometheus package (apt-get install prometheus), as .ci/run does`);
}

export const promtool = (): string => prometheusPackageBinary("promtool");
export const prometheusServer = (): string => prometheusPackageBinary("prometheus");
