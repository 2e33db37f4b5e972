import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { Ajv } from "ajv";
import { expect } from "chai";
import { DCLinter } from "dclint";
import { defaultTransferPolicy } from "../../actors/transfer/policy.js";
import { loadAccessFile } from "../../adapters/grpc/access.js";
import { applySetup } from "../../simulator/setup.js";
import { BankSimulator } from "../../simulator/simulator.js";
import { loadCallbackSecrets } from "../../engine/callback-secrets.js";
import { loadBanksConfig } from "../../engine/banks-config.js";
import { loadWatermarks } from "../../engine/watermarks.js";
import { limitEnvName, loadConfig } from "../../engine/config.js";
import { defaultLimits } from "../../runtime/limits.js";
import { silentLogger } from "../../runtime/logger.js";
import {
  bindMount,
  composePath,
  deployDir,
  publishedPort,
  readCompose,
  readYaml,
  repoRoot,
  type ComposeService,
} from "../support/deploy.js";

/**
 * deploy/docker-compose.yml, checked without a Docker engine: against the Compose specification's JSON schema
 * (the copy dclint ships), by dclint's rules, and for consistency with the engine's configuration, the files it
 * mounts, the NATS and MongoDB clusters it describes, Prometheus and Grafana.
 */
const compose = readCompose();
const services = compose.services;
const service = (name: string): ComposeService => {
  const found = services[name];
  if (!found) throw new Error(`no service ${name} in ${composePath}`);
  return found;
};
const env = (name: string): Record<string, string> => service(name).environment ?? {};
const servicesMatching = (pattern: RegExp) =>
  Object.keys(services)
    .filter((name) => pattern.test(name))
    .sort();

/** Every LIQ_ variable engine/config.ts reads: named literally, limits (`limitEnvName`) and the transfer policy. */
function knownEngineVariables(): Set<string> {
  const source = readFileSync(join(repoRoot, "engine/config.ts"), "utf8");
  const literal = [...source.matchAll(/"(LIQ_[A-Z0-9_]+)"/g)].map((match) => match[1]!);
  const limits = Object.keys(defaultLimits).map(limitEnvName);
  const policy = Object.keys(defaultTransferPolicy).map((name) => limitEnvName(name).replace(/^LIQ_/, "LIQ_TRANSFER_"));
  return new Set([...literal, ...limits, ...policy]);
}

/** Where a path inside a service's container comes from in the repository (bind mounts and secrets). */
function hostPath(serviceName: string, containerPath: string): string {
  for (const volume of service(serviceName).volumes ?? []) {
    const mount = bindMount(volume);
    if (mount && (containerPath === mount.target || containerPath.startsWith(`${mount.target}/`)))
      return join(mount.source, containerPath.slice(mount.target.length));
  }
  const secret = /^\/run\/secrets\/([a-z_]+)$/.exec(containerPath)?.[1];
  if (secret && service(serviceName).secrets?.includes(secret))
    return join(deployDir, compose.secrets?.[secret]?.file ?? "");
  throw new Error(`${serviceName}: ${containerPath} is not mounted from the repository`);
}

const composeSchemaPath = join(
  createRequire(import.meta.url).resolve("dclint/package.json"),
  "../schemas/compose.schema.json",
);

