/** A target of a suite, reported as met or not, never enforced (the benchmarks assert nothing). */
export interface Verdict {
  readonly target: string;
  readonly achieved: string;
  /** Undefined: not measured, or not judged (too short a run). */
  readonly met: boolean | undefined;
}

/** Columns padded to their widest cell. */
export function printTable(header: readonly string[], lines: readonly string[][]): void {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column]?.length ?? 0)),
  );
  const format = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join("  ");
  console.log(format(header));
  console.log(widths.map((width) => "-".repeat(width)).join("  "));
  for (const line of lines) console.log(format(line));
}

export function printVerdicts(title: string, verdicts: readonly Verdict[]): void {
  console.log(`\n${title} (reported, not enforced):`);
  printTable(
    ["target", "achieved", ""],
    verdicts.map((verdict) => [
      verdict.target,
      verdict.achieved,
      verdict.met === undefined ? "" : verdict.met ? "met" : "NOT met",
    ]),
  );
}

/** A ratio as the tables print it: `1.23x`. */
export function times(ratio: number): string {
  return Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : "n/a";
}

/** The value at quantile `q` of ascending `sorted` (NaN when empty). */
export function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}
