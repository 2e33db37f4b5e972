import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

/** The repository's root and its deploy/ folder (the compose file's relative paths start there). */
export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
export const deployDir = join(repoRoot, "deploy");
export const composePath = join(deployDir, "docker-compose.yml");

/** The parts of a compose service the deployment tests read (the Compose specification allows more). */
export interface ComposeService {
  readonly image?: string;
  readonly build?: { readonly context: string; readonly dockerfile?: string };
  readonly command?: readonly string[];
  readonly environment?: Record<string, string>;
  readonly volumes?: readonly string[];
  readonly ports?: readonly string[];
  readonly secrets?: readonly string[];
  readonly depends_on?: Record<string, { readonly condition: string }>;
  readonly healthcheck?: { readonly test?: readonly string[]; readonly disable?: boolean };
}

export interface ComposeFile {
  readonly name?: string;
  readonly services: Record<string, ComposeService>;
  readonly secrets?: Record<string, { readonly file: string }>;
  readonly volumes?: Record<string, unknown>;
}

/** Parses a YAML file with merge keys (`<<: *anchor`) resolved, as Docker Compose reads them. */
export function readYaml(path: string): unknown {
  return parse(readFileSync(path, "utf8"), { merge: true });
}

/** A rule of deploy/prometheus/rules (alerting rules carry `alert`, recording rules `record`). */
export interface PrometheusRule {
  readonly alert?: string;
  readonly record?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

export const prometheusRulesDir = join(deployDir, "prometheus/rules");

/** The rule files of deploy/prometheus/rules (`*.yml`), as paths. */
export function prometheusRuleFiles(): string[] {
  return readdirSync(prometheusRulesDir)
    .filter((name) => name.endsWith(".yml"))
    .map((name) => join(prometheusRulesDir, name));
}

/** Every rule of every rule file, in file and group order. */
export function prometheusRules(): PrometheusRule[] {
  return prometheusRuleFiles().flatMap((file) =>
    (readYaml(file) as { groups: Array<{ rules: PrometheusRule[] }> }).groups.flatMap((group) => group.rules),
  );
}

export function readCompose(): ComposeFile {
  return readYaml(composePath) as ComposeFile;
}

/** A bind mount `./source:/target[:ro]`: the source resolved against deploy/, or undefined for a named volume. */
export function bindMount(volume: string): { source: string; target: string } | undefined {
  const [source = "", target = ""] = volume.split(":");
  if (!source.startsWith(".") && !source.startsWith("/")) return undefined;
  return { source: join(deployDir, source), target };
}

/** `127.0.0.1:9464:9464` -> host 9464, container 9464. */
export function publishedPort(mapping: string): { host: number; container: number } {
  const parts = mapping.split(":");
  return { host: Number(parts.at(-2)), container: Number(parts.at(-1)) };
}
