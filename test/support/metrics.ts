/** One line of the Prometheus text exposition format: `name{labels} value`. */
export interface MetricSample {
  /** `name{labels}` as written, labels in the order the exporter writes them: the key of `parseExposition`. */
  readonly series: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** Every sample of an exposition text (comments and blank lines skipped; no timestamps, as prom-client writes). */
export function exposedSamples(text: string): MetricSample[] {
  const samples: MetricSample[] = [];
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const cut = line.lastIndexOf(" ");
    const series = line.slice(0, cut);
    const brace = series.indexOf("{");
    const labels =
      brace < 0
        ? {}
        : Object.fromEntries(
            [...series.slice(brace).matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, value]) => [key!, value!]),
          );
    samples.push({
      series,
      name: brace < 0 ? series : series.slice(0, brace),
      labels,
      value: Number(line.slice(cut + 1)),
    });
  }
  return samples;
}

/** Parses the text exposition format into `name{labels}` -> value, labels in the order the exporter writes them. */
export function parseExposition(text: string): Map<string, number> {
  return new Map(exposedSamples(text).map((sample) => [sample.series, sample.value]));
}

/** One series' value (`name{labels}` exactly as written), undefined when the text has no such series. */
export function sampleOf(text: string, series: string): number | undefined {
  return parseExposition(text).get(series);
}

/** An admin port's /metrics text. */
export async function fetchMetrics(adminPort: number | string, timeoutMs = 5_000): Promise<string> {
  const response = await fetch(`http://127.0.0.1:${String(adminPort)}/metrics`, {
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`/metrics on ${String(adminPort)}: HTTP ${response.status}`);
  return response.text();
}
