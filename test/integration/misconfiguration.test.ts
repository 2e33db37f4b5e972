import { createServer, type Server } from "node:net";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect, headers, type NatsConnection } from "@nats-io/transport-node";
import { expect } from "chai";
import { MongoClient } from "mongodb";
import { deadLetterSubject, entrySubject, streamNamesFor } from "../../adapters/nats/jetstream-entry-ingestion.js";
import { NatsActorClient } from "../../adapters/nats/nats-actor-client.js";
import { allSettings } from "../../engine/config.js";
import { defaultLimits } from "../../runtime/limits.js";
import { freePort } from "../rig/free-port.js";
import { rigServers } from "../rig/global.js";
import { startNats, type RunningServer } from "../rig/servers.js";
import { EngineProcess, type EngineExit } from "../support/engine-process.js";
import { isolatedEngineEnv } from "../support/integration.js";
import { readStoredMessages } from "../support/jetstream.js";
import { scratchFolder } from "../support/scratch-folder.js";
import { eventually } from "../support/tally.js";

/** The lines the engine printed on stderr. */
const stderrLines = (exit: EngineExit) => exit.stderr.split("\n").filter((line) => line !== "");

/** A refused start: the exit code, and stderr is exactly `lines` (strings equal, regular expressions match), no stack. */
function expectRefused(exit: EngineExit, code: number, lines: ReadonlyArray<string | RegExp>): void {
  expect(exit.code, `exit code; stderr:\n${exit.stderr}`).to.equal(code);
  const printed = stderrLines(exit);
  expect(printed, exit.stderr).to.have.length(lines.length);
  lines.forEach((line, index) => {
    if (typeof line === "string") expect(printed[index]).to.equal(line);
    else expect(printed[index]).to.match(line);
  });
  expect(exit.stderr).not.to.match(/\n\s+at /);
}

/** An address nothing listens on: a port the OS just gave back. */
async function deadAddress(scheme: string): Promise<string> {
  return `${scheme}://127.0.0.1:${await freePort()}${scheme === "mongodb" ? "/" : ""}`;
}

