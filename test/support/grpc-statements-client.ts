import { credentials, loadPackageDefinition } from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import { loaderOptions } from "../../adapters/grpc/proto-files.js";
import type { ProtoGrpcType } from "../../protos/generated/statements.js";
import type { StatementsClient } from "../../protos/generated/liquidity/v1/Statements.js";
import { TestGrpcClient } from "./grpc-client.js";

const proto = loadPackageDefinition(
  loadSync("liquidity/v1/statements.proto", loaderOptions),
) as unknown as ProtoGrpcType;

/** A Statements client for tests: every call resolves to an outcome, so a test can assert on either side. */
export class TestStatementsClient extends TestGrpcClient<StatementsClient, "ImportStatement" | "ListStatements"> {
  constructor(address: string, token: string | undefined) {
    super(new proto.liquidity.v1.Statements(address, credentials.createInsecure()), token);
  }

  close(): void {
    this.raw.close();
  }
}
