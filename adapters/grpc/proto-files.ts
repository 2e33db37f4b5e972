import { fileURLToPath } from "node:url";
import { loadSync, type PackageDefinition } from "@grpc/proto-loader";

/** The `.proto` files, next to the compiled code too (deploy/build.sh copies protos/ into dist/). */
export const protoRoot = fileURLToPath(new URL("../../protos", import.meta.url));

/**
 * How every server and client here loads the protos. Must match the flags of protos/generate.sh: the generated
 * types in protos/generated describe what these options produce.
 */
export const loaderOptions = {
  keepCase: true,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [protoRoot],
};

/** A proto file of protos/ (e.g. "liquidity/v1/positions.proto") as a package definition. */
export function loadProto(file: string): PackageDefinition {
  return loadSync(file, loaderOptions);
}
