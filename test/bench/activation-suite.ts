import { writeFile } from "node:fs/promises";
import { defaultLimits } from "../../runtime/limits.js";
import { runActivationBench, type ActivationBenchResult, type ActivationCase } from "./activation-bench.js";
import { positiveInt } from "./env.js";
import { chooseStore, type BenchStore } from "./ferretdb-postgres.js";
import { formatProfileSummary, summarizeProfiles, type ProfileSummary } from "./profile-summary.js";
import { printTable, printVerdicts, times, type Verdict } from "./table.js";

/**
 * `npm run bench -- activation` (activation-bench.ts). Options (environment): BENCH_ACTIVATION_EVENTS (events of the
 * heavy account, 1000000), BENCH_ACTIVATION_CYCLES (20), BENCH_ACTIVATION_NEW_ACTORS (200), BENCH_HISTORY_ENTRIES
 * and BENCH_HISTORY_ACTORS (the rest of the history, 2000000 over 100000), BENCH_SNAPSHOT_EVERY_EVENTS (500),
 * BENCH_ACTIVATION_STORE (`rig`, the default, or `ferretdb-postgresql`), BENCH_ENGINE_CPU_PROFILE_DIR.
 */
export async function runActivationSuite(
  servers: { mongoUrl: string; mongoKind: string },
  machine: object,
  stamp: string,
): Promise<void> {
  const store = await chooseStore("BENCH_ACTIVATION_STORE", "rig", { url: servers.mongoUrl, kind: servers.mongoKind });
  try {
    await activationOn(store, machine, stamp);
  } finally {
    await store.stop();
  }
}

async function activationOn(store: BenchStore, machine: object, stamp: string): Promise<void> {
  const cpuProfileDir = process.env["BENCH_ENGINE_CPU_PROFILE_DIR"];
  const options = {
    mongoUrl: store.url,
    heavyEvents: positiveInt("BENCH_ACTIVATION_EVENTS", 1_000_000),
    cycles: positiveInt("BENCH_ACTIVATION_CYCLES", 20),
    newActors: positiveInt("BENCH_ACTIVATION_NEW_ACTORS", 200),
    historyEntries: positiveInt("BENCH_HISTORY_ENTRIES", 2_000_000),
    historyActors: positiveInt("BENCH_HISTORY_ACTORS", 100_000),
    snapshotEveryEvents: positiveInt("BENCH_SNAPSHOT_EVERY_EVENTS", defaultLimits.snapshotEveryEvents),
    ...(cpuProfileDir ? { cpuProfileDir } : {}),
  };
  const result = await runActivationBench(options);
  const verdicts = printActivation(result);
  const profileSummaries: Record<string, ProfileSummary> = {};
  for (const file of result.profiles) {
    const name = file.replace(/^.*\//, "").replace(/\.cpuprofile$/, "");
    profileSummaries[name] = await summarizeProfiles([file], 10);
    console.log(
      formatProfileSummary(
        `${name} (the runtime and the store's driver, in the bench process)`,
        profileSummaries[name],
      ),
    );
  }
  const file = `results/activation-${stamp}.json`;
  const { mongoUrl: _url, ...reported } = options;
  await writeFile(
    file,
    `${JSON.stringify({ benchmark: "activation against the journal's size", at: new Date().toISOString(), servers: { mongo: store.kind }, machine, options: reported, targets: verdicts, ...result, profileSummaries }, null, 2)}\n`,
  );
  console.log(`\nresults written to ${file}`);
}

function printActivation(result: ActivationBenchResult): Verdict[] {
  const { preload } = result;
  console.log(
    `\nactivation: history of ${preload.entries.toLocaleString("en")} entries over ${preload.actors.toLocaleString("en")} accounts (${preload.snapshots} snapshots) preloaded through the store in ${preload.seconds.toFixed(1)} s (${preload.entriesPerSecond.toFixed(0)} entries/s)`,
  );
  printTable(
    ["journal", "actor", "events", "activations", "cold p50 ms", "cold p99 ms", "cold max ms", "warm p50 ms"],
    result.cases.map((found) => [
      found.journal,
      found.actor,
      found.events.toLocaleString("en"),
      String(found.cold.count),
      found.cold.p50Ms.toFixed(1),
      found.cold.p99Ms.toFixed(1),
      found.cold.maxMs.toFixed(1),
      found.warm.p50Ms.toFixed(1),
    ]),
  );
  const find = (journal: ActivationCase["journal"], actor: string) =>
    result.cases.find((found) => found.journal === journal && found.actor === actor);
  const heavy = find("history", "heavy account");
  const light = find("history", "light account");
  const [newEmpty, newLoaded] = [find("empty", "brand-new account"), find("history", "brand-new account")];
  const verdicts: Verdict[] = [];
  if (heavy)
    verdicts.push({
      target: `activating an account of ${heavy.events.toLocaleString("en")} events: p99 under 50 ms`,
      achieved: `${heavy.cold.p99Ms.toFixed(1)} ms (${times(heavy.cold.p99Ms / 50)} the limit; p50 ${heavy.cold.p50Ms.toFixed(1)} ms)`,
      met: heavy.cold.p99Ms < 50,
    });
  if (heavy && light) {
    const ratio = heavy.cold.p50Ms / light.cold.p50Ms;
    verdicts.push({
      target: `activation independent of the actor's events: heavy / light (${lightEventsOf(light)} events) p50 <= 1.10`,
      achieved: `${times(ratio)} (${heavy.cold.p50Ms.toFixed(1)} vs ${light.cold.p50Ms.toFixed(1)} ms)`,
      met: atMost(ratio, 1.1),
    });
  }
  if (newEmpty && newLoaded) {
    const ratio = newLoaded.cold.p50Ms / newEmpty.cold.p50Ms;
    verdicts.push({
      target: "activation independent of the journal's size: a new actor, history / empty p50 <= 1.10",
      achieved: `${times(ratio)} (${newLoaded.cold.p50Ms.toFixed(1)} vs ${newEmpty.cold.p50Ms.toFixed(1)} ms)`,
      met: atMost(ratio, 1.1),
    });
  }
  printVerdicts("activation targets", verdicts);
  return verdicts;
}

/** Judged on the ratio as printed (two decimals): a printed 1.10x is within 1.10. */
function atMost(ratio: number, limit: number): boolean {
  return Number(ratio.toFixed(2)) <= limit;
}

function lightEventsOf(found: ActivationCase): string {
  return found.events.toLocaleString("en");
}
