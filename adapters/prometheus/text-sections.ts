import type { Registry } from "prom-client";

/**
 * Metric families a registry's owner writes in Prometheus's text format itself, after prom-client's: for series so
 * many that prom-client's per-series work (hashing labels on `set`, formatting them at every scrape) would hold the
 * event loop for a large part of a second at each scrape. A section returns whole lines, each ending in "\n".
 */
const sections = new WeakMap<Registry, Array<() => string>>();

export function registerTextSection(registry: Registry, section: () => string): void {
  const list = sections.get(registry);
  if (list) list.push(section);
  else sections.set(registry, [section]);
}

/** What `/metrics` serves: the registry's metrics, then its text sections. */
export async function metricsText(registry: Registry): Promise<string> {
  const text = await registry.metrics();
  const extra = (sections.get(registry) ?? []).map((section) => section()).join("");
  if (extra === "") return text;
  // OpenMetrics ends with "# EOF": the sections go before it.
  const eof = "# EOF\n";
  return text.endsWith(eof) ? `${text.slice(0, -eof.length)}${extra}${eof}` : `${text}\n${extra}`;
}

/** A label value as the text format writes it. */
export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** A help text as the text format writes it. */
export function escapeHelp(help: string): string {
  return help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

/** A sample value as the text format writes it, the non-finite ones included. */
export function sampleValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  return String(value);
}
