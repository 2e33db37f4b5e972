import { readFileSync } from "node:fs";
import { loaderOptions } from "../adapters/grpc/proto-files.js";
import {
  credentials,
  loadPackageDefinition,
  Metadata,
  status,
  type ChannelCredentials,
  type Client,
  type ClientReadableStream,
  type ServiceError,
} from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import type { ChannelsClient } from "../protos/generated/liquidity/v1/Channels.js";
import type { DifferencesClient } from "../protos/generated/liquidity/v1/Differences.js";
import type { JobsClient } from "../protos/generated/liquidity/v1/Jobs.js";
import type { PositionsClient } from "../protos/generated/liquidity/v1/Positions.js";
import type { ReconciliationClient } from "../protos/generated/liquidity/v1/Reconciliation.js";
import type { RulesClient } from "../protos/generated/liquidity/v1/Rules.js";
import type { StatementsClient } from "../protos/generated/liquidity/v1/Statements.js";
import type { SuggestionsClient } from "../protos/generated/liquidity/v1/Suggestions.js";
import type { TransfersClient } from "../protos/generated/liquidity/v1/Transfers.js";
import { failureOfGrpcError, isServiceError, usageFailure } from "./failures.js";
import type { EngineSettings } from "./settings.js";

const services = {
  Positions: "liquidity/v1/positions.proto",
  Transfers: "liquidity/v1/transfers.proto",
  Channels: "liquidity/v1/channels.proto",
  Rules: "liquidity/v1/rules.proto",
  Jobs: "liquidity/v1/jobs.proto",
  Suggestions: "liquidity/v1/suggestions.proto",
  Differences: "liquidity/v1/differences.proto",
  Statements: "liquidity/v1/statements.proto",
  Reconciliation: "liquidity/v1/reconciliation.proto",
} as const;

export type ServiceName = keyof typeof services;

/** Each service's method names, as the generated clients declare them. */
export interface MethodsOf {
  Positions: keyof PositionsClient & string;
  Transfers: keyof TransfersClient & string;
  Channels: keyof ChannelsClient & string;
  Rules: keyof RulesClient & string;
  Jobs: keyof JobsClient & string;
  Suggestions: keyof SuggestionsClient & string;
  Differences: keyof DifferencesClient & string;
  Statements: keyof StatementsClient & string;
  Reconciliation: keyof ReconciliationClient & string;
}

type UnaryFunction = (
  request: object,
  metadata: Metadata,
  options: { deadline: number },
  callback: (error: ServiceError | null, value?: unknown) => void,
) => void;
type StreamFunction = (request: object, metadata: Metadata) => ClientReadableStream<unknown>;

/**
 * The engine's gRPC API as `liq` uses it: one channel per service, created on first use, the bearer token on every
 * call, a deadline on unary calls, and every failure turned into a CliFailure with its exit code.
 */
export class EngineClient {
  private readonly clients = new Map<ServiceName, Client>();
  private channelCredentials: ChannelCredentials | undefined;

  constructor(private readonly settings: EngineSettings) {}

  get server(): string {
    return this.settings.server;
  }

  get hasToken(): boolean {
    return this.settings.token !== undefined;
  }

  /** Calls a unary method; resolves with its answer or rejects with a CliFailure. */
  unary<T, S extends ServiceName = ServiceName>(service: S, method: MethodsOf[S], request: object): Promise<T> {
    const client = this.client(service);
    const fn = (client as unknown as Record<string, UnaryFunction>)[method]!;
    const deadline = Date.now() + this.settings.timeoutMs;
    return new Promise((resolve, reject) => {
      fn.call(client, request, this.metadata(), { deadline }, (error, value) => {
        if (error) reject(failureOfGrpcError(error, this.settings.server, `${service}/${method}`));
        else resolve(value as T);
      });
    });
  }

  /**
   * Follows a server stream, handing each update to `onUpdate` until it returns true (then the call is cancelled
   * and this resolves true) or the engine ends the stream (resolves false). Errors reject as CliFailures; `stop`
   * ends the watch quietly (resolves false).
   */
  watch<T, S extends ServiceName = ServiceName>(
    service: S,
    method: MethodsOf[S],
    request: object,
    onUpdate: (update: T) => boolean | void,
    stop?: AbortSignal,
  ): Promise<boolean> {
    const client = this.client(service);
    const call = (client as unknown as Record<string, StreamFunction>)[method]!.call(client, request, this.metadata());
    return new Promise((resolve, reject) => {
      let done = false;
      const finish = (outcome: boolean) => {
        if (done) return;
        done = true;
        stop?.removeEventListener("abort", onAbort);
        resolve(outcome);
      };
      const onAbort = () => {
        finish(false);
        call.cancel();
      };
      stop?.addEventListener("abort", onAbort);
      call.on("data", (update: T) => {
        if (done) return;
        if (onUpdate(update) === true) {
          finish(true);
          call.cancel();
        }
      });
      call.on("end", () => finish(false));
      call.on("error", (error: unknown) => {
        if (done) return;
        if (isServiceError(error) && error.code === status.CANCELLED && stop?.aborted) return finish(false);
        done = true;
        stop?.removeEventListener("abort", onAbort);
        reject(isServiceError(error) ? failureOfGrpcError(error, this.settings.server, `${service}/${method}`) : error);
      });
    });
  }

  close(): void {
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }

  private metadata(): Metadata {
    const metadata = new Metadata();
    if (this.settings.token !== undefined) metadata.set("authorization", `Bearer ${this.settings.token}`);
    return metadata;
  }

  private client(service: ServiceName): Client {
    let client = this.clients.get(service);
    if (client === undefined) {
      const loaded = loadPackageDefinition(loadSync(services[service], loaderOptions)) as unknown as {
        liquidity: { v1: Record<ServiceName, new (address: string, credentials: ChannelCredentials) => Client> };
      };
      client = new loaded.liquidity.v1[service](this.settings.server, this.credentials());
      this.clients.set(service, client);
    }
    return client;
  }

  private credentials(): ChannelCredentials {
    if (this.channelCredentials === undefined) {
      const caFile = this.settings.caFile;
      if (caFile === undefined) {
        this.channelCredentials = credentials.createInsecure();
      } else {
        let ca: Buffer;
        try {
          ca = readFileSync(caFile);
        } catch (error) {
          throw usageFailure(
            `cannot read the CA file ${caFile}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
          );
        }
        this.channelCredentials = credentials.createSsl(ca);
      }
    }
    return this.channelCredentials;
  }
}
