import { credentials, loadPackageDefinition } from "@grpc/grpc-js";
import { loadSync } from "@grpc/proto-loader";
import { loaderOptions } from "../../adapters/grpc/proto-files.js";
import type { ProtoGrpcType } from "../../protos/generated/jobs.js";
import type { JobsClient } from "../../protos/generated/liquidity/v1/Jobs.js";
import { TestGrpcClient } from "./grpc-client.js";

const proto = loadPackageDefinition(loadSync("liquidity/v1/jobs.proto", loaderOptions)) as unknown as ProtoGrpcType;

/** A Jobs client for tests: every call resolves to an outcome, so a test can assert on either side. */
export class TestJobsClient extends TestGrpcClient<
  JobsClient,
  "PutJob" | "GetJob" | "ListJobs" | "PauseJob" | "ResumeJob" | "DeleteJob"
> {
  constructor(address: string, token: string | undefined) {
    super(new proto.liquidity.v1.Jobs(address, credentials.createInsecure()), token);
  }

  close(): void {
    this.raw.close();
  }
}
