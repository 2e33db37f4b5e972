import { credentials, loadPackageDefinition } from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import { loaderOptions } from "../../adapters/grpc/proto-files.js";
import type { ReconciliationClient } from "../../protos/generated/liquidity/v1/Reconciliation.js";
import type { ProtoGrpcType } from "../../protos/generated/reconciliation.js";
import { TestGrpcClient } from "./grpc-client.js";

const proto = loadPackageDefinition(
  loadSync("liquidity/v1/reconciliation.proto", loaderOptions),
) as unknown as ProtoGrpcType;

/** A Reconciliation client for tests: every call resolves to an outcome, so a test can assert on either side. */
export class TestReconciliationClient extends TestGrpcClient<ReconciliationClient, "ReconcileNow" | "GetReport"> {
  constructor(address: string, token: string | undefined) {
    super(new proto.liquidity.v1.Reconciliation(address, credentials.createInsecure()), token);
  }

  close(): void {
    this.raw.close();
  }
}
