import { existsSync } from "node:fs";
import { delimiter, join } from "node:path";

/** A binary of Debian's `prometheus` or `prometheus-alertmanager` package (.ci/run installs both): on PATH, else /usr/bin. */
function prometheusPackageBinary(name: string): string {
  for (const dir of [...(process.env["PATH"] ?? "").split(delimiter), "/usr/bin"]) {
    const candidate = join(dir, name);
    if (dir !== "" && existsSync(candidate)) return candidate;
  }
  throw new Error(`${name} not found: install Debian's prometheus and prometheus-alertmanager packages, as .ci/run does`);
}

export const promtool = (): string => prometheusPackageBinary("promtool");
export const prometheusServer = (): string => prometheusPackageBinary("prometheus");
export const amtool = (): string => prometheusPackageBinary("amtool");
export const alertmanagerServer = (): string => prometheusPackageBinary("prometheus-alertmanager");
