import { credentials, loadPackageDefinition, type ClientReadableStream } from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import { loaderOptions } from "../../adapters/grpc/proto-files.js";
import type { ProtoGrpcType } from "../../protos/generated/suggestions.js";
import type { SuggestionsClient } from "../../protos/generated/liquidity/v1/Suggestions.js";
import type { SuggestionUpdate__Output } from "../../protos/generated/liquidity/v1/SuggestionUpdate.js";
import { TestGrpcClient } from "./grpc-client.js";

const proto = loadPackageDefinition(
  loadSync("liquidity/v1/suggestions.proto", loaderOptions),
) as unknown as ProtoGrpcType;

/** A Suggestions client for tests: every unary call resolves to an outcome, so a test can assert on either side. */
export class TestSuggestionsClient extends TestGrpcClient<
  SuggestionsClient,
  "ListSuggestions" | "GetSuggestion" | "ApproveSuggestion" | "RejectSuggestion"
> {
  constructor(address: string, token: string | undefined) {
    super(new proto.liquidity.v1.Suggestions(address, credentials.createInsecure()), token);
  }

  watch(request: object): ClientReadableStream<SuggestionUpdate__Output> {
    return this.raw.WatchSuggestions(request, this.metadata());
  }

  close(): void {
    this.raw.close();
  }
}
