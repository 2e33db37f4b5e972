import { status, type ServiceError } from "@grpc/grpc-js";

/** `liq`'s exit codes (docs/cli.md "Exit codes"). */
export const exitCode = {
  done: 0,
  /** The engine refused (its sentence and code are printed), a dead-lettered entry, a transfer that did not succeed. */
  refused: 1,
  /** Bad arguments or settings: nothing was sent. */
  usage: 2,
  /** The engine or NATS could not be reached or did not answer in time: the outcome may be unknown. */
  unreachable: 3,
} as const;

export type ExitCode = (typeof exitCode)[keyof typeof exitCode];

/** Why a command could not be done: one line for stderr, and the exit code that says which kind of failure. */
export class CliFailure extends Error {
  override readonly name = "CliFailure";

  constructor(
    message: string,
    readonly exitCode: ExitCode,
    options?: ErrorOptions & { readonly code?: string },
  ) {
    super(oneLine(options?.code === undefined ? message : `${message} (${options.code})`), options);
    this.code = options?.code;
    this.sentence = oneLine(message);
  }

  /** The engine's code of a refusal (`account_not_open`), when there is one. */
  readonly code: string | undefined;
  /** The message without the code. */
  readonly sentence: string;

  /** The same failure with more said after its sentence (and before its code). */
  withHint(hint: string): CliFailure {
    return new CliFailure(`${this.sentence}${hint}`, this.exitCode, {
      cause: this,
      ...(this.code !== undefined && { code: this.code }),
    });
  }
}

/** The engine (or the state it guards) said no: `<sentence> (<code>)`. */
export function refused(sentence: string, code: string): CliFailure {
  return new CliFailure(sentence, exitCode.refused, { code });
}

export function usageFailure(message: string): CliFailure {
  return new CliFailure(message, exitCode.usage);
}

export function unreachable(message: string, cause?: unknown): CliFailure {
  return new CliFailure(message, exitCode.unreachable, { cause });
}

/** Newlines and runs of spaces folded, so that every failure is one line on stderr. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

/** The engine's code travels in this trailer next to the gRPC status (docs/api.md "Positions API"). */
const errorCodeTrailer = "liq-error-code";

/**
 * A failed gRPC call as a failure: with the engine's code it was the engine's answer (1); without one, a status
 * from the transport: unreachable or too slow (3), or a method this engine does not serve (1).
 */
export function failureOfGrpcError(error: ServiceError, server: string, method: string): CliFailure {
  const engineCode = error.metadata?.get(errorCodeTrailer)[0];
  if (typeof engineCode === "string") return refused(error.details, engineCode);
  if (error.code === status.DEADLINE_EXCEEDED)
    return unreachable(`the engine at ${server} did not answer ${method} in time`, error);
  if (error.code === status.UNAVAILABLE)
    return unreachable(
      `cannot reach the engine at ${server}: ${error.details.replace(/\s*Resolution note:\s*$/, "")}`,
      error,
    );
  if (error.code === status.CANCELLED)
    return unreachable(`the call ${method} to ${server} was cancelled: ${error.details}`, error);
  if (error.code === status.UNIMPLEMENTED)
    return refused(`the engine at ${server} does not serve ${method} (an older engine?)`, "unimplemented");
  return refused(error.details || `${method} failed`, (status[error.code] ?? String(error.code)).toLowerCase());
}

export function isServiceError(error: unknown): error is ServiceError {
  return error instanceof Error && typeof (error as Partial<ServiceError>).code === "number" && "details" in error;
}
