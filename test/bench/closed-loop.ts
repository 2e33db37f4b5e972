/** A closed-loop load driver: `concurrency` callers, each sending its next request when the last one answered. */
export interface LoadResult {
  /** Requests sent (and answered): fewer than asked for when the run reached its time limit. */
  readonly requests: number;
  /** True when the time limit stopped the run before every request was sent. */
  readonly cutShort: boolean;
  readonly failures: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** The first few failure descriptions, to say why a run failed. */
  readonly failureSamples: readonly string[];
}

/**
 * `send(index)` performs request number `index` and resolves to undefined on success, or a failure description.
 * Indices are handed out in order; after `timeLimitMs` no new request starts (those under way are awaited), so the
 * requests sent are always `0 .. result.requests - 1`.
 */
export async function driveClosedLoop(
  requests: number,
  concurrency: number,
  send: (index: number) => Promise<string | undefined>,
  timeLimitMs = Number.POSITIVE_INFINITY,
): Promise<LoadResult> {
  const latencies = new Float64Array(requests);
  const failureSamples: string[] = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  const deadline = started + timeLimitMs;
  let cutShort = false;
  const more = (): boolean => {
    if (next >= requests) return false;
    if (performance.now() < deadline) return true;
    cutShort = true;
    return false;
  };
  const caller = async (): Promise<void> => {
    while (more()) {
      const index = next++;
      const sent = performance.now();
      const failure = await send(index).catch((error: unknown) => String(error));
      latencies[index] = performance.now() - sent;
      if (failure !== undefined) {
        failures++;
        if (failureSamples.length < 3) failureSamples.push(failure);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, requests) }, caller));
  const seconds = (performance.now() - started) / 1000;
  const issued = next;
  const sorted = Array.from(latencies.subarray(0, issued)).sort((a, b) => a - b);
  return {
    requests: issued,
    cutShort,
    failures,
    seconds,
    perSecond: issued / seconds,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted.at(-1) ?? Number.NaN,
    failureSamples,
  };
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The medians over a case's rounds (the noise of a shared machine hits single runs) and its total failures. */
export function summarizeRounds(rounds: readonly LoadResult[]): {
  medianPerSecond: number;
  medianP50Ms: number;
  medianP99Ms: number;
  failures: number;
} {
  return {
    medianPerSecond: median(rounds.map((r) => r.perSecond)),
    medianP50Ms: median(rounds.map((r) => r.p50Ms)),
    medianP99Ms: median(rounds.map((r) => r.p99Ms)),
    failures: rounds.reduce((sum, r) => sum + r.failures, 0),
  };
}
