import { mkdirSync, writeFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Runs `work` under the V8 CPU profiler when `directory` is given, and writes `<name>.cpuprofile` there (open it in
 * Chrome DevTools, Performance): the measured window only, not the set-up around it.
 */
export async function profileWhile<T>(
  directory: string | undefined,
  name: string,
  work: () => Promise<T>,
): Promise<{ result: T; profile?: string }> {
  if (directory === undefined) return { result: await work() };
  const session = new Session();
  session.connect();
  try {
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
    const result = await work();
    const { profile } = await session.post("Profiler.stop");
    await mkdir(directory, { recursive: true });
    const file = join(directory, `${name}.cpuprofile`);
    await writeFile(file, JSON.stringify(profile));
    return { result, profile: file };
  } finally {
    session.disconnect();
  }
}

/**
 * The NODE_OPTIONS flag that profiles an engine process from start to exit (it writes `engine-<pid>.cpuprofile` into
 * `directory` when it exits, as the engine does on SIGTERM). Node refuses `--cpu-prof` in NODE_OPTIONS, so the flag
 * imports a module, written here, that runs the inspector's sampling profiler. With `from: "SIGUSR2"` the profiler
 * starts when the process gets that signal instead (one phase of a run, e.g. the scale bench's probes).
 */
export function engineProfileNodeOption(directory: string, from: "start" | "SIGUSR2" = "start"): string {
  const dir = resolve(directory);
  mkdirSync(dir, { recursive: true });
  const module = join(dir, from === "start" ? "start-cpu-profile.mjs" : "signal-cpu-profile.mjs");
  writeFileSync(
    module,
    [
      'import { Session } from "node:inspector";',
      'import { writeFileSync } from "node:fs";',
      "const session = new Session();",
      "session.connect();",
      'session.post("Profiler.enable");',
      "let started = false;",
      'const start = () => { if (!started) { started = true; session.post("Profiler.start"); } };',
      from === "start" ? "start();" : 'process.on("SIGUSR2", start);',
      'process.on("exit", () => started && session.post("Profiler.stop", (error, result) => {',
      `  if (!error) writeFileSync(${JSON.stringify(dir)} + "/engine-" + process.pid + ".cpuprofile", JSON.stringify(result.profile));`,
      "}));",
    ].join("\n"),
  );
  return `--import=${pathToFileURL(module).href}`;
}

/** The profile an engine process profiled by `engineProfileNodeOption(directory)` wrote when it exited. */
export function engineProfileFile(directory: string, pid: number): string {
  return join(resolve(directory), `engine-${pid}.cpuprofile`);
}

/**
 * The engine process's NODE_OPTIONS, when any is asked for: the bench's own flags, the CPU profiler's module
 * (`engineProfileNodeOption`) and the signal that makes it write a heap snapshot into a directory (SIGUSR2).
 */
export function engineNodeOptionsEnv(options: {
  readonly nodeOptions?: string | undefined;
  readonly cpuProfileDir?: string | undefined;
  /** When the CPU profile starts: at start (the default) or on SIGUSR2. */
  readonly cpuProfileFrom?: "start" | "SIGUSR2";
  readonly heapSnapshotDir?: string | undefined;
}): Record<string, string> {
  const flags = options.nodeOptions ? [options.nodeOptions] : [];
  if (options.cpuProfileDir) flags.push(engineProfileNodeOption(options.cpuProfileDir, options.cpuProfileFrom));
  if (options.heapSnapshotDir) {
    // Both would take SIGUSR2.
    if (options.cpuProfileFrom === "SIGUSR2")
      throw new Error("a heap snapshot and a CPU profile from SIGUSR2 exclude each other");
    mkdirSync(options.heapSnapshotDir, { recursive: true });
    flags.push("--heapsnapshot-signal=SIGUSR2", `--diagnostic-dir=${resolve(options.heapSnapshotDir)}`);
  }
  return flags.length > 0 ? { NODE_OPTIONS: flags.join(" ") } : {};
}
