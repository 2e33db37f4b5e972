import { readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect } from "chai";
import { allSettings, ConfigError, loadConfig, settingsUsage, unknownVariableWarnings } from "../../engine/config.js";
import { readConfiguredFiles } from "../../engine/configured-files.js";
import { startEngine } from "../../engine/start-engine.js";
import { silentLogger } from "../../runtime/logger.js";
import { scratchFolder } from "../support/scratch-folder.js";
import { makeTestCertificates } from "../support/test-certificates.js";

/** The lines of the ConfigError that `load` throws (fails the test when it throws none). */
function problemsOf(load: () => unknown): readonly string[] {
  try {
    load();
  } catch (error) {
    expect(error).to.be.instanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  expect.fail("no configuration error");
}

describe("configuration: validated as a whole", () => {
  const { file, pathOf } = scratchFolder("liq-config-", "test");

  describe("keys of the LIQ_CONFIG file", () => {
    it("refuses an unknown key with the nearest known one, at the top level and in limits and transferPolicy", () => {
      const config = file("config.json", {
        natsURL: "nats://127.0.0.1:4222",
        limits: { mailboxCapcity: 10 },
        transferPolicy: { sendMax: 2 },
      });
      expect(problemsOf(() => loadConfig({ LIQ_CONFIG: config }))).to.deep.equal([
        `${config} (LIQ_CONFIG): natsURL is not a setting; did you mean natsUrl?`,
        `${config} (LIQ_CONFIG): limits.mailboxCapcity is not a setting; did you mean limits.mailboxCapacity?`,
        `${config} (LIQ_CONFIG): transferPolicy.sendMax is not a setting; did you mean transferPolicy.sendsMax?`,
      ]);
    });

    it("suggests the nested key for a limit written at the top level, and the key for a variable's name", () => {
      const config = file("config.json", { mailboxCapacity: 10, LIQ_GRPC_PORT: 1 });
      expect(problemsOf(() => loadConfig({ LIQ_CONFIG: config }))).to.deep.equal([
        `${config} (LIQ_CONFIG): mailboxCapacity is not a setting; did you mean limits.mailboxCapacity?`,
        `${config} (LIQ_CONFIG): LIQ_GRPC_PORT is not a setting; did you mean grpcPort?`,
      ]);
    });

    it("points at --help when no key is near", () => {
      const config = file("config.json", { colour: "blue" });
      expect(problemsOf(() => loadConfig({ LIQ_CONFIG: config }))).to.deep.equal([
        `${config} (LIQ_CONFIG): colour is not a setting (npm start -- --help lists them)`,
      ]);
    });

    it("refuses limits that are not an object", () => {
      const config = file("config.json", { limits: 5 });
      expect(problemsOf(() => loadConfig({ LIQ_CONFIG: config }))).to.deep.equal([
        `${config} (LIQ_CONFIG): limits is 5; it must be an object of settings`,
      ]);
    });

    it("accepts every known key, nested ones included", () => {
      const config = file("config.json", {
        natsStreamReplicas: 3,
        limits: { mailboxCapacity: 10, journalCoalesce: false },
        transferPolicy: { sendsMax: 2 },
      });
      const loaded = loadConfig({ LIQ_CONFIG: config });
      expect([
        loaded.natsStreamReplicas,
        loaded.limits.mailboxCapacity,
        loaded.limits.journalCoalesce,
        loaded.transferPolicy.sendsMax,
      ]).to.deep.equal([3, 10, false, 2]);
    });
  });

  describe("values", () => {
    it("names a bad value's variable, the value and what is allowed, never NaN", () => {
      expect(problemsOf(() => loadConfig({ LIQ_MAILBOX_CAPACITY: "abc" }))).to.deep.equal([
        'LIQ_MAILBOX_CAPACITY is "abc"; it must be an integer of at least 1',
      ]);
      expect(problemsOf(() => loadConfig({ LIQ_GRPC_PORT: "70000" }))).to.deep.equal([
        'LIQ_GRPC_PORT is "70000"; it must be an integer from 0 to 65535',
      ]);
      expect(problemsOf(() => loadConfig({ LIQ_INGEST_ENABLED: "yes" }))).to.deep.equal([
        'LIQ_INGEST_ENABLED is "yes"; it must be true or false',
      ]);
      expect(problemsOf(() => loadConfig({ LIQ_TRANSFER_SENDS_MAX: "1.5" }))).to.deep.equal([
        'LIQ_TRANSFER_SENDS_MAX is "1.5"; it must be an integer of at least 1',
      ]);
    });

    it("takes reconciliation's tolerances and approval threshold as exact amounts, refusing what is not one", () => {
      expect(loadConfig({}).reconciliation).to.deep.equal({
        dateToleranceDays: 2,
        amountTolerance: "0",
        approvalAbove: "10000.00",
      });
      expect(
        loadConfig({ LIQ_RECON_AMOUNT_TOLERANCE: "0.05", LIQ_RECON_DATE_TOLERANCE_DAYS: "0" }).reconciliation,
      ).to.deep.include({ amountTolerance: "0.05", dateToleranceDays: 0 });
      const amount = (example: string) =>
        `a decimal string of at least 0 with at most 4 decimal places, such as "${example}"`;
      expect(
        problemsOf(() =>
          loadConfig({
            LIQ_RECON_DATE_TOLERANCE_DAYS: "32",
            LIQ_RECON_AMOUNT_TOLERANCE: "-1",
            LIQ_RECON_APPROVAL_ABOVE: "1e4",
          }),
        ),
      ).to.deep.equal([
        'LIQ_RECON_DATE_TOLERANCE_DAYS is "32"; it must be an integer from 0 to 31',
        `LIQ_RECON_AMOUNT_TOLERANCE is "-1"; it must be ${amount("0.50")}`,
        `LIQ_RECON_APPROVAL_ABOVE is "1e4"; it must be ${amount("10000.00")}`,
      ]);
    });

    it("names a bad value in the file by the file and its key, not by the variable", () => {
      const config = file("config.json", { grpcPort: "abc", limits: { batchSizeMax: -1 }, mongoWriteConcern: 0 });
      expect(problemsOf(() => loadConfig({ LIQ_CONFIG: config }))).to.deep.equal([
        `${config} (LIQ_CONFIG): mongoWriteConcern is 0; it must be majority or a number of members of at least 1`,
        `${config} (LIQ_CONFIG): grpcPort is "abc"; it must be an integer from 0 to 65535`,
        `${config} (LIQ_CONFIG): limits.batchSizeMax is -1; it must be an integer of at least 1`,
      ]);
    });

    it("takes the reconciliation approval threshold as an exact decimal string, 10000.00 unless set", () => {
      expect(loadConfig({}).reconciliation.approvalAbove).to.equal("10000.00");
      expect(loadConfig({ LIQ_RECON_APPROVAL_ABOVE: "0" }).reconciliation.approvalAbove).to.equal("0");
      const allowed = 'a decimal string of at least 0 with at most 4 decimal places, such as "10000.00"';
      for (const value of ["-1", "1e4", "10000.00001", "10,000", "abc"])
        expect(
          problemsOf(() => loadConfig({ LIQ_RECON_APPROVAL_ABOVE: value })),
          value,
        ).to.deep.equal([`LIQ_RECON_APPROVAL_ABOVE is "${value}"; it must be ${allowed}`]);
      const config = file("config.json", { reconApprovalAbove: 5000 });
      expect(problemsOf(() => loadConfig({ LIQ_CONFIG: config }))).to.deep.equal([
        `${config} (LIQ_CONFIG): reconApprovalAbove is 5000; it must be ${allowed}`,
      ]);
      expect(
        loadConfig({ LIQ_CONFIG: file("config.json", { reconApprovalAbove: "5000.5" }) }).reconciliation.approvalAbove,
      ).to.equal("5000.5");
    });

    it("takes the variable over the file", () => {
      const config = file("config.json", { grpcPort: 7000 });
      expect(loadConfig({ LIQ_CONFIG: config, LIQ_GRPC_PORT: "7001" }).grpc.port).to.equal(7001);
    });

    it("reports every problem at once, one line each", () => {
      const config = file("config.json", { natsURL: "x", adminPort: -1 });
      expect(
        problemsOf(() => loadConfig({ LIQ_CONFIG: config, LIQ_LOG_LEVEL: "verbose", LIQ_MAILBOX_CAPACITY: "0" })),
      ).to.deep.equal([
        `${config} (LIQ_CONFIG): natsURL is not a setting; did you mean natsUrl?`,
        `${config} (LIQ_CONFIG): adminPort is -1; it must be an integer from 0 to 65535`,
        'LIQ_MAILBOX_CAPACITY is "0"; it must be an integer of at least 1',
        'LIQ_LOG_LEVEL is "verbose"; it must be one of debug, info, warn, error',
      ]);
    });

    it("never prints a password or token, nor the credentials in a URL", () => {
      const config = file("config.json", { natsPassword: 12345, natsToken: true });
      expect(problemsOf(() => loadConfig({ LIQ_CONFIG: config }))).to.deep.equal([
        `${config} (LIQ_CONFIG): natsPassword is (hidden); it must be a non-empty string`,
        `${config} (LIQ_CONFIG): natsToken is (hidden); it must be a non-empty string`,
      ]);
      const [problem] = problemsOf(() =>
        loadConfig({ LIQ_MONGO_URL: "mongo://admin:s3cret@db:27017/", LIQ_NATS_URL: "nats://127.0.0.1:4222" }),
      );
      expect(problem).to.equal(
        'LIQ_MONGO_URL is "mongo://admin:***@db:27017/"; it must be a connection string mongodb://host:port/ or mongodb+srv://...',
      );
    });

    it("refuses settings that do not go together, naming each", () => {
      expect(problemsOf(() => loadConfig({ LIQ_GRPC_TLS_CERT: "/x/cert.pem" }))).to.deep.equal([
        "LIQ_GRPC_TLS_CERT and LIQ_GRPC_TLS_KEY must be set together (LIQ_GRPC_TLS_CERT is set alone)",
      ]);
      expect(
        problemsOf(() => loadConfig({ LIQ_TRANSFER_EFFECT_GUARD_MS: "5000", LIQ_BANK_CALL_TIMEOUT_MS: "5000" })),
      ).to.deep.equal([
        "LIQ_TRANSFER_EFFECT_GUARD_MS (5000) must exceed LIQ_BANK_CALL_TIMEOUT_MS (5000): a bank call's result is awaited at least that long",
      ]);
      expect(
        problemsOf(() =>
          loadConfig({ LIQ_TRANSFER_RETRY_DELAY_MS_MIN: "2000", LIQ_TRANSFER_RETRY_DELAY_MS_MAX: "1000" }),
        ),
      ).to.deep.equal([
        "LIQ_TRANSFER_RETRY_DELAY_MS_MIN (2000) must not exceed LIQ_TRANSFER_RETRY_DELAY_MS_MAX (1000)",
      ]);
    });
  });

  describe("half-durable configurations", () => {
    it("refuses NATS without MongoDB and MongoDB without NATS, naming both settings", () => {
      expect(problemsOf(() => loadConfig({ LIQ_NATS_URL: "nats://127.0.0.1:4222" }))).to.deep.equal([
        "LIQ_NATS_URL is set but LIQ_MONGO_URL is not: a durable engine needs both (MongoDB keeps the journal, NATS carries commands, events and entries); " +
          "set LIQ_MONGO_URL too, or unset LIQ_NATS_URL for the embedded engine (in memory, not durable)",
      ]);
      const [problem] = problemsOf(() => loadConfig({ LIQ_MONGO_URL: "mongodb://127.0.0.1:27017/" }));
      expect(problem).to.match(
        /^LIQ_MONGO_URL is set but LIQ_NATS_URL is not: .*set LIQ_NATS_URL too, or unset LIQ_MONGO_URL/,
      );
    });

    it("names the file when the half comes from it", () => {
      const config = file("config.json", { natsUrl: "nats://127.0.0.1:4222" });
      const [problem] = problemsOf(() => loadConfig({ LIQ_CONFIG: config }));
      expect(problem).to.match(new RegExp(`^natsUrl in ${config} \\(LIQ_CONFIG\\) is set but LIQ_MONGO_URL is not`));
    });

    it("is refused by startEngine too, for a configuration built by hand, before anything connects", async () => {
      const handMade = { ...loadConfig({}), natsUrl: "nats://127.0.0.1:1" };
      const refusal = await startEngine(handMade, silentLogger).then(
        async (engine) => {
          await engine.stop();
          return undefined;
        },
        (error: unknown) => error,
      );
      expect(refusal).to.be.instanceOf(ConfigError);
      expect((refusal as ConfigError).problems).to.deep.equal([
        "LIQ_NATS_URL is set but LIQ_MONGO_URL is not: a durable engine needs both (MongoDB keeps the journal, NATS carries commands, events and entries); " +
          "set LIQ_MONGO_URL too, or unset LIQ_NATS_URL for the embedded engine (in memory, not durable)",
      ]);
    });

    it("takes both, or neither", () => {
      expect(loadConfig({}).natsUrl).to.equal(undefined);
      const durable = loadConfig({
        LIQ_NATS_URL: "nats://127.0.0.1:4222",
        LIQ_MONGO_URL: "mongodb://127.0.0.1:27017/",
      });
      expect([durable.natsUrl, durable.mongoUrl]).to.deep.equal([
        "nats://127.0.0.1:4222",
        "mongodb://127.0.0.1:27017/",
      ]);
    });
  });

  describe("the LIQ_CONFIG file itself", () => {
    it("names the variable and the file when it is missing, not JSON, or not an object", () => {
      const missing = pathOf("missing.json");
      expect(problemsOf(() => loadConfig({ LIQ_CONFIG: missing }))).to.deep.equal([
        `LIQ_CONFIG ${missing}: no such file`,
      ]);
      const broken = file("broken.json", '{"natsUrl": ');
      const [notJson] = problemsOf(() => loadConfig({ LIQ_CONFIG: broken }));
      expect(notJson).to.match(new RegExp(`^LIQ_CONFIG ${broken} is not JSON: `));
      const list = file("list.json", [1]);
      expect(problemsOf(() => loadConfig({ LIQ_CONFIG: list }))).to.deep.equal([
        `LIQ_CONFIG ${list} must hold a JSON object of settings, e.g. {"natsUrl": "nats://127.0.0.1:4222"}`,
      ]);
    });

    it("still reports the variables' problems when the file cannot be read", () => {
      expect(problemsOf(() => loadConfig({ LIQ_CONFIG: pathOf("missing.json"), LIQ_GRPC_PORT: "x" }))).to.have.length(
        2,
      );
    });
  });

  describe("unknown LIQ_ variables", () => {
    it("are warned about with the nearest known name", () => {
      expect(unknownVariableWarnings({ LIQ_NATS_URI: "x", LIQ_MAILBOX_CAPACTY: "1", LIQ_ZZZ: "1" })).to.deep.equal([
        "LIQ_MAILBOX_CAPACTY is not a setting; did you mean LIQ_MAILBOX_CAPACITY?",
        "LIQ_NATS_URI is not a setting; did you mean LIQ_NATS_URL?",
        "LIQ_ZZZ is not a setting (npm start -- --help lists them)",
      ]);
    });

    it("leave alone the engine's own, the command-line client's and the tests' variables, and other programs'", () => {
      const env = {
        LIQ_NATS_URL: "x",
        LIQ_TRANSFER_SENDS_MAX: "2",
        LIQ_JOURNAL_COALESCE: "true",
        LIQ_CONFIG: "c.json",
        LIQ_SERVER: "localhost:50051",
        LIQ_TOKEN: "t",
        LIQ_TOKEN_FILE: "f",
        LIQ_CA_FILE: "ca",
        LIQ_TEST_SEED: "7",
        PATH: "/bin",
      };
      expect(unknownVariableWarnings(env)).to.deep.equal([]);
    });
  });

  describe("files the configuration names", () => {
    it("reports each missing or malformed file at once, naming its variable and the file", () => {
      const banks = file("banks.json", "{");
      const secrets = file("secrets.json", { BANKA: "short" });
      const cert = file("cert.pem", "not a certificate");
      const config = loadConfig({
        LIQ_ACCESS_FILE: pathOf("access.json"),
        LIQ_BANKS_FILE: banks,
        LIQ_BANK_CALLBACK_SECRETS_FILE: secrets,
        LIQ_WATERMARKS_FILE: pathOf("watermarks.json"),
        LIQ_GRPC_TLS_CERT: cert,
        LIQ_GRPC_TLS_KEY: pathOf("key.pem"),
      });
      const problems = problemsOf(() => readConfiguredFiles(config));
      expect(problems).to.have.length(6);
      expect(problems).to.include(`LIQ_ACCESS_FILE ${pathOf("access.json")}: no such file`);
      expect(problems).to.include(`LIQ_WATERMARKS_FILE ${pathOf("watermarks.json")}: no such file`);
      expect(problems).to.include(`LIQ_GRPC_TLS_KEY ${pathOf("key.pem")}: no such file`);
      expect(problems.find((problem) => problem.startsWith(`LIQ_BANKS_FILE ${banks} is not JSON: `))).to.be.a("string");
      expect(
        problems.find((problem) => problem.startsWith(`LIQ_GRPC_TLS_CERT ${cert}: not a PEM certificate`)),
      ).to.be.a("string");
      expect(
        problems.find((problem) =>
          problem.startsWith(`LIQ_BANK_CALLBACK_SECRETS_FILE ${secrets}: the secret of BANKA`),
        ),
      ).to.be.a("string");
    });

    it("names the access file's variable when it holds no tokens", () => {
      const access = file("access.json", { tokens: [] });
      expect(problemsOf(() => readConfiguredFiles(loadConfig({ LIQ_ACCESS_FILE: access })))).to.deep.equal([
        `LIQ_ACCESS_FILE ${access}: expected {"tokens": [ ... ]} with at least one token`,
      ]);
    });

    it("refuses a TLS key that is not the certificate's", () => {
      const certificates = makeTestCertificates();
      try {
        const config = loadConfig({
          LIQ_GRPC_TLS_CERT: certificates.serverCert,
          LIQ_GRPC_TLS_KEY: certificates.clientKey,
        });
        expect(problemsOf(() => readConfiguredFiles(config))).to.deep.equal([
          `LIQ_GRPC_TLS_KEY ${certificates.clientKey}: not the private key of the certificate in LIQ_GRPC_TLS_CERT ${certificates.serverCert}`,
        ]);
        expect(
          readConfiguredFiles(
            loadConfig({ LIQ_GRPC_TLS_CERT: certificates.serverCert, LIQ_GRPC_TLS_KEY: certificates.serverKey }),
          ).access.tokens,
        ).to.have.length(1);
      } finally {
        rmSync(certificates.dir, { recursive: true, force: true });
      }
    });
  });

  describe("the list of settings", () => {
    it("prints every setting on one line with its variable, file key and default (--help)", () => {
      const lines = settingsUsage().split("\n");
      expect(lines).to.have.length(allSettings.length + 1);
      for (const setting of allSettings) {
        const line = lines.find((candidate) => candidate.startsWith(`${setting.env} `));
        expect(line, setting.env).to.be.a("string");
        if (setting.key !== "") expect(line).to.contain(` ${setting.key} `);
        expect(line).to.contain(` ${setting.fallback === undefined ? "unset" : String(setting.fallback)} `);
      }
    });

    it("is documented: docs/configuration.md names every variable", () => {
      const page = readFileSync(fileURLToPath(new URL("../../docs/configuration.md", import.meta.url)), "utf8");
      const missing = allSettings.filter((setting) => !page.includes(`\`${setting.env}\``));
      expect(missing.map((setting) => setting.env)).to.deep.equal([]);
    });
  });
});
