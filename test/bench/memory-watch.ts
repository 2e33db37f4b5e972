/** A phase's wall and CPU time and the most memory seen while it ran. */
export interface PhaseMemory {
  readonly seconds: number;
  readonly cpuSeconds: number;
  /** Before the phase, and the highest seen during it (sampled every 10 ms, and at its end), in MiB. */
  readonly rssStartMiB: number;
  readonly rssPeakMiB: number;
  readonly heapStartMiB: number;
  readonly heapPeakMiB: number;
}

const sampleEveryMs = 10;
const mib = 2 ** 20;

/**
 * Times phases and samples `process.memoryUsage()` while each runs. A timer samples only when the event loop is
 * free: a synchronous stretch (a parse) is seen at its end, with what it built still held, not at its very top.
 */
export class MemoryWatch {
  async phase<T>(run: () => Promise<T>): Promise<{ value: T; memory: PhaseMemory }> {
    const start = process.memoryUsage();
    let rssPeak = start.rss;
    let heapPeak = start.heapUsed;
    const sample = () => {
      const now = process.memoryUsage();
      rssPeak = Math.max(rssPeak, now.rss);
      heapPeak = Math.max(heapPeak, now.heapUsed);
    };
    const timer = setInterval(sample, sampleEveryMs);
    const cpuAtStart = process.cpuUsage();
    const started = performance.now();
    try {
      const value = await run();
      sample();
      const cpu = process.cpuUsage(cpuAtStart);
      return {
        value,
        memory: {
          seconds: (performance.now() - started) / 1000,
          cpuSeconds: (cpu.user + cpu.system) / 1e6,
          rssStartMiB: start.rss / mib,
          rssPeakMiB: rssPeak / mib,
          heapStartMiB: start.heapUsed / mib,
          heapPeakMiB: heapPeak / mib,
        },
      };
    } finally {
      clearInterval(timer);
    }
  }
}
