import type { ConsumerConfig, JetStreamManager, StreamConfig } from "@nats-io/jetstream";

/** Creates the stream, or brings an existing one to `config` (subjects, limits, replicas). */
export async function ensureStream(
  jsm: JetStreamManager,
  config: Partial<StreamConfig> & { readonly name: string },
): Promise<void> {
  try {
    await jsm.streams.info(config.name);
    await jsm.streams.update(config.name, config);
  } catch {
    await jsm.streams.add(config);
  }
}

/**
 * Creates the durable consumer, or updates an existing one's ack wait and ack-pending limit; the rest (filter, deliver
 * and ack policy) stays as created.
 */
export async function ensureDurableConsumer(
  jsm: JetStreamManager,
  stream: string,
  config: Partial<ConsumerConfig> & {
    readonly durable_name: string;
    readonly ack_wait: number;
    readonly max_ack_pending: number;
  },
): Promise<void> {
  try {
    await jsm.consumers.info(stream, config.durable_name);
    await jsm.consumers.update(stream, config.durable_name, {
      ack_wait: config.ack_wait,
      max_ack_pending: config.max_ack_pending,
    });
  } catch {
    await jsm.consumers.add(stream, config);
  }
}
