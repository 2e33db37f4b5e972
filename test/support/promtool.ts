import { findBinary } from "../rig/servers.js";

/** A binary of Debian's `prometheus` or `prometheus-alertmanager` package (.ci/run installs both): on PATH, else /usr/bin. */
function prometheusPackageBinary(name: string): string {
  const binary = findBinary(name, [`/usr/bin/${name}`]);
  if (binary !== undefined) return binary;
  throw new Error(
    `${name} not found: install Debian's prometheus and prometheus-alertmanager packages, as .ci/run does`,
  );
}

export const promtool = (): string => prometheusPackageBinary("promtool");
export const prometheusServer = (): string => prometheusPackageBinary("prometheus");
export const amtool = (): string => prometheusPackageBinary("amtool");
export const alertmanagerServer = (): string => prometheusPackageBinary("prometheus-alertmanager");
