import { createRequire } from "node:module";
import { loaderOptions, protoRoot } from "../../adapters/grpc/proto-files.js";
import {
  credentials,
  loadPackageDefinition,
  Metadata,
  type ChannelCredentials,
  type ChannelOptions,
  type ClientReadableStream,
  type ServiceError,
} from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import { eventually } from "./tally.js";
import type { ProtoGrpcType } from "../../protos/generated/positions.js";
import type { PositionsClient } from "../../protos/generated/liquidity/v1/Positions.js";
import type { PositionUpdate__Output } from "../../protos/generated/liquidity/v1/PositionUpdate.js";

const proto = loadPackageDefinition(
  loadSync("liquidity/v1/positions.proto", loaderOptions),
) as unknown as ProtoGrpcType;

export type Outcome<T> = { ok: true; value: T } | Refusal;
export type Refusal = { ok: false; code: number; details: string; engineCode: string | undefined };

/** A failed call as tests compare it: status, sentence, and the engine code of the `liq-error-code` trailer. */
export function refusalOf(error: ServiceError): Refusal {
  return {
    ok: false,
    code: error.code,
    details: error.details,
    engineCode: error.metadata?.get("liq-error-code")[0] as string | undefined,
  };
}

/** What the test clients share: the bearer token, and unary calls by name that resolve to an outcome. */
export abstract class TestGrpcClient<Client extends object, Method extends string> {
  protected constructor(
    readonly raw: Client,
    private readonly token: string | undefined,
  ) {}

  metadata(): Metadata {
    const metadata = new Metadata();
    if (this.token !== undefined) metadata.set("authorization", `Bearer ${this.token}`);
    return metadata;
  }

  /** Calls a unary method by name. */
  call<T>(method: Method, request: object): Promise<Outcome<T>> {
    return new Promise((resolve) => {
      const fn = (
        this.raw as unknown as Record<
          string,
          (request: object, metadata: Metadata, callback: (error: ServiceError | null, value?: T) => void) => void
        >
      )[method]!;
      fn.call(this.raw, request, this.metadata(), (error, value) => {
        if (error) resolve(refusalOf(error));
        else resolve({ ok: true, value: value as T });
      });
    });
  }

  /** Calls and fails the test unless it succeeded. */
  async must<T>(method: Method, request: object): Promise<T> {
    const outcome = await this.call<T>(method, request);
    if (!outcome.ok)
      throw new Error(`${method} failed: ${outcome.code} ${outcome.details} (${outcome.engineCode ?? "-"})`);
    return outcome.value;
  }
}

/** A Positions client for tests: every call resolves to an outcome, so a test can assert on either side. */
export class TestPositionsClient extends TestGrpcClient<PositionsClient, keyof PositionsClient & string> {
  constructor(
    address: string,
    token: string | undefined,
    channelCredentials: ChannelCredentials = credentials.createInsecure(),
  ) {
    super(new proto.liquidity.v1.Positions(address, channelCredentials), token);
  }

  watch(request: object): ClientReadableStream<PositionUpdate__Output> {
    return this.raw.WatchPositions(request, this.metadata());
  }

  close(): void {
    this.raw.close();
  }
}

const require = createRequire(import.meta.url);

/**
 * Clients of the two standard services: health from its package's own proto, reflection from protos/. `channel`:
 * grpc-js channel options (a benchmark polling a server that restarts shortens the reconnect backoff).
 */
export function standardClients(
  address: string,
  channel: ChannelOptions = {},
): { health: HealthClient; reflection: ReflectionClient } {
  const healthProto = require.resolve("grpc-health-check/proto/health/v1/health.proto");
  const reflectionProto = `${protoRoot}/grpc/reflection/v1/reflection.proto`;
  const options = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true };
  const health = loadPackageDefinition(loadSync(healthProto, options)) as unknown as {
    grpc: {
      health: {
        v1: { Health: new (address: string, creds: ChannelCredentials, options: ChannelOptions) => HealthClient };
      };
    };
  };
  const reflection = loadPackageDefinition(loadSync(reflectionProto, options)) as unknown as {
    grpc: {
      reflection: {
        v1: {
          ServerReflection: new (
            address: string,
            creds: ChannelCredentials,
            options: ChannelOptions,
          ) => ReflectionClient;
        };
      };
    };
  };
  return {
    health: new health.grpc.health.v1.Health(address, credentials.createInsecure(), channel),
    reflection: new reflection.grpc.reflection.v1.ServerReflection(address, credentials.createInsecure(), channel),
  };
}

export interface HealthClient {
  Check(
    request: { service: string },
    callback: (error: ServiceError | null, response?: { status: string }) => void,
  ): void;
  close(): void;
}

export interface ReflectionClient {
  ServerReflectionInfo(): {
    write(request: object): void;
    end(): void;
    on(
      event: "data",
      listener: (response: { list_services_response?: { service: Array<{ name: string }> } }) => void,
    ): void;
    on(event: "error", listener: (error: Error) => void): void;
  };
  close(): void;
}

/**
 * Waits until the standard health service says `service` is SERVING, then returns the services server reflection
 * lists. Neither needs a token.
 */
export async function servingAndReflected(address: string, service: string): Promise<string[]> {
  const { health, reflection } = standardClients(address);
  try {
    await eventually(`${service} health says SERVING`, async () => {
      const answer = await new Promise<string>((resolve) =>
        health.Check({ service }, (error, response) => resolve(error ? "error" : response!.status)),
      );
      return answer === "SERVING";
    });
    const stream = reflection.ServerReflectionInfo();
    const services = new Promise<string[]>((resolve, reject) => {
      stream.on("data", (response) =>
        resolve(response.list_services_response?.service.map((listed) => listed.name) ?? []),
      );
      stream.on("error", reject);
    });
    stream.write({ list_services: "" });
    const listed = await services;
    stream.end();
    return listed;
  } finally {
    health.close();
    reflection.close();
  }
}