describe("misconfigurations: refused in one line, with an exit code (real engine processes)", function () {
  this.timeout(120_000);
  const { file, pathOf } = scratchFolder("liq-misconfig-", "block");

  describe("half-durable configurations (exit 2)", () => {
    it("refuses NATS without MongoDB, naming both settings", async () => {
      const { natsUrl } = await rigServers();
      expectRefused(await EngineProcess.runToExit({ env: { LIQ_NATS_URL: natsUrl } }), 2, [
        "configuration error: LIQ_NATS_URL is set but LIQ_MONGO_URL is not: a durable engine needs both (MongoDB keeps the journal, NATS carries commands, " +
          "events and entries); set LIQ_MONGO_URL too, or unset LIQ_NATS_URL for the embedded engine (in memory, not durable)",
      ]);
    });

    it("refuses MongoDB without NATS, naming both settings", async () => {
      const { mongoUrl } = await rigServers();
      expectRefused(await EngineProcess.runToExit({ env: { LIQ_MONGO_URL: mongoUrl } }), 2, [
        "configuration error: LIQ_MONGO_URL is set but LIQ_NATS_URL is not: a durable engine needs both (MongoDB keeps the journal, NATS carries commands, " +
          "events and entries); set LIQ_NATS_URL too, or unset LIQ_MONGO_URL for the embedded engine (in memory, not durable)",
      ]);
    });
  });

  describe("the configuration file and values (exit 2)", () => {
    it("refuses a mistyped key of the file with the nearest known one", async () => {
      const config = file("typo.json", { natsURL: "nats://127.0.0.1:4222" });
      expectRefused(await EngineProcess.runToExit({ env: { LIQ_CONFIG: config } }), 2, [
        `configuration error: ${config} (LIQ_CONFIG): natsURL is not a setting; did you mean natsUrl?`,
      ]);
    });

    it("reports every problem at once: the file's by file and key, the variables' by name, no NaN", async () => {
      const config = file("values.json", { ingestConcurrency: "abc", limits: { mailboxCapcity: 5 } });
      expectRefused(
        await EngineProcess.runToExit({
          env: { LIQ_CONFIG: config, LIQ_BATCH_SIZE_MAX: "many", LIQ_LOG_LEVEL: "verbose" },
        }),
        2,
        [
          `configuration error: ${config} (LIQ_CONFIG): limits.mailboxCapcity is not a setting; did you mean limits.mailboxCapacity?`,
          `configuration error: ${config} (LIQ_CONFIG): ingestConcurrency is "abc"; it must be an integer of at least 1`,
          'configuration error: LIQ_BATCH_SIZE_MAX is "many"; it must be an integer of at least 1',
          'configuration error: LIQ_LOG_LEVEL is "verbose"; it must be one of debug, info, warn, error',
        ],
      );
    });

    it("names the variable and the file when the file is missing or not JSON", async () => {
      const missing = pathOf("missing.json");
      expectRefused(await EngineProcess.runToExit({ env: { LIQ_CONFIG: missing } }), 2, [
        `configuration error: LIQ_CONFIG ${missing}: no such file`,
      ]);
      const broken = file("broken.json", '{"natsUrl": ');
      expectRefused(await EngineProcess.runToExit({ env: { LIQ_CONFIG: broken } }), 2, [
        new RegExp(`^configuration error: LIQ_CONFIG ${broken} is not JSON: .+`),
      ]);
    });

    it("names the variable and the file of every missing or malformed file it names", async () => {
      const env = {
        LIQ_ACCESS_FILE: pathOf("no-access.json"),
        LIQ_BANKS_FILE: file("banks.json", "{"),
        LIQ_WATERMARKS_FILE: file("watermarks.json", { accounts: { "BANKA:1": { lowWarning: 5 } } }),
        LIQ_BANK_CALLBACK_SECRETS_FILE: pathOf("no-secrets.json"),
        LIQ_GRPC_TLS_CERT: file("cert.pem", "not a certificate"),
        LIQ_GRPC_TLS_KEY: pathOf("no-key.pem"),
      };
      expectRefused(await EngineProcess.runToExit({ env }), 2, [
        new RegExp(
          `^configuration error: LIQ_WATERMARKS_FILE ${env.LIQ_WATERMARKS_FILE} accounts\\["BANKA:1"\\]\\.lowWarning must be a decimal string`,
        ),
        new RegExp(`^configuration error: LIQ_BANKS_FILE ${env.LIQ_BANKS_FILE} is not JSON: `),
        `configuration error: LIQ_BANK_CALLBACK_SECRETS_FILE ${env.LIQ_BANK_CALLBACK_SECRETS_FILE}: no such file`,
        `configuration error: LIQ_ACCESS_FILE ${env.LIQ_ACCESS_FILE}: no such file`,
        new RegExp(`^configuration error: LIQ_GRPC_TLS_CERT ${env.LIQ_GRPC_TLS_CERT}: not a PEM certificate `),
        `configuration error: LIQ_GRPC_TLS_KEY ${env.LIQ_GRPC_TLS_KEY}: no such file`,
      ]);
    });
  });

  describe("servers and addresses that cannot be used (exit 3)", () => {
    it("NATS refused: names LIQ_NATS_URL and the address", async () => {
      const natsUrl = await deadAddress("nats");
      const env = await isolatedEngineEnv({ LIQ_NATS_URL: natsUrl });
      expectRefused(await EngineProcess.runToExit({ env }), 3, [
        `cannot start: cannot connect to NATS at ${natsUrl} (LIQ_NATS_URL): connection refused; start nats-server with JetStream (-js) there, or change LIQ_NATS_URL`,
      ]);
    });

    it("MongoDB unreachable: waits LIQ_MONGO_SERVER_SELECTION_TIMEOUT_MS, then names LIQ_MONGO_URL and the address", async () => {
      const mongoUrl = await deadAddress("mongodb");
      const env = await isolatedEngineEnv({ LIQ_MONGO_URL: mongoUrl, LIQ_MONGO_SERVER_SELECTION_TIMEOUT_MS: "1000" });
      const started = Date.now();
      const exit = await EngineProcess.runToExit({ env });
      expectRefused(exit, 3, [
        new RegExp(
          `^cannot start: cannot reach MongoDB at ${mongoUrl} \\(LIQ_MONGO_URL\\) within 1000 ms \\(LIQ_MONGO_SERVER_SELECTION_TIMEOUT_MS\\): .*ECONNREFUSED.*; ` +
            "start MongoDB there, or change LIQ_MONGO_URL$",
        ),
      ]);
      expect(Date.now() - started, "bounded by the setting, not the default 10 s").to.be.lessThan(10_000);
    });

    it("both unreachable: both reported", async () => {
      const [natsUrl, mongoUrl] = [await deadAddress("nats"), await deadAddress("mongodb")];
      const env = await isolatedEngineEnv({
        LIQ_NATS_URL: natsUrl,
        LIQ_MONGO_URL: mongoUrl,
        LIQ_MONGO_SERVER_SELECTION_TIMEOUT_MS: "500",
      });
      expectRefused(await EngineProcess.runToExit({ env }), 3, [
        new RegExp(`^cannot start: cannot reach MongoDB at ${mongoUrl} \\(LIQ_MONGO_URL\\) within 500 ms`),
        new RegExp(`^cannot start: cannot connect to NATS at ${natsUrl} \\(LIQ_NATS_URL\\): connection refused`),
      ]);
    });

    describe("a NATS server without JetStream", () => {
      let plainNats: RunningServer;
      before(async () => {
        plainNats = await startNats({ jetStream: false });
      });
      after(() => plainNats.stop());

      it("names LIQ_NATS_URL, the address, and -js", async () => {
        const env = await isolatedEngineEnv({ LIQ_NATS_URL: plainNats.url });
        expectRefused(await EngineProcess.runToExit({ env }), 3, [
          `cannot start: NATS at ${plainNats.url} (LIQ_NATS_URL) has no JetStream (jetstream is not enabled); ` +
            "start nats-server with -js (or a jetstream block in its configuration), or point LIQ_NATS_URL at one that has it",
        ]);
      });
    });

    describe("a port in use", () => {
      let occupied: Server;
      let port: number;
      before(async () => {
        occupied = createServer();
        await new Promise<void>((resolve) => occupied.listen(0, "127.0.0.1", resolve));
        port = (occupied.address() as { port: number }).port;
      });
      after(() => new Promise<void>((resolve) => occupied.close(() => resolve())));

      for (const [variable, what] of [
        ["LIQ_GRPC_PORT", "the gRPC API"],
        ["LIQ_ADMIN_PORT", "the admin HTTP server"],
      ] as const) {
        it(`${variable}: names the host and port variables and the address, before anything connects`, async () => {
          const env = await isolatedEngineEnv({ [variable]: String(port) });
          const hostVariable = variable.replace("PORT", "HOST");
          expectRefused(await EngineProcess.runToExit({ env }), 3, [
            `cannot start: cannot listen on 127.0.0.1:${port} for ${what} (${hostVariable}, ${variable}): the address is already in use; ` +
              `stop what uses it, or set ${variable} to a free port (0 picks one)`,
          ]);
        });
      }
    });
  });

  describe("arguments and warnings", () => {
    it("--help prints every setting (variable, file key, default) and exits 0 without starting", async () => {
      const exit = await EngineProcess.runToExit({ env: {}, args: ["--help"] });
      expect(exit.code, exit.stderr).to.equal(0);
      expect(exit.stdout).not.to.contain('"event":"ready"');
      const lines = exit.stdout.split("\n");
      for (const setting of allSettings) {
        const line = lines.find((candidate) => candidate.startsWith(`${setting.env} `));
        expect(line, setting.env).to.be.a("string");
        if (setting.key !== "") expect(line).to.contain(` ${setting.key} `);
      }
      expect(stderrLines(exit)).to.deep.equal([]);
    });

    it("--version prints the version and exits 0; an unknown argument is a usage error (exit 2)", async () => {
      const version = await EngineProcess.runToExit({ env: {}, args: ["--version"] });
      expect([version.code, version.stdout]).to.deep.equal([0, "liquidity-engine 0.1.0\n"]);
      expectRefused(await EngineProcess.runToExit({ env: {}, args: ["--port", "1"] }), 2, [
        "usage error: --port 1 is not an argument of the engine; it takes only --help or --version (settings are LIQ_ variables)",
      ]);
    });

    it("warns once about an unknown LIQ_ variable with the nearest name, not about the client's or the tests', and takes LIQ_LOG_LEVEL=debug", async () => {
      const engine = await EngineProcess.start({
        env: {
          LIQ_NATS_URI: "nats://127.0.0.1:4222",
          LIQ_SERVER: "localhost:50051",
          LIQ_TOKEN: "t",
          LIQ_TOKEN_FILE: "f",
          LIQ_CA_FILE: "c",
          LIQ_TEST_SEED: "1",
          LIQ_LOG_LEVEL: "debug",
        },
      });
      try {
        expect(
          engine.logs
            .filter((line) => line["level"] === "warn" && String(line["msg"]).includes("not a setting"))
            .map((line) => line["msg"]),
        ).to.deep.equal(["LIQ_NATS_URI is not a setting; did you mean LIQ_NATS_URL?"]);
        expect(engine.logs.some((line) => line["level"] === "debug" && line["msg"] === "configuration")).to.equal(true);
      } finally {
        await engine.stop();
      }
    });
  });
});