describe("deploy/docker-compose.yml", () => {
  describe("the Compose specification", () => {
    // The schema names its meta-schema by an https URL Ajv does not know (it has http://json-schema.org/draft-07/schema),
    // so `$schema` is dropped; Ajv's default is draft-07. The same options as dclint's own validation.
    const { $schema: _metaSchema, ...composeSchema } = JSON.parse(readFileSync(composeSchemaPath, "utf8")) as Record<
      string,
      unknown
    >;
    const validate = new Ajv({ allErrors: true, strict: false, allowUnionTypes: true, logger: false }).compile(
      composeSchema,
    );

    it("validates against the compose-spec JSON schema", () => {
      const valid = validate(readYaml(composePath));
      expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).to.deep.equal([]);
      expect(valid).to.equal(true);
    });

    it("the schema does catch a malformed service (the check is not vacuous)", () => {
      const broken = {
        services: {
          engine: { image: "x:1", depends_on: { nats: { condition: "when_ready" } }, restart_policy: "always" },
        },
      };
      expect(validate(broken)).to.equal(false);
      expect(validate.errors?.map((error) => error.instancePath)).to.include("/services/engine");
    });

    it("passes dclint with its correctness and security rules (ordering rules off: the file reads top-down)", () => {
      const linter = new DCLinter({
        quiet: false,
        debug: false,
        exclude: [],
        rules: {
          "require-quotes-in-ports": [2, { quoteType: "double" }],
          // The engine, simulator and feed share one built image: `image` names what `build` produces.
          "no-build-and-image": 0,
          "service-keys-order": 0,
          "services-alphabetical-order": 0,
          "service-dependencies-alphabetical-order": 0,
          "service-ports-alphabetical-order": 0,
          "top-level-properties-order": 0,
        },
      });
      const [result] = linter.lintFiles([composePath], false);
      expect(
        result?.messages.map(
          (message: { line: number; rule: string; message: string }) =>
            `${message.line}: ${message.rule}: ${message.message}`,
        ),
      ).to.deep.equal([]);
    });
  });

  describe("services", () => {
    it("has the MongoDB replica set, the NATS cluster, the engine, the bank simulator, the demo feed, Prometheus and Grafana", () => {
      expect(Object.keys(services)).to.include.members([
        "mongo1",
        "mongo2",
        "mongo3",
        "mongo-init",
        "nats-1",
        "nats-2",
        "nats-3",
        "engine",
        "bank-simulator",
        "demo-feed",
        "prometheus",
        "grafana",
      ]);
    });

    it("builds the engine, the simulator and the feed from the repository's Dockerfile, and pins every other image's version", () => {
      for (const [name, definition] of Object.entries(services)) {
        if (definition.build) {
          expect(join(deployDir, definition.build.context), name).to.equal(repoRoot.replace(/\/$/, ""));
          expect(existsSync(join(repoRoot, definition.build.dockerfile ?? "Dockerfile")), name).to.equal(true);
        } else {
          expect(definition.image, name).to.match(/^[a-z0-9/._-]+:v?[0-9][A-Za-z0-9._-]*$/);
        }
      }
    });

    it("runs commands of the compiled code that exist as sources (test/deploy/build.test.ts checks the compiled files)", () => {
      for (const [name, definition] of Object.entries(services).filter(([, definition]) => definition.build)) {
        const [node, script] = definition.command ?? [];
        expect(node, name).to.equal("node");
        const source = /^dist\/(bin\/[a-z-]+)\.js$/.exec(script ?? "")?.[1];
        expect(source, `${name}: ${String(script)}`).to.be.a("string");
        expect(existsSync(join(repoRoot, `${source!}.ts`)), `${name}: ${source!}.ts`).to.equal(true);
      }
    });

    it("mounts only files and folders that exist in the repository", () => {
      for (const [name, definition] of Object.entries(services)) {
        for (const volume of definition.volumes ?? []) {
          const mount = bindMount(volume);
          if (mount) expect(existsSync(mount.source), `${name}: ${volume}`).to.equal(true);
          else expect(compose.volumes, `${name}: named volume ${volume}`).to.have.property(volume.split(":")[0]!);
        }
        for (const secret of definition.secrets ?? [])
          expect(compose.secrets, `${name}: secret ${secret}`).to.have.property(secret);
      }
      for (const [name, secret] of Object.entries(compose.secrets ?? {}))
        expect(statSync(join(deployDir, secret.file)).isFile(), `secret ${name}`).to.equal(true);
    });

    it("publishes each host port once, on loopback only", () => {
      const published = Object.entries(services).flatMap(([name, definition]) =>
        (definition.ports ?? []).map((mapping) => ({ name, mapping, ...publishedPort(mapping) })),
      );
      const hostPorts = published.map((port) => port.host);
      expect(new Set(hostPorts).size, JSON.stringify(published)).to.equal(hostPorts.length);
      for (const port of published) expect(port.mapping, port.name).to.match(/^127\.0\.0\.1:\d+:\d+$/);
    });

    it("depends only on services that exist, waiting for health where a healthcheck exists and for completion of one-shot jobs", () => {
      for (const [name, definition] of Object.entries(services)) {
        for (const [target, { condition }] of Object.entries(definition.depends_on ?? {})) {
          const dependency = service(target);
          if (condition === "service_healthy") {
            // A compose healthcheck, or the image's HEALTHCHECK (the Dockerfile has one) when not disabled.
            expect(
              dependency.healthcheck?.disable !== true &&
                (dependency.healthcheck?.test !== undefined || dependency.build !== undefined),
              `${name} -> ${target}`,
            ).to.equal(true);
          }
          if (condition === "service_completed_successfully")
            expect(target, `${name} -> ${target}`).to.equal("mongo-init");
        }
      }
      const engine = service("engine").depends_on ?? {};
      expect(engine["mongo-init"]?.condition).to.equal("service_completed_successfully");
      for (const nats of servicesMatching(/^nats-\d$/))
        expect(engine[nats]?.condition, nats).to.equal("service_healthy");
      expect(service("demo-feed").depends_on?.["engine"]?.condition).to.equal("service_healthy");
    });
  });

  describe("the engine", () => {
    const known = knownEngineVariables();

    it("sets only LIQ_ variables that engine/config.ts reads, in every service", () => {
      expect(known.size).to.be.greaterThan(40);
      for (const [name, definition] of Object.entries(services)) {
        for (const variable of Object.keys(definition.environment ?? {}).filter((key) => key.startsWith("LIQ_"))) {
          expect(known.has(variable), `${name}: ${variable}`).to.equal(true);
        }
      }
    });

    it("loads its configuration and every file it names, as mounted", () => {
      const engineEnv = env("engine");
      const fileVariables = [
        "LIQ_ACCESS_FILE",
        "LIQ_BANKS_FILE",
        "LIQ_BANK_CALLBACK_SECRETS_FILE",
        "LIQ_WATERMARKS_FILE",
      ];
      const local = Object.fromEntries(
        Object.entries(engineEnv).map(([key, value]) => [
          key,
          fileVariables.includes(key) ? hostPath("engine", value) : value,
        ]),
      );
      const config = loadConfig(local);
      expect(config.natsStreamReplicas).to.equal(servicesMatching(/^nats-\d$/).length);
      expect(config.mongoWriteConcern).to.equal("majority");
      expect(config.access.development).to.equal(false);
      expect(loadAccessFile(config.access.file!, { perSecond: 1, burst: 1 }).tokens).to.have.length.greaterThan(0);
      expect(loadBanksConfig(config.banksFile).channels).to.have.length.greaterThan(0);
      expect(loadCallbackSecrets(config.bankCallbackSecretsFile).size).to.be.greaterThan(0);
      expect(loadWatermarks(local["LIQ_WATERMARKS_FILE"]).accounts.size).to.be.greaterThan(0);
    });

    it("publishes the gRPC and admin ports it listens on, and names its admin port in the callback URL", () => {
      const engineEnv = env("engine");
      const containerPorts = (service("engine").ports ?? []).map((mapping) => publishedPort(mapping).container);
      expect(containerPorts).to.have.members([Number(engineEnv["LIQ_GRPC_PORT"]), Number(engineEnv["LIQ_ADMIN_PORT"])]);
      expect(engineEnv["LIQ_GRPC_HOST"]).to.equal("0.0.0.0");
      expect(engineEnv["LIQ_ADMIN_HOST"]).to.equal("0.0.0.0");
      expect(engineEnv["LIQ_BANK_CALLBACK_URL"]).to.equal(
        `http://engine:${engineEnv["LIQ_ADMIN_PORT"]}/callbacks/bank`,
      );
    });

    it("reaches every NATS server of the cluster, and replicates its streams on all of them", () => {
      const natsServices = servicesMatching(/^nats-\d$/);
      expect(natsServices).to.have.length(3);
      for (const client of ["engine", "demo-feed"]) {
        const urls = (env(client)["LIQ_NATS_URL"] ?? "").split(",");
        expect(urls, client).to.have.members(
          natsServices.map((name) => `nats://${name}:${env(name)["NATS_CLIENT_PORT"]}`),
        );
      }
      expect(Number(env("engine")["LIQ_NATS_STREAM_REPLICAS"])).to.equal(natsServices.length);
    });

    it("names the MongoDB replica set that mongo-init initiates, with all its members", () => {
      const mongoServices = servicesMatching(/^mongo\d$/);
      expect(mongoServices).to.have.length(3);
      // A seed list is not a WHATWG URL: mongodb://host1,host2,host3/?replicaSet=rs0
      const [, hosts = "", query = ""] =
        /^mongodb:\/\/([^/]+)\/\?(.*)$/.exec(env("engine")["LIQ_MONGO_URL"] ?? "") ?? [];
      const replicaSet = new URLSearchParams(query).get("replicaSet");
      expect(replicaSet).to.be.a("string");
      for (const name of mongoServices) {
        const command = service(name).command ?? [];
        expect(command[command.indexOf("--replSet") + 1], name).to.equal(replicaSet);
      }
      expect(hosts.split(",")).to.have.members(mongoServices.map((name) => `${name}:27017`));
      const script = readFileSync(hostPath("mongo-init", "/scripts/init-replica-set.js"), "utf8");
      expect(script).to.include(`_id: "${replicaSet!}"`);
      expect([...script.matchAll(/host: "([a-z0-9]+:\d+)"/g)].map((match) => match[1])).to.have.members(
        mongoServices.map((name) => `${name}:27017`),
      );
      expect(service("mongo-init").command?.join(" ")).to.include("/scripts/init-replica-set.js");
    });
  });

  describe("the NATS cluster", () => {
    const natsConfig = readFileSync(join(deployDir, "nats/nats.conf"), "utf8");
    const variables = [
      ...new Set([...natsConfig.replace(/#.*$/gm, "").matchAll(/\$([A-Z0-9_]+)/g)].map((match) => match[1]!)),
    ];

    it("sets every variable of deploy/nats/nats.conf on every server, with a name of its own and routes to all three", () => {
      const natsServices = servicesMatching(/^nats-\d$/);
      expect(variables).to.include.members(["NATS_SERVER_NAME", "NATS_ROUTE_1", "NATS_STORE_DIR"]);
      for (const name of natsServices) {
        const natsEnv = env(name);
        for (const variable of variables)
          expect(natsEnv[variable], `${name}: ${variable}`).to.be.a("string").and.not.equal("");
        expect(natsEnv["NATS_SERVER_NAME"]).to.equal(name);
        const routes = variables
          .filter((variable) => variable.startsWith("NATS_ROUTE_"))
          .map((variable) => natsEnv[variable]);
        expect(routes, name).to.have.members(
          natsServices.map((server) => `nats://${server}:${env(server)["NATS_CLUSTER_PORT"]}`),
        );
        expect(service(name).volumes, name).to.include("./nats/nats.conf:/etc/nats/nats.conf:ro");
        expect(service(name).command).to.deep.equal(["--config", "/etc/nats/nats.conf"]);
        expect(service(name).healthcheck?.test?.join(" ")).to.include(`:${natsEnv["NATS_MONITOR_PORT"]}/healthz`);
      }
    });
  });

  describe("the bank simulator and the demo feed", () => {
    const simulatorEnv = env("bank-simulator");
    const setup = JSON.parse(readFileSync(hostPath("bank-simulator", simulatorEnv["SIM_CONFIG"]!), "utf8")) as {
      banks: Array<{ code: string; callbackSecret?: string }>;
    };

    it("the simulator accepts its setup file, and listens on the port it publishes", () => {
      const simulator = new BankSimulator({ seed: "0", logger: silentLogger });
      applySetup(simulator, setup);
      simulator.close();
      expect(simulatorEnv["SIM_HOST"]).to.equal("0.0.0.0");
      expect((service("bank-simulator").ports ?? []).map((mapping) => publishedPort(mapping).container)).to.deep.equal([
        Number(simulatorEnv["SIM_PORT"]),
      ]);
      expect(simulatorEnv["HEALTHCHECK_URL"]).to.equal(`http://127.0.0.1:${simulatorEnv["SIM_PORT"]}/admin/totals`);
    });

    it("every channel of the banks file is a simulated bank at the simulator's service and port, signing with the engine's secret for it", () => {
      const channels = loadBanksConfig(hostPath("engine", env("engine")["LIQ_BANKS_FILE"]!)).channels;
      const secrets = loadCallbackSecrets(hostPath("engine", env("engine")["LIQ_BANK_CALLBACK_SECRETS_FILE"]!));
      for (const channel of channels) {
        expect(channel.url, channel.id).to.equal(`http://bank-simulator:${simulatorEnv["SIM_PORT"]}`);
        const bank = setup.banks.find((candidate) => candidate.code === channel.bankCode);
        expect(bank, channel.id).to.not.equal(undefined);
        expect(bank?.callbackSecret, `${channel.bankCode}'s callback secret`).to.equal(secrets.get(channel.bankCode));
      }
      expect(new Set(channels.map((channel) => channel.bankCode))).to.have.keys(setup.banks.map((bank) => bank.code));
    });

    it("the feed reaches the engine's gRPC port with an operator token of the access file, and reads the simulator's setup", () => {
      const feedEnv = env("demo-feed");
      expect(feedEnv["FEED_GRPC_TARGET"]).to.equal(`engine:${env("engine")["LIQ_GRPC_PORT"]}`);
      const access = loadAccessFile(hostPath("engine", env("engine")["LIQ_ACCESS_FILE"]!), { perSecond: 1, burst: 1 });
      const grant = access.tokens.find(
        (token) => token.tokenSha256 === createHash("sha256").update(feedEnv["FEED_TOKEN"]!).digest("hex"),
      );
      expect(grant?.roles).to.include("operator");
      expect(readFileSync(hostPath("demo-feed", feedEnv["FEED_SETUP_FILE"]!), "utf8")).to.equal(
        readFileSync(hostPath("bank-simulator", simulatorEnv["SIM_CONFIG"]!), "utf8"),
      );
      expect(service("demo-feed").healthcheck?.disable).to.equal(true);
    });

    it("marks every credential in deploy/config as a demo value", () => {
      expect(readFileSync(join(deployDir, "config/access.json"), "utf8")).to.match(/DEMO VALUES, NOT SECRETS/);
      for (const secret of loadCallbackSecrets(join(deployDir, "config/callback-secrets.json")).values())
        expect(secret).to.match(/^DEMO-ONLY-/);
      expect(env("demo-feed")["FEED_TOKEN"]).to.match(/^demo-.*NOT-A-SECRET$/);
    });
  });

  describe("Prometheus", () => {
    const prometheus = readYaml(join(deployDir, "prometheus/prometheus.yml")) as {
      rule_files: string[];
      scrape_configs: Array<{ job_name: string; metrics_path?: string; static_configs: Array<{ targets: string[] }> }>;
    };
    /** The port each scraped service serves /metrics on, from its own configuration. */
    const metricsPorts: Record<string, number> = {
      engine: Number(env("engine")["LIQ_ADMIN_PORT"]),
      "bank-simulator": Number(env("bank-simulator")["SIM_PORT"]),
    };

    it("loads deploy/prometheus as /etc/prometheus, so the config's relative rule glob finds deploy/prometheus/rules", () => {
      expect(service("prometheus").volumes).to.include("./prometheus:/etc/prometheus:ro");
      expect(service("prometheus").command).to.include("--config.file=/etc/prometheus/prometheus.yml");
      expect(prometheus.rule_files).to.deep.equal(["rules/*.yml"]);
    });

    it("scrapes /metrics of the engine and the simulator at their compose service names and ports", () => {
      const targets = prometheus.scrape_configs.flatMap((job) =>
        job.static_configs.flatMap((group) =>
          group.targets.map((target) => ({ job: job.job_name, path: job.metrics_path, target })),
        ),
      );
      for (const [name, port] of Object.entries(metricsPorts))
        expect(
          targets.map((target) => target.target),
          name,
        ).to.include(`${name}:${port}`);
      for (const { target, path } of targets) {
        const [host = "", port] = target.split(":");
        expect(path ?? "/metrics").to.equal("/metrics");
        if (host === "localhost") continue; // Prometheus itself
        expect(services, target).to.have.property(host);
        expect(Number(port), target).to.equal(metricsPorts[host]);
      }
    });

    it("names the engine's job as the alert rules select it", () => {
      const jobs = new Set(prometheus.scrape_configs.map((job) => job.job_name));
      const rules = readdirYaml(join(deployDir, "prometheus/rules"));
      for (const job of new Set([...rules.matchAll(/job="([^"]+)"/g)].map((match) => match[1]!)))
        expect(jobs.has(job), job).to.equal(true);
    });
  });

  describe("Grafana", () => {
    const datasources = readYaml(join(deployDir, "grafana/provisioning/datasources/prometheus.yml")) as {
      apiVersion: number;
      datasources: Array<Record<string, unknown>>;
    };
    const dashboards = readYaml(join(deployDir, "grafana/provisioning/dashboards/dashboards.yml")) as {
      apiVersion: number;
      providers: Array<{ type: string; options: { path: string } }>;
    };

    it("provisions the Prometheus service as the datasource with uid prometheus", () => {
      expect(datasources.apiVersion).to.equal(1);
      expect(datasources.datasources).to.have.length(1);
      expect(datasources.datasources[0]).to.include({
        uid: "prometheus",
        type: "prometheus",
        access: "proxy",
        url: "http://prometheus:9090",
        isDefault: true,
      });
      expect((service("prometheus").ports ?? []).map((mapping) => publishedPort(mapping).container)).to.include(9090);
    });

    it("loads dashboards from the folder compose mounts deploy/grafana/dashboards at", () => {
      expect(dashboards.apiVersion).to.equal(1);
      expect(dashboards.providers).to.have.length(1);
      expect(dashboards.providers[0]?.type).to.equal("file");
      const mounts = (service("grafana").volumes ?? []).map(bindMount);
      const dashboardMount = mounts.find((mount) => mount?.source === join(deployDir, "grafana/dashboards"));
      expect(dashboardMount?.target).to.equal(dashboards.providers[0]?.options.path);
      expect(mounts.find((mount) => mount?.source === join(deployDir, "grafana/provisioning"))?.target).to.equal(
        "/etc/grafana/provisioning",
      );
    });

    it("lets anonymous visitors view, and keeps the admin login a demo value", () => {
      const grafanaEnv = env("grafana");
      expect(grafanaEnv).to.include({ GF_AUTH_ANONYMOUS_ENABLED: "true", GF_AUTH_ANONYMOUS_ORG_ROLE: "Viewer" });
      expect((service("grafana").ports ?? []).map((mapping) => publishedPort(mapping).host)).to.deep.equal([3000]);
      const home = grafanaEnv["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"];
      expect(home && (JSON.parse(readFileSync(hostPath("grafana", home), "utf8")) as { uid: string }).uid).to.equal(
        "liq-liquidity",
      );
    });

    it('finds the dashboard the README sends a newcomer to: "Liquidity", uid liq-liquidity, on the provisioned datasource', () => {
      const folder = join(deployDir, "grafana/dashboards");
      const files = existsSync(folder) ? readdirJson(folder) : [];
      const liquidity = files.find((dashboard) => dashboard["uid"] === "liq-liquidity");
      expect(liquidity, `a dashboard with uid liq-liquidity in ${folder}`).to.not.equal(undefined);
      expect(liquidity?.["title"]).to.equal("Liquidity");
      const uids = new Set(
        [...JSON.stringify(liquidity).matchAll(/"datasource":\{[^}]*"uid":"([^"]+)"/g)].map((match) => match[1]),
      );
      expect([...uids].filter((uid) => uid !== "prometheus" && !uid?.startsWith("$"))).to.deep.equal([]);
    });
  });
});

function readdirYaml(folder: string): string {
  return listFiles(folder, ".yml")
    .map((file) => readFileSync(file, "utf8"))
    .join("\n");
}

function readdirJson(folder: string): Array<Record<string, unknown>> {
  return listFiles(folder, ".json").map((file) => JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>);
}

function listFiles(folder: string, extension: string): string[] {
  return existsSync(folder)
    ? readdirSync(folder)
        .filter((name) => name.endsWith(extension))
        .map((name) => join(folder, name))
    : [];
}
