import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

/**
 * "Where the time goes" from V8 CPU profiles (`.cpuprofile`, as cpu-profile.ts and the engine's profiling hook write
 * them): self time summed by group (an npm package, a folder of this project, Node's internals, the garbage
 * collector) and by function, over one or more profiles. Self time, not inclusive: the shares add up to 100%.
 */
export interface ProfileSummary {
  readonly profiles: number;
  /** Sampled time, idle excluded. */
  readonly busyMs: number;
  readonly idleMs: number;
  readonly groups: readonly ProfileShare[];
  readonly functions: readonly ProfileShare[];
}

export interface ProfileShare {
  readonly name: string;
  readonly selfMs: number;
  /** Of `busyMs`. */
  readonly share: number;
}

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface CpuProfile {
  readonly nodes: ReadonlyArray<{ readonly id: number; readonly callFrame: CallFrame }>;
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
const idle = "(idle)";

/** Sums the self time of every profile in `files` by group and by function, biggest first. */
export async function summarizeProfiles(files: readonly string[], top = 12): Promise<ProfileSummary> {
  const groups = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const file of files) {
    const profile = JSON.parse(await readFile(file, "utf8")) as CpuProfile;
    for (const [frame, ms] of selfTimes(profile)) {
      const group = groupOf(frame);
      groups.set(group, (groups.get(group) ?? 0) + ms);
      const name = `${frame.functionName || "(anonymous)"} (${group === idle ? "" : locationOf(frame)})`;
      functions.set(name, (functions.get(name) ?? 0) + ms);
    }
  }
  const idleMs = groups.get(idle) ?? 0;
  groups.delete(idle);
  for (const name of [...functions.keys()]) if (name.startsWith(idle)) functions.delete(name);
  const busyMs = [...groups.values()].reduce((sum, ms) => sum + ms, 0);
  const ranked = (map: Map<string, number>) =>
    [...map]
      .sort(([, a], [, b]) => b - a)
      .slice(0, top)
      .map(([name, selfMs]) => ({ name, selfMs, share: busyMs > 0 ? selfMs / busyMs : 0 }));
  return { profiles: files.length, busyMs, idleMs, groups: ranked(groups), functions: ranked(functions) };
}

/** Self time per call frame: each sample's interval (the delta to the next sample) goes to the frame it hit. */
function selfTimes(profile: CpuProfile): Map<CallFrame, number> {
  const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const times = new Map<CallFrame, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let index = 0; index < samples.length; index++) {
    const frame = frames.get(samples[index]!);
    const micros = deltas[index + 1] ?? 0;
    if (frame) times.set(frame, (times.get(frame) ?? 0) + micros / 1000);
  }
  return times;
}

/**
 * The package under node_modules (`mongodb`, `@nats-io/nats-core`), the project's folder (`runtime/`,
 * `adapters/mongo/`), `node:` for Node's own JavaScript, or V8's pseudo-frames: `(garbage collector)`, `(program)`
 * (native code outside JavaScript) and `(idle)`.
 */
export function groupOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (url === "") return functionName.startsWith("(") ? functionName : "(native)";
  if (url.startsWith("node:")) return "node: (Node's internals)";
  const path = url.startsWith("file://") ? fileURLToPath(url) : url;
  const modules = path.lastIndexOf("/node_modules/");
  if (modules >= 0) {
    const [first, second] = path.slice(modules + "/node_modules/".length).split("/");
    return first?.startsWith("@") ? `${first}/${second}` : (first ?? path);
  }
  if (path.startsWith(projectRoot)) {
    const parts = path.slice(projectRoot.length).split("/");
    // Layers with sub-folders per concern (adapters/mongo, actors/account) are named with it.
    const deep = ["adapters", "actors", "read-models", "test"].includes(parts[0] ?? "") && parts.length > 2;
    return `${parts.slice(0, deep ? 2 : 1).join("/")}/`;
  }
  return path;
}

function locationOf(frame: CallFrame): string {
  const path = frame.url.startsWith("file://") ? fileURLToPath(frame.url) : frame.url;
  const modules = path.lastIndexOf("/node_modules/");
  const short =
    modules >= 0
      ? path.slice(modules + "/node_modules/".length)
      : path.startsWith(projectRoot)
        ? path.slice(projectRoot.length)
        : path;
  if (short === "") return "native";
  // Modules transpiled on load (tsx) report line 0: their lines are not the source's.
  return frame.lineNumber > 0 ? `${short}:${frame.lineNumber + 1}` : short;
}

/** The summary as lines of text: groups, then functions, with their share of the busy time. */
export function formatProfileSummary(title: string, summary: ProfileSummary): string {
  const line = (share: ProfileShare) =>
    `  ${(share.share * 100).toFixed(1).padStart(5)}%  ${share.selfMs.toFixed(0).padStart(8)} ms  ${share.name}`;
  return [
    `\nwhere the time goes: ${title} (${summary.profiles} profile(s), ${(summary.busyMs / 1000).toFixed(1)} s busy, ${(summary.idleMs / 1000).toFixed(1)} s idle; self time)`,
    " by package or folder:",
    ...summary.groups.map(line),
    " by function:",
    ...summary.functions.map(line),
  ].join("\n");
}
