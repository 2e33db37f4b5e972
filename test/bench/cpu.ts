import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

/**
 * CPU time spent, in milliseconds, by this process (the engine runs in it, with the load generator and the clients),
 * by the servers it started (its child processes, by name: ferretdb, nats-server), by a PostgreSQL postmaster and
 * its children (backends, WAL writer...), and by the whole machine (busy time of all cores). Linux /proc only;
 * elsewhere, and for a PostgreSQL given by PG_URL, those parts are left out. Processes that ended between two
 * samples take their CPU time with them: sample before closing connections.
 */
export interface CpuSample {
  readonly byProcess: Readonly<Record<string, number>>;
  readonly machineBusyMs: number;
}

const tickMs = (() => {
  try {
    return 1000 / Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim());
  } catch {
    return 10;
  }
})();

export interface ProcStat {
  readonly pid: number;
  readonly ppid: number;
  readonly name: string;
  readonly cpuMs: number;
}

/** Every process's id, parent, command name and CPU time so far (empty off Linux). */
export function processes(): ProcStat[] {
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // "pid (comm) state ppid ... utime(14) stime(15)": comm may hold spaces, so split after its closing parenthesis.
      const close = stat.lastIndexOf(")");
      const fields = stat.slice(close + 2).split(" ");
      return [
        {
          pid: Number(entry),
          ppid: Number(fields[1]),
          name: stat.slice(stat.indexOf("(") + 1, close),
          cpuMs: (Number(fields[11]) + Number(fields[12])) * tickMs,
        },
      ];
    } catch {
      return [];
    }
  });
}

export function machineBusyMs(): number {
  try {
    const [, ...ticks] = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).map(Number);
    // user nice system idle iowait irq softirq steal: busy = all but idle and iowait (guest time is within user).
    const busy = ticks.slice(0, 8).reduce((sum, value, index) => (index === 3 || index === 4 ? sum : sum + value), 0);
    return busy * tickMs;
  } catch {
    return Number.NaN;
  }
}

/** `postmasterPid`: the PostgreSQL server whose processes to count (a throwaway cluster's), if any. */
export function sampleCpu(postmasterPid?: number): CpuSample {
  const usage = process.cpuUsage();
  const byProcess: Record<string, number> = {
    "bench process (engine, load, clients)": (usage.user + usage.system) / 1000,
  };
  const all = processes();
  for (const child of all.filter((p) => p.ppid === process.pid))
    byProcess[child.name] = (byProcess[child.name] ?? 0) + child.cpuMs;
  if (postmasterPid !== undefined) {
    byProcess["postgres"] = all
      .filter((p) => p.pid === postmasterPid || p.ppid === postmasterPid)
      .reduce((sum, p) => sum + p.cpuMs, 0);
  }
  return { byProcess, machineBusyMs: machineBusyMs() };
}

/** CPU milliseconds per 1,000 updates between two samples, by process and for the machine. */
export function cpuPerThousand(before: CpuSample, after: CpuSample, updates: number): Record<string, number> {
  const per = (ms: number) => (ms / updates) * 1000;
  const result: Record<string, number> = {};
  for (const [name, ms] of Object.entries(after.byProcess)) {
    if (name in before.byProcess) result[name] = per(ms - before.byProcess[name]!);
  }
  result["machine (all cores)"] = per(after.machineBusyMs - before.machineBusyMs);
  // What the machine did besides the processes counted: other users' load on a shared machine, the kernel's work.
  result["rest of the machine"] =
    result["machine (all cores)"] -
    Object.entries(result).reduce((sum, [name, ms]) => (name.startsWith("machine") ? sum : sum + ms), 0);
  return result;
}

/**
 * CPU milliseconds (user + system) of each named process with its descendants, of this process ("load generator"),
 * and of the rest of the machine (other users of a shared machine, the kernel: they compete for the same cores).
 */
export function cpuOfProcessTrees(pids: Readonly<Record<string, number>>): Record<string, number> {
  const all = processes();
  const total = (pid: number): number =>
    all.reduce((sum, p) => (p.pid === pid ? sum + p.cpuMs : p.ppid === pid ? sum + total(p.pid) : sum), 0);
  const usage = process.cpuUsage();
  const ours = {
    ...Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, total(pid)])),
    "load generator": (usage.user + usage.system) / 1000,
  };
  return { ...ours, "rest of the machine": machineBusyMs() - Object.values(ours).reduce((sum, ms) => sum + ms, 0) };
}

/** Resident set size of a process in bytes (Linux /proc; NaN elsewhere). */
export function rssOf(pid: number): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8")
      .split("\n")
      .find((text) => text.startsWith("VmRSS:"));
    return Number(line?.split(/\s+/)[1]) * 1024;
  } catch {
    return Number.NaN;
  }
}

/** This process's children with that command name (the servers run.ts started). */
export function childPidsNamed(name: string): number[] {
  return processes()
    .filter((stat) => stat.name === name && stat.ppid === process.pid)
    .map((stat) => stat.pid);
}
