import { execFile, type ChildProcess } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { credentials, loadPackageDefinition, type GrpcObject, type ServiceClientConstructor } from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import { expect } from "chai";
import { DockerfileParser } from "dockerfile-ast";
import { accessFile } from "../support/access-file.js";
import { promtool } from "../support/promtool.js";
import { deployDir, readCompose, repoRoot } from "../support/deploy.js";
import { startNodeProcess, type NodeProcess } from "../support/node-process.js";

/**
 * The image's build without Docker: the Dockerfile's steps, run into a temporary folder. The build stage gets the
 * files its COPY instructions name (read from the Dockerfile) and runs `npm run build`; its `npm ci` is stood for
 * by a link to this checkout's node_modules (the same lockfile). The runtime stage gets package.json,
 * `npm ci --omit=dev` (what `npm ci` + `npm prune --omit=dev` leave) and the build's dist/, and nothing else: no
 * sources, no tsx. Then the compiled engine, bank simulator, demo feed and healthcheck run from there.
 */
const run = promisify(execFile);
let work: string;
let app: string;
const children = new Set<ChildProcess>();

/** The build stage's COPY sources, in order (the runtime stage copies from the build stage only). */
function buildStageSources(): string[] {
  const instructions = DockerfileParser.parse(readFileSync(join(repoRoot, "Dockerfile"), "utf8")).getInstructions();
  const runtimeFrom = instructions.findIndex(
    (instruction) => instruction.getKeyword() === "FROM" && instruction.getArgumentsContent()?.endsWith("AS runtime"),
  );
  return instructions
    .slice(0, runtimeFrom)
    .filter((instruction) => instruction.getKeyword() === "COPY")
    .flatMap((copy) =>
      copy
        .getArguments()
        .slice(0, -1)
        .map((argument) => argument.getValue()),
    );
}

/** Runs `node <script>` in the runtime folder with only `env` (and PATH), until it prints a JSON line with `event`. */
async function startCompiled(script: string, env: Record<string, string>, event: string): Promise<NodeProcess> {
  const started = await startNodeProcess({
    name: script,
    args: [script],
    cwd: app,
    env: { NODE_ENV: "production", ...env },
    ready: (line) => line["event"] === event,
  });
  children.add(started.child);
  return started;
}

async function stop(started: NodeProcess): Promise<number | null> {
  const code = await started.stop();
  children.delete(started.child);
  return code;
}

/** `node dist/bin/healthcheck.js` as the image's HEALTHCHECK runs it: its exit code. */
async function healthcheck(env: Record<string, string>): Promise<number> {
  try {
    await run(process.execPath, ["dist/bin/healthcheck.js"], {
      cwd: app,
      env: { PATH: process.env["PATH"] ?? "", ...env },
      timeout: 10_000,
    });
    return 0;
  } catch (error) {
    return (error as { code?: number }).code ?? -1;
  }
}

