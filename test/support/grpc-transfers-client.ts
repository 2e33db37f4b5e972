import { fileURLToPath } from "node:url";
import { credentials, loadPackageDefinition, Metadata, type ClientReadableStream, type ServiceError } from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import type { ProtoGrpcType } from "../../protos/generated/transfers.js";
import type { TransfersClient } from "../../protos/generated/liquidity/v1/Transfers.js";
import type { TransferUpdate__Output } from "../../protos/generated/liquidity/v1/TransferUpdate.js";
import type { Outcome } from "./grpc-client.js";

const protoRoot = fileURLToPath(new URL("../../protos", import.meta.url));
const loaderOptions = { keepCase: true, longs: String, enums: String, defaults: true, oneofs: true, includeDirs: [protoRoot] };
const proto = loadPackageDefinition(loadSync("liquidity/v1/transfers.proto", loaderOptions)) as unknown as ProtoGrpcType;

export type TransferMethod = "CreateTransfer" | "GetTransfer" | "ListTransfers" | "ApproveTransfer" | "CancelTransfer" | "RetryTransfer" | "ResolveTransfer";

/** A Transfers client for tests: every call resolves to an outcome, so a test can assert on either side. */
export class TestTransfersClient {
  readonly raw: TransfersClient;

  constructor(
    address: string,
    private readonly token: string | undefined,
  ) {
    this.raw = new proto.liquidity.v1.Transfers(address, credentials.createInsecure());
  }

  metadata(): Metadata {
    const metadata = new Metadata();
    if (this.token !== undefined) metadata.set("authorization", `Bearer ${this.token}`);
    return metadata;
  }

  call<T>(method: TransferMethod, request: object): Promise<Outcome<T>> {
    return new Promise((resolve) => {
      const fn = (this.raw as unknown as Record<string, (request: object, metadata: Metadata, callback: (error: ServiceError | null, value?: T) => void) => void>)[method]!;
      fn.call(this.raw, request, this.metadata(), (error, value) => {
        if (error) resolve({ ok: false, code: error.code, details: error.details, engineCode: error.metadata?.get("liq-error-code")[0] as string | undefined });
        else resolve({ ok: true, value: value as T });
      });
    });
  }

  /** Calls and fails the test unless it succeeded. */
  async must<T>(method: TransferMethod, request: object): Promise<T> {
    const outcome = await this.call<T>(method, request);
    if (!outcome.ok) throw new Error(`${method} failed: ${outcome.code} ${outcome.details} (${outcome.engineCode ?? "-"})`);
    return outcome.value;
  }

  /**
   * Opens a watch and collects its updates; `live` resolves when the server says the watch is registered (its
   * response headers), so a change made after it is seen.
   */
  watch(request: object): { stream: ClientReadableStream<TransferUpdate__Output>; updates: TransferUpdate__Output[]; live: Promise<void>; error: Promise<ServiceError> } {
    const stream = this.raw.WatchTransfers(request, this.metadata());
    const updates: TransferUpdate__Output[] = [];
    stream.on("data", (update: TransferUpdate__Output) => updates.push(update));
    const error = new Promise<ServiceError>((resolve) => stream.on("error", resolve));
    const live = new Promise<void>((resolve) => stream.on("metadata", () => resolve()));
    return { stream, updates, live, error };
  }

  close(): void {
    this.raw.close();
  }
}
