import type { status } from "@grpc/grpc-js";
import type { ErrorBody } from "../../runtime/errors.js";
import type { EngineCode, UnlistedCode } from "./engine-codes.js";
import { grpcStatusOf, replyCodeOf } from "./status.js";

/** A refusal to answer with a gRPC status; `engineCode` goes to the client in the `liq-error-code` trailer. */
export class ApiError extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly code: status,
    message: string,
    readonly engineCode: EngineCode | UnlistedCode,
  ) {
    super(message);
  }

  static fromBody(body: ErrorBody): ApiError {
    return new ApiError(grpcStatusOf(body), body.message, replyCodeOf(body.code));
  }
}
