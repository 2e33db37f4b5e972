import { credentials, status } from "@grpc/grpc-js";
import { expect } from "chai";
import { ConfigError } from "../../engine/config.js";
import { startEngine, type RunningEngine } from "../../engine/start-engine.js";
import { silentLogger } from "../../runtime/logger.js";
import { accessFile } from "../support/access-file.js";
import { TestPositionsClient, type Outcome } from "../support/grpc-client.js";
import { configFrom, isolatedEngineEnv } from "../support/integration.js";
import { makeTestCertificates, type TestCertificates } from "../support/test-certificates.js";

describe("gRPC transport security, rate limits and access configuration", () => {
  let certificates: TestCertificates;
  const engines: RunningEngine[] = [];
  const clients: TestPositionsClient[] = [];
  const start = async (env: Record<string, string>) => {
    const engine = await startEngine(configFrom(await isolatedEngineEnv(env)), silentLogger);
    engines.push(engine);
    return engine;
  };
  const client = (port: number, token: string | undefined, channel = credentials.createInsecure()) => {
    const made = new TestPositionsClient(`localhost:${port}`, token, channel);
    clients.push(made);
    return made;
  };
  const list = (positions: TestPositionsClient): Promise<Outcome<unknown>> => positions.call("ListPositions", {});

  before(() => {
    certificates = makeTestCertificates();
  });
  afterEach(async () => {
    for (const made of clients.splice(0)) made.close();
    for (const engine of engines.splice(0)) await engine.stop();
  });

  it("with mutual TLS: serves a client with a certificate from the configured CA and refuses one without or from another CA", async () => {
    const access = accessFile({ tess: ["viewer"] });
    const engine = await start({
      LIQ_ACCESS_FILE: access.file,
      LIQ_GRPC_TLS_CERT: certificates.serverCert,
      LIQ_GRPC_TLS_KEY: certificates.serverKey,
      LIQ_GRPC_TLS_CLIENT_CA: certificates.caCert,
    });
    const ca = certificates.read(certificates.caCert);
    const trusted = client(
      engine.grpcPort,
      access.tokens["tess"],
      credentials.createSsl(ca, certificates.read(certificates.clientKey), certificates.read(certificates.clientCert)),
    );
    const noCertificate = client(engine.grpcPort, access.tokens["tess"], credentials.createSsl(ca));
    const rogue = client(
      engine.grpcPort,
      access.tokens["tess"],
      credentials.createSsl(
        ca,
        certificates.read(certificates.rogueClientKey),
        certificates.read(certificates.rogueClientCert),
      ),
    );
    const plaintext = client(engine.grpcPort, access.tokens["tess"]);
    expect(await list(trusted)).to.deep.include({ ok: true });
    for (const [name, refused] of [
      ["no client certificate", noCertificate],
      ["untrusted CA", rogue],
      ["plaintext", plaintext],
    ] as const) {
      expect(await list(refused), name).to.deep.include({ ok: false, code: status.UNAVAILABLE });
    }
    const noToken = client(
      engine.grpcPort,
      undefined,
      credentials.createSsl(ca, certificates.read(certificates.clientKey), certificates.read(certificates.clientCert)),
    );
    expect(await list(noToken), "a certificate does not replace the token").to.deep.include({
      ok: false,
      code: status.UNAUTHENTICATED,
    });
  });

  it("with server TLS only: a client that trusts the CA is served without a client certificate", async () => {
    const access = accessFile({ tess: ["viewer"] });
    const engine = await start({
      LIQ_ACCESS_FILE: access.file,
      LIQ_GRPC_TLS_CERT: certificates.serverCert,
      LIQ_GRPC_TLS_KEY: certificates.serverKey,
    });
    expect(engine.grpcTls).to.equal(true);
    const tls = client(
      engine.grpcPort,
      access.tokens["tess"],
      credentials.createSsl(certificates.read(certificates.caCert)),
    );
    expect(await list(tls)).to.deep.include({ ok: true });
  });

  it("answers RESOURCE_EXHAUSTED beyond a principal's rate, and other principals are not affected", async () => {
    const access = accessFile({ busy: ["viewer"], calm: ["viewer"] });
    const engine = await start({
      LIQ_ACCESS_FILE: access.file,
      LIQ_RATE_LIMIT_PER_SECOND: "1",
      LIQ_RATE_LIMIT_BURST: "3",
    });
    const busy = client(engine.grpcPort, access.tokens["busy"]);
    const calm = client(engine.grpcPort, access.tokens["calm"]);
    const outcomes = [];
    for (let call = 0; call < 4; call++) outcomes.push(await list(busy));
    expect(outcomes.map((outcome) => (outcome.ok ? "ok" : status[outcome.code]))).to.deep.equal([
      "ok",
      "ok",
      "ok",
      "RESOURCE_EXHAUSTED",
    ]);
    expect(await list(calm)).to.deep.include({ ok: true });
  });

  it("refuses to start a durable engine without an access file unless development access is asked for", async () => {
    const env = await isolatedEngineEnv({ LIQ_DEV_ACCESS: "false" });
    let refusal: unknown;
    await startEngine(configFrom(env), silentLogger).then(
      (engine) => engines.push(engine),
      (error: unknown) => (refusal = error),
    );
    expect(refusal).to.be.instanceOf(ConfigError);
    expect((refusal as Error).message).to.contain("LIQ_ACCESS_FILE");
    const development = await start({ LIQ_DEV_ACCESS: "true" });
    expect(development.developmentToken).to.match(/^dev-/);
    expect(await list(client(development.grpcPort, development.developmentToken))).to.deep.include({ ok: true });
  });
});
