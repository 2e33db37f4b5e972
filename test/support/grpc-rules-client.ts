import { credentials, loadPackageDefinition } from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import { loaderOptions } from "../../adapters/grpc/proto-files.js";
import type { ProtoGrpcType } from "../../protos/generated/rules.js";
import type { RulesClient } from "../../protos/generated/liquidity/v1/Rules.js";
import { TestGrpcClient } from "./grpc-client.js";

const proto = loadPackageDefinition(loadSync("liquidity/v1/rules.proto", loaderOptions)) as unknown as ProtoGrpcType;

/** A Rules client for tests: every call resolves to an outcome, so a test can assert on either side. */
export class TestRulesClient extends TestGrpcClient<
  RulesClient,
  "PutRule" | "GetRule" | "DeleteRule" | "GetRuleHistory"
> {
  constructor(address: string, token: string | undefined) {
    super(new proto.liquidity.v1.Rules(address, credentials.createInsecure()), token);
  }

  close(): void {
    this.raw.close();
  }
}