describe("the image's build, without Docker (Dockerfile steps into a temporary folder)", function () {
  this.timeout(180_000);

  before(async () => {
    work = mkdtempSync(join(tmpdir(), "liq-image-"));
    const build = join(work, "build");
    for (const source of buildStageSources()) cpSync(join(repoRoot, source), join(build, source), { recursive: true });
    symlinkSync(join(repoRoot, "node_modules"), join(build, "node_modules"), "dir");
    await run("npm", ["run", "build"], { cwd: build, timeout: 120_000 });
    app = join(work, "app");
    for (const file of ["package.json", "package-lock.json"]) cpSync(join(build, file), join(app, file));
    await run("npm", ["ci", "--omit=dev", "--ignore-scripts", "--prefer-offline", "--no-audit", "--no-fund"], {
      cwd: app,
      timeout: 120_000,
    });
    rmSync(join(app, "package-lock.json"));
    cpSync(join(build, "dist"), join(app, "dist"), { recursive: true });
  });

  after(() => {
    for (const child of children) child.kill("SIGKILL");
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("produces every script the Dockerfile and the compose file run, and the protos next to the compiled gRPC server", () => {
    const scripts = new Set(["dist/bin/engine.js", "dist/bin/healthcheck.js"]);
    for (const definition of Object.values(readCompose().services)) {
      if (definition.build) scripts.add(definition.command?.[1] ?? "");
      const test = definition.healthcheck?.test ?? [];
      if (test[1] === "node") scripts.add(test[2] ?? "");
    }
    for (const script of scripts) expect(existsSync(join(app, script)), script).to.equal(true);
    for (const proto of [
      "liquidity/v1/positions.proto",
      "liquidity/v1/transfers.proto",
      "grpc/health/v1/health.proto",
      "descriptor.binpb",
    ]) {
      expect(existsSync(join(app, "dist/protos", proto)), proto).to.equal(true);
    }
  });

  it("leaves production dependencies only: no TypeScript, tsx or test tools at run time", () => {
    for (const devOnly of ["typescript", "tsx", "mocha", "chai", "yaml"])
      expect(existsSync(join(app, "node_modules", devOnly)), devOnly).to.equal(false);
    for (const runtime of ["@grpc/grpc-js", "@nats-io/transport-node", "mongodb", "prom-client", "decimal.js"])
      expect(existsSync(join(app, "node_modules", runtime)), runtime).to.equal(true);
  });

  it("the compiled engine starts (embedded mode), answers /readyz through the HEALTHCHECK script and serves gRPC health", async () => {
    const engine = await startCompiled(
      "dist/bin/engine.js",
      { LIQ_ADMIN_PORT: "0", LIQ_GRPC_PORT: "0", LIQ_ADMIN_HOST: "127.0.0.1", LIQ_GRPC_HOST: "127.0.0.1" },
      "ready",
    );
    try {
      expect(engine.line).to.include({ store: "memory", transport: "none" });
      // Healthy once ready (publication recovered): polled, with a deadline.
      const adminPort = { LIQ_ADMIN_PORT: String(engine.line["adminPort"]) };
      let healthy = await healthcheck(adminPort);
      for (
        const deadline = Date.now() + 10_000;
        healthy !== 0 && Date.now() < deadline;
        healthy = await healthcheck(adminPort)
      );
      expect(healthy).to.equal(0);
      const health = loadPackageDefinition(
        loadSync("grpc/health/v1/health.proto", { enums: String, includeDirs: [join(app, "dist/protos")] }),
      );
      const Health = ((health["grpc"] as GrpcObject)["health"] as GrpcObject)["v1"] as GrpcObject;
      const client = new (Health["Health"] as ServiceClientConstructor)(
        `127.0.0.1:${String(engine.line["grpcPort"])}`,
        credentials.createInsecure(),
      );
      const check = () =>
        new Promise<string>((resolve, reject) =>
          client["Check"]!({ service: "liquidity.v1.Positions" }, (error: Error | null, value: { status: string }) =>
            error ? reject(error) : resolve(value.status),
          ),
        );
      // SERVING once publication recovery is done (docs/observability.md "Metrics and health"): polled, with a deadline.
      let status = await check();
      for (const deadline = Date.now() + 10_000; status !== "SERVING" && Date.now() < deadline; status = await check())
        await new Promise((resolve) => setTimeout(resolve, 100));
      client.close();
      expect(status).to.equal("SERVING");
    } finally {
      expect(await stop(engine)).to.equal(0);
    }
  });

  it("the HEALTHCHECK script fails when nothing answers", async () => {
    expect(await healthcheck({ HEALTHCHECK_URL: "http://127.0.0.1:9/healthz" })).to.equal(1);
  });

  it("the compiled bank simulator starts with the deployment's setup, answers its healthcheck URL and serves /metrics that promtool accepts", async () => {
    const simulator = await startCompiled(
      "dist/bin/bank-simulator.js",
      { SIM_HOST: "127.0.0.1", SIM_PORT: "0", SIM_CONFIG: join(deployDir, "config/simulator.json") },
      "listening",
    );
    try {
      const base = `http://127.0.0.1:${String(simulator.line["port"])}`;
      expect(await healthcheck({ HEALTHCHECK_URL: `${base}/admin/totals` })).to.equal(0);
      const metrics = await (await fetch(`${base}/metrics`)).text();
      expect(metrics).to.match(/^bank_simulator_money\{currency="CNY",field="funded"\} 2200000$/m);
      expect(metrics, "total equals funded, compared in decimal").to.match(
        /^bank_simulator_money_conserved\{currency="CNY"\} 1$/m,
      );
      expect(metrics).to.match(/^bank_simulator_requests_total\{area="admin",method="GET",status="200"\} 1$/m);
      const file = join(work, "simulator-metrics.txt");
      writeFileSync(file, metrics);
      const checked = await run("bash", ["-c", `"${promtool()}" check metrics < "${file}"`]).then(
        () => "ok",
        (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ""}${error.stderr ?? ""}`,
      );
      expect(checked).to.equal("ok");
    } finally {
      expect(await stop(simulator)).to.equal(0);
    }
  });

  it("the compiled demo feed loads and refuses to run without its token", async () => {
    const outcome = await run(process.execPath, ["dist/bin/demo-feed.js"], {
      cwd: app,
      env: { PATH: process.env["PATH"] ?? "", FEED_SETUP_FILE: join(deployDir, "config/simulator.json") },
    }).then(
      () => "exited 0",
      (error: { code?: number; stderr?: string }) => `exit ${String(error.code)}: ${error.stderr ?? ""}`,
    );
    expect(outcome).to.match(/^exit 1: demo feed failed: Error: FEED_TOKEN must be set/);
  });

  it("the compiled client liq runs without tsx, through a link as the image puts it on the PATH, against the compiled engine", async () => {
    const access = accessFile({ ops: ["operator"] });
    const engine = await startCompiled(
      "dist/bin/engine.js",
      { LIQ_ADMIN_PORT: "0", LIQ_GRPC_PORT: "0", LIQ_ACCESS_FILE: access.file },
      "ready",
    );
    const link = join(work, "liq");
    symlinkSync(join(app, "dist/bin/liq.js"), link);
    const liq = (args: string[]) =>
      run(link, args, {
        cwd: work,
        env: {
          PATH: `${dirname(process.execPath)}:${process.env["PATH"] ?? ""}`,
          LIQ_SERVER: `127.0.0.1:${String(engine.line["grpcPort"])}`,
          LIQ_TOKEN: access.tokens["ops"]!,
        },
        timeout: 20_000,
      });
    try {
      expect((await liq(["--help"])).stdout).to.match(/^Usage: liq /);
      const opened = JSON.parse(
        (
          await liq([
            "--json",
            "accounts",
            "open",
            "HSBC:001",
            "--currency",
            "EUR",
            "--pool",
            "p",
            "--request-id",
            "r1",
          ])
        ).stdout,
      ) as Record<string, unknown>;
      expect(opened).to.include({ account_id: "HSBC:001", status: "open", request_id: "r1" });
      const refused = await liq(["accounts", "get", "HSBC:002"]).then(
        () => ({ code: 0, stderr: "" }),
        (error: { code: number; stderr: string }) => error,
      );
      expect(refused.code).to.equal(1);
      expect(refused.stderr).to.equal("error: account HSBC:002 has not been opened (account_not_open)\n");
    } finally {
      expect(await stop(engine)).to.equal(0);
    }
  });

  it("the runtime folder holds only package.json, node_modules and dist, as the image does", () => {
    expect(readdirSync(app).sort()).to.deep.equal(["dist", "node_modules", "package.json"]);
    expect(readdirSync(join(app, "dist")).sort()).to.deep.equal([
      "actors",
      "adapters",
      "bin",
      "cli",
      "decisions",
      "engine",
      "protos",
      "read-models",
      "reconciliation",
      "runtime",
      "simulation",
      "simulator",
    ]);
  });
});
