/** An open-loop load driver: requests start at a target rate whatever the answers, up to a cap in flight. */
export interface OpenLoopResult {
  /** Requests started, and of those acknowledged (answered without failure). */
  readonly sent: number;
  readonly acknowledged: number;
  /** Starts skipped because `inFlightMax` requests were already under way: the target rate was not met. */
  readonly skipped: number;
  readonly failures: number;
  readonly failureSamples: readonly string[];
  readonly seconds: number;
  /** Acknowledged requests per second over the whole run, the last answers included. */
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface OpenLoopOptions {
  readonly ratePerSecond: number;
  readonly seconds: number;
  readonly inFlightMax: number;
  /** Performs request `index` and resolves to undefined on success, or a failure description. */
  readonly send: (index: number) => Promise<string | undefined>;
}

/** Every 5 ms, starts the requests due by then (rate × elapsed time); after `seconds`, waits for those under way. */
export async function driveOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const latencies: number[] = [];
  const failureSamples: string[] = [];
  const underWay = new Set<Promise<void>>();
  let [sent, failures, skipped] = [0, 0, 0];
  const started = performance.now();
  const start = (index: number) => {
    const sentAt = performance.now();
    const request = options
      .send(index)
      .catch((error: unknown) => String(error))
      .then((failure) => {
        latencies.push(performance.now() - sentAt);
        if (failure !== undefined) {
          failures++;
          if (failureSamples.length < 3) failureSamples.push(failure);
        }
        underWay.delete(request);
      });
    underWay.add(request);
  };
  for (;;) {
    const elapsed = (performance.now() - started) / 1000;
    if (elapsed >= options.seconds) break;
    const due = Math.floor(elapsed * options.ratePerSecond) - sent - skipped;
    for (let n = 0; n < due; n++) {
      if (underWay.size >= options.inFlightMax) skipped++;
      else start(sent++);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await Promise.all(underWay);
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const at = (q: number) => (sorted.length === 0 ? Number.NaN : sorted[Math.ceil(q * sorted.length) - 1]!);
  return {
    sent,
    acknowledged: sent - failures,
    skipped,
    failures,
    failureSamples,
    seconds,
    perSecond: (sent - failures) / seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
  };
}
