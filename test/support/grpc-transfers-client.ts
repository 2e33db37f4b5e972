import { loaderOptions } from "../../adapters/grpc/proto-files.js";
import {
  credentials,
  loadPackageDefinition,
  type ClientReadableStream,
  type Metadata,
  type ServiceError,
} from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import type { ProtoGrpcType } from "../../protos/generated/transfers.js";
import type { TransfersClient } from "../../protos/generated/liquidity/v1/Transfers.js";
import type { ProtoGrpcType as ChannelsProtoGrpcType } from "../../protos/generated/channels.js";
import type { ChannelsClient } from "../../protos/generated/liquidity/v1/Channels.js";
import type { TransferResult__Output } from "../../protos/generated/liquidity/v1/TransferResult.js";
import type { TransferUpdate__Output } from "../../protos/generated/liquidity/v1/TransferUpdate.js";
import { TestGrpcClient } from "./grpc-client.js";

const proto = loadPackageDefinition(
  loadSync("liquidity/v1/transfers.proto", loaderOptions),
) as unknown as ProtoGrpcType;

export type TransferMethod =
  | "CreateTransfer"
  | "GetTransfer"
  | "ListTransfers"
  | "ApproveTransfer"
  | "CancelTransfer"
  | "RetryTransfer"
  | "ResolveTransfer"
  | "ConfirmResolution";

/** A Transfers client for tests: every call resolves to an outcome, so a test can assert on either side. */
export class TestTransfersClient extends TestGrpcClient<TransfersClient, TransferMethod> {
  constructor(address: string, token: string | undefined) {
    super(new proto.liquidity.v1.Transfers(address, credentials.createInsecure()), token);
  }

  /** A CreateTransfer with `traceparent` metadata; resolves with the answer and the response's `traceparent` header. */
  createTraced(
    request: object,
    traceparent: string,
  ): Promise<{ result: TransferResult__Output; responseTraceparent: string | undefined }> {
    const metadata = this.metadata();
    metadata.set("traceparent", traceparent);
    return new Promise((resolve, reject) => {
      let responseTraceparent: string | undefined;
      const call = this.raw.CreateTransfer(
        request,
        metadata,
        (error: ServiceError | null, result?: TransferResult__Output) => {
          if (error || !result) reject(error ?? new Error("no answer"));
          else resolve({ result, responseTraceparent });
        },
      );
      call.on("metadata", (received: Metadata) => {
        const value = received.get("traceparent")[0];
        responseTraceparent = typeof value === "string" ? value : undefined;
      });
    });
  }

  /**
   * Opens a watch and collects its updates; `live` resolves when the server says the watch is registered (its
   * response headers), so a change made after it is seen.
   */
  watch(request: object): {
    stream: ClientReadableStream<TransferUpdate__Output>;
    updates: TransferUpdate__Output[];
    live: Promise<void>;
    error: Promise<ServiceError>;
  } {
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

const channelsProto = loadPackageDefinition(
  loadSync("liquidity/v1/channels.proto", loaderOptions),
) as unknown as ChannelsProtoGrpcType;

/** A Channels client for tests. */
export class TestChannelsClient extends TestGrpcClient<ChannelsClient, "ListChannels" | "GetChannel"> {
  constructor(address: string, token: string | undefined) {
    super(new channelsProto.liquidity.v1.Channels(address, credentials.createInsecure()), token);
  }

  close(): void {
    this.raw.close();
  }
}
