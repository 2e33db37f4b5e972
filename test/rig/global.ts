import { randomBytes } from "node:crypto";
import { startMongo, startNats, type RunningServer } from "./servers.js";

/**
 * Mocha global fixture (loaded through .mocharc.json `require`). Servers start lazily on the first call to
 * `rigServers()`, so a run of unit tests alone starts nothing; whatever started is stopped after the run.
 */
export interface RigServers {
  readonly natsUrl: string;
  readonly mongoUrl: string;
  readonly mongoKind: string;
}

const started: RunningServer[] = [];
let servers: Promise<RigServers> | undefined;

export function rigServers(): Promise<RigServers> {
  servers ??= (async () => {
    const [nats, mongo] = await Promise.all([startNats(), startMongo()]);
    started.push(nats, mongo);
    return { natsUrl: nats.url, mongoUrl: mongo.url, mongoKind: mongo.kind };
  })();
  return servers;
}

/** A database name of its own for each test file: `[a-z0-9_]`, at most 40 characters. */
export function uniqueDatabaseName(prefix: string): string {
  const clean = prefix
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, "_")
    .slice(0, 24);
  return `${clean}_${randomBytes(6).toString("hex")}`;
}

export async function mochaGlobalTeardown(): Promise<void> {
  await Promise.all(started.splice(0).map((server) => server.stop()));
}
