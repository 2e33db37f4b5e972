import type { NatsConnection } from "@nats-io/transport-node";
import { EngineClient, type MethodsOf, type ServiceName } from "./engine-client.js";
import { unreachable } from "./failures.js";
import { connectForCli } from "./nats.js";
import { jsonLine, type Io } from "./output.js";
import { engineSettings, natsSettings, type GlobalOptions, type NatsClientSettings } from "./settings.js";

/**
 * What every command shares: where to write, the global options (read once commander has parsed them), and the
 * connections, opened on first use and closed when the command ends.
 */
export class CliContext {
  private engineClient: EngineClient | undefined;
  private natsConnection: NatsConnection | undefined;

  constructor(
    readonly io: Io,
    private readonly globals: () => GlobalOptions,
  ) {}

  get json(): boolean {
    return this.globals().json === true;
  }

  /** The engine's gRPC API with the configured server, TLS and token. */
  engine(): EngineClient {
    this.engineClient ??= new EngineClient(engineSettings(this.globals(), this.io.env));
    return this.engineClient;
  }

  natsSettings(): NatsClientSettings {
    return natsSettings(this.io.env);
  }

  async nats(): Promise<NatsConnection> {
    this.natsConnection ??= await connectForCli(this.natsSettings());
    return this.natsConnection;
  }

  /** An answer: its JSON document with `--json`, else the text for people. */
  print(document: unknown, text: () => string): void {
    this.io.out(this.json ? jsonLine(document) : text());
  }

  /** Calls a unary read and prints its answer (`get`, `list`): the answer's JSON document or `text` of it. */
  async show<T, S extends ServiceName>(
    service: S,
    method: MethodsOf[S],
    request: object,
    text: (answer: T) => string,
  ): Promise<void> {
    const answer = await this.engine().unary<T, S>(service, method, request);
    this.print(answer, () => text(answer));
  }

  /**
   * Prints every update of a watch until Ctrl-C (a JSON line each with `--json`, `document` of it when given); the
   * engine ending it is a failure.
   */
  async follow<T, S extends ServiceName>(
    service: S,
    method: MethodsOf[S],
    request: object,
    text: (update: T) => string,
    document: (update: T) => unknown = (update) => update,
  ): Promise<void> {
    const ended = await this.untilInterrupted(async (signal) => {
      await this.engine().watch<T, S>(
        service,
        method,
        request,
        (update) => this.print(document(update), () => text(update)),
        signal,
      );
      return !signal.aborted;
    });
    if (ended)
      throw unreachable(`the engine at ${this.engine().server} ended the watch (it is stopping?); watch again`);
  }

  /** Aborted on Ctrl-C or SIGTERM while `run` runs (watches end quietly then). */
  async untilInterrupted<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const abort = () => controller.abort();
    process.once("SIGINT", abort);
    process.once("SIGTERM", abort);
    try {
      return await run(controller.signal);
    } finally {
      process.off("SIGINT", abort);
      process.off("SIGTERM", abort);
    }
  }

  async close(): Promise<void> {
    this.engineClient?.close();
    await this.natsConnection?.close().catch(() => undefined);
  }
}
