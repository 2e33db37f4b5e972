import { credentials, loadPackageDefinition, type ClientReadableStream } from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import { loaderOptions } from "../../adapters/grpc/proto-files.js";
import type { ProtoGrpcType } from "../../protos/generated/differences.js";
import type { DifferencesClient } from "../../protos/generated/liquidity/v1/Differences.js";
import type { DifferenceUpdate__Output } from "../../protos/generated/liquidity/v1/DifferenceUpdate.js";
import { TestGrpcClient } from "./grpc-client.js";

const proto = loadPackageDefinition(
  loadSync("liquidity/v1/differences.proto", loaderOptions),
) as unknown as ProtoGrpcType;

/** A Differences client for tests: every unary call resolves to an outcome, so a test can assert on either side. */
export class TestDifferencesClient extends TestGrpcClient<
  DifferencesClient,
  | "ListDifferences"
  | "GetDifference"
  | "ExplainDifference"
  | "ResolveDifference"
  | "ConfirmResolution"
  | "RejectResolution"
> {
  constructor(address: string, token: string | undefined) {
    super(new proto.liquidity.v1.Differences(address, credentials.createInsecure()), token);
  }

  watch(request: object): ClientReadableStream<DifferenceUpdate__Output> {
    return this.raw.WatchDifferences(request, this.metadata());
  }

  close(): void {
    this.raw.close();
  }
}
