import { existsSync, readdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "chai";
import { freePort } from "../rig/free-port.js";
import { rigServers } from "../rig/global.js";
import { grpcurlBinary } from "../rig/servers.js";
import { readSessions } from "../support/readme-sessions.js";
import { SessionRunner } from "../support/session-runner.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
/** The README first (it starts the engines), then the topic documents. */
const documents = [
  join(root, "README.md"),
  ...readdirSync(join(root, "docs"))
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => join(root, "docs", name)),
];
/** Files the README's sessions create in the repository root; a developer's own copies are kept aside. */
const sessionFiles = ["access.json"];

/**
 * A newcomer follows the README literally: every command of its marked sessions runs in bash from the repository
 * root and must answer what the README says it answers. A README command that stops working fails here.
 * Addresses are the test rig's (its NATS and MongoDB-wire server, free ports for the engine), nothing else changes.
 */
describe("a newcomer follows the README: every command in its sessions works as written", function () {
  this.timeout(300_000);
  const sessions = readSessions(documents);

  for (const name of ["embedded", "demo", "durable"]) {
    it(`the ${name} session`, async () => {
      const blocks = sessions.get(name) ?? [];
      expect(
        blocks.flatMap((block) => block.commands),
        `README sessions named ${name}`,
      ).to.not.be.empty;
      const runner = await runnerFor();
      const kept = keepAside();
      try {
        for (const block of blocks) await runner.runBlock(block);
      } finally {
        await runner.stop();
        kept.restore();
      }
    });
  }
});

async function runnerFor(): Promise<SessionRunner> {
  const { natsUrl, mongoUrl } = await rigServers();
  const [grpcPort, adminPort] = [await freePort(), await freePort()];
  const grpcurl = await grpcurlBinary();
  return new SessionRunner({
    env: {
      PATH: `${dirname(grpcurl)}:${process.env["PATH"] ?? ""}`,
      HOME: process.env["HOME"] ?? "",
      LIQ_GRPC_PORT: String(grpcPort),
      LIQ_ADMIN_PORT: String(adminPort),
      LIQ_SERVER: `localhost:${grpcPort}`,
    },
    rewrites: [
      ["localhost:50051", `localhost:${grpcPort}`],
      ["localhost:9464", `localhost:${adminPort}`],
      ["nats://127.0.0.1:4222", natsUrl],
      ["mongodb://127.0.0.1:27017/", mongoUrl],
    ],
  });
}

function keepAside(): { restore(): void } {
  const moved = sessionFiles.filter((file) => existsSync(join(root, file)));
  for (const file of moved) renameSync(join(root, file), join(root, `${file}.newcomer-test-kept`));
  return {
    restore() {
      for (const file of sessionFiles) rmSync(join(root, file), { force: true });
      for (const file of moved) renameSync(join(root, `${file}.newcomer-test-kept`), join(root, file));
    },
  };
}
