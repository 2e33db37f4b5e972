import type { NatsConnection } from "@nats-io/transport-node";
import { connectNats } from "../adapters/nats/connect.js";
import { CliFailure, refused, unreachable } from "./failures.js";
import type { NatsClientSettings } from "./settings.js";

/** Connects as `liq`; a server that cannot be reached is a failure with exit code 3. */
export async function connectForCli(settings: NatsClientSettings): Promise<NatsConnection> {
  try {
    return await connectNats({
      servers: settings.servers,
      name: "liq",
      ...(settings.user !== undefined && { user: settings.user }),
      ...(settings.password !== undefined && { password: settings.password }),
      ...(settings.token !== undefined && { token: settings.token }),
      ...(settings.credsFile !== undefined && { credsFile: settings.credsFile }),
      ...(settings.tlsCaFile !== undefined && { tlsCaFile: settings.tlsCaFile }),
    });
  } catch (error) {
    throw natsFailure(error, `cannot reach NATS at ${settings.servers}`);
  }
}

/**
 * A NATS error as a failure: refused permissions and credentials exit 1 (`permission_denied`); anything else, a
 * server or stream that does not answer, exits 3, with `doing` saying what could not be done.
 */
export function natsFailure(error: unknown, doing: string): CliFailure {
  if (error instanceof CliFailure) return error;
  const name = error instanceof Error ? error.name : "";
  const message = error instanceof Error ? error.message : String(error);
  if (
    name === "PermissionViolationError" ||
    name === "AuthorizationError" ||
    /permissions violation|authorization/i.test(message)
  ) {
    return refused(`${doing}: NATS refused: ${message}`, "permission_denied");
  }
  if (name === "NoRespondersError" || /no responders/i.test(message)) {
    return unreachable(
      `${doing}: no JetStream stream answered (is the engine running, with the same LIQ_SUBJECT_PREFIX?)`,
      error,
    );
  }
  if (name === "StreamNotFoundError" || name === "ConsumerNotFoundError" || /not found/i.test(message)) {
    return unreachable(
      `${doing}: ${message} (is the engine running with ingestion on, with the same LIQ_SUBJECT_PREFIX?)`,
      error,
    );
  }
  if (name === "TimeoutError" || /timeout/i.test(message))
    return unreachable(`${doing}: NATS did not answer in time`, error);
  return unreachable(`${doing}: ${message}`, error);
}
