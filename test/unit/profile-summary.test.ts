import { expect } from "chai";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { groupOf, summarizeProfiles } from "../bench/profile-summary.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const frame = (functionName: string, url: string) => ({ functionName, url, lineNumber: 0 });

describe("benchmark profile summary", () => {
  it("groups frames by package, project folder, Node and V8", () => {
    const inProject = (path: string) => pathToFileURL(join(root, path)).href;
    expect(
      [
        frame("insertMany", inProject("node_modules/mongodb/lib/collection.js")),
        frame("request", inProject("node_modules/@nats-io/nats-core/lib/nats.js")),
        frame("append", inProject("adapters/mongo/mongo-actor-store.ts")),
        frame("decideBatch", inProject("runtime/decide-batch.ts")),
        frame("readFile", "node:fs"),
        frame("(garbage collector)", ""),
      ].map(groupOf),
    ).to.deep.equal([
      "mongodb",
      "@nats-io/nats-core",
      "adapters/mongo/",
      "runtime/",
      "node: (Node's internals)",
      "(garbage collector)",
    ]);
  });

  it("sums self time over profiles, idle apart", async () => {
    const dir = await mkdtemp(join(tmpdir(), "profile-summary-"));
    try {
      const nodes = [
        { id: 1, callFrame: frame("(root)", "") },
        { id: 2, callFrame: frame("(idle)", "") },
        { id: 3, callFrame: frame("work", pathToFileURL(join(root, "runtime/activation.ts")).href) },
        { id: 4, callFrame: frame("(garbage collector)", "") },
      ];
      // The interval after a sample is its self time: 3 gets 3 + 1 ms, 4 gets 2 ms, 2 (idle) 5 ms.
      const profile = {
        nodes,
        startTime: 0,
        endTime: 11_000,
        samples: [3, 4, 2, 3],
        timeDeltas: [0, 3_000, 2_000, 5_000],
      };
      const files = [join(dir, "a.cpuprofile"), join(dir, "b.cpuprofile")];
      for (const file of files) await writeFile(file, JSON.stringify(profile));
      const summary = await summarizeProfiles(files);
      expect(summary.idleMs).to.equal(10);
      expect(summary.busyMs).to.equal(10);
      expect(summary.groups.map((group) => [group.name, group.selfMs, group.share])).to.deep.equal([
        ["runtime/", 6, 0.6],
        ["(garbage collector)", 4, 0.4],
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