describe("an in-memory engine next to a durable one never takes its entries", function () {
  this.timeout(120_000);
  const accounts = 10;
  let env: Record<string, string>;
  let durable: EngineProcess | undefined;
  let embedded: EngineProcess | undefined;
  let nc: NatsConnection;
  let mongo: MongoClient;

  before(async () => {
    env = await isolatedEngineEnv();
    nc = await connect({ servers: env["LIQ_NATS_URL"]! });
    mongo = await MongoClient.connect(env["LIQ_MONGO_URL"]!);
  });
  after(async () => {
    await embedded?.stop();
    await durable?.stop();
    await mongo.close();
    await nc.close();
  });

  it("refuses the half-durable engine, runs the embedded one beside the durable one, and every entry reaches the durable one", async () => {
    const prefix = env["LIQ_SUBJECT_PREFIX"]!;
    durable = await EngineProcess.start({ env });
    // What a user who forgot LIQ_MONGO_URL starts: the durable engine's NATS and prefix, state in memory.
    const { LIQ_MONGO_URL: _forgotten, ...halfDurable } = env;
    const refused = await EngineProcess.runToExit({ env: halfDurable });
    expect(
      refused.code,
      `the half-durable engine must not start; it printed:\n${refused.stdout}${refused.stderr}`,
    ).to.equal(2);
    expect(stderrLines(refused)).to.deep.equal([
      "configuration error: LIQ_NATS_URL is set but LIQ_MONGO_URL is not: a durable engine needs both (MongoDB keeps the journal, NATS carries commands, " +
        "events and entries); set LIQ_MONGO_URL too, or unset LIQ_NATS_URL for the embedded engine (in memory, not durable)",
    ]);
    embedded = await EngineProcess.start({ env: { LIQ_SUBJECT_PREFIX: prefix } });
    expect(embedded.lines[0]).to.deep.include({ store: "memory", transport: "none" });

    const commands = new NatsActorClient(nc, prefix, defaultLimits.partitionCount, "tests");
    for (let account = 0; account < accounts; account++) {
      const reply = await commands.send({
        kind: "account",
        actorId: `SIDE:${account}`,
        commandId: "open",
        type: "open",
        payload: { bankCode: "SIDE", accountNumber: String(account), currency: "EUR", pool: "side" },
      });
      expect(reply.ok, JSON.stringify(reply)).to.equal(true);
    }
    const js = jetstream(nc);
    const publishHeaders = headers();
    publishHeaders.set("Liq-Principal", "core-banking");
    for (let entry = 0; entry < accounts * 5; entry++) {
      const body = { entryId: `S-${entry}`, direction: "credit", amount: "1.00", currency: "EUR" };
      await js.publish(
        entrySubject(prefix, "SIDE", String(entry % accounts)),
        new TextEncoder().encode(JSON.stringify(body)),
        { msgID: `S-${entry}`, headers: publishHeaders },
      );
    }
    const journaled = () =>
      mongo.db(env["LIQ_MONGO_DB"]).collection("journal").countDocuments({ commandType: "recordEntry" });
    // Acks follow the journal writes: the consumer is settled once the last ack has reached the server.
    const settled = async () => {
      const consumer = await (
        await jetstreamManager(nc)
      ).consumers.info(streamNamesFor(prefix).entries, `${prefix}-ingest`);
      return consumer.num_pending === 0 && consumer.num_ack_pending === 0;
    };
    await eventually(
      "every entry journaled by the durable engine and acked",
      async () => (await journaled()) === accounts * 5 && (await settled()),
      30_000,
      100,
    );
    expect(await readStoredMessages(nc, streamNamesFor(prefix).deadLetters, deadLetterSubject(prefix))).to.deep.equal(
      [],
    );
  });
});
