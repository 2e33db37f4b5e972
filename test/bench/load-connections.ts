import { connect, type NatsConnection } from "@nats-io/transport-node";

/**
 * The NATS connections of a load generator that runs in the engine's process (the positions and runtime benches):
 * without the caller stacks the client builds for every request, as the engine connects (adapters/nats/connect.ts).
 * Those Error objects were about 8% of the process's CPU, the engine's share included.
 */
export function loadConnections(natsUrl: string, count = 4): Promise<NatsConnection[]> {
  return Promise.all(Array.from({ length: count }, () => connect({ servers: natsUrl, noAsyncTraces: true })));
}
