import { createInbox, type Msg, type MsgHdrs, type NatsConnection, type Subscription } from "@nats-io/transport-node";

/** A JetStream publish that was refused, or whose acknowledgement did not come in time. */
export class JetStreamPublishFailed extends Error {
  override readonly name = "JetStreamPublishFailed";
}

/** Settles one message's acknowledgement: an error, or undefined when the stream stored it. */
type Settle = (error: JetStreamPublishFailed | undefined) => void;

const decoder = new TextDecoder();

/**
 * JetStream publishes acknowledged on one inbox subscription of the connection, a batch at a time. What
 * `js.publish` does per message (a request with its own reply handler, timeout timer, promise race and, in nats.js
 * 3.4, an Error built when the request is cleaned up) is done here once per batch: each message carries a reply
 * subject `<inbox>.<token>`, and the batch resolves when every token was acknowledged by the stream.
 */
export class JetStreamAcks {
  private readonly inbox = createInbox();
  private readonly waiting = new Map<string, Settle>();
  private readonly subscription: Subscription;
  private nextToken = 0;

  constructor(
    private readonly nc: NatsConnection,
    private readonly timeoutMs: number,
  ) {
    this.subscription = nc.subscribe(`${this.inbox}.*`, {
      callback: (error, message) => {
        if (!error) this.acknowledged(message);
      },
    });
  }

  /** Publishes the messages in order; resolves when the stream stored every one, rejects on the first failure. */
  publish(messages: ReadonlyArray<{ subject: string; data: Uint8Array; headers: MsgHdrs }>): Promise<void> {
    if (messages.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const tokens: string[] = [];
      let remaining = messages.length;
      const forget = () => {
        clearTimeout(timer);
        for (const token of tokens) this.waiting.delete(token);
      };
      const settle: Settle = (error) => {
        if (error) {
          forget();
          reject(error);
        } else if (--remaining === 0) {
          clearTimeout(timer);
          resolve();
        }
      };
      const timer = setTimeout(
        () => settle(new JetStreamPublishFailed(`no acknowledgement from the stream within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
      try {
        for (const { subject, data, headers } of messages) {
          const token = (this.nextToken++).toString(36);
          tokens.push(token);
          this.waiting.set(token, settle);
          this.nc.publish(subject, data, { reply: `${this.inbox}.${token}`, headers });
        }
      } catch (error) {
        forget();
        reject(new JetStreamPublishFailed(`publish failed: ${(error as Error).message}`, { cause: error }));
      }
    });
  }

  close(): void {
    this.subscription.unsubscribe();
  }

  private acknowledged(message: Msg): void {
    const token = message.subject.slice(this.inbox.length + 1);
    const settle = this.waiting.get(token);
    if (!settle) return;
    this.waiting.delete(token);
    settle(refusalOf(message));
  }
}

/** Why the stream did not store a message, from its answer; undefined for a stored one (or a duplicate). */
function refusalOf(message: Msg): JetStreamPublishFailed | undefined {
  if (message.headers?.code === 503) return new JetStreamPublishFailed("no stream stores the subject (no responders)");
  let answer: unknown;
  try {
    answer = JSON.parse(decoder.decode(message.data));
  } catch {
    return new JetStreamPublishFailed("the stream's acknowledgement is not JSON");
  }
  if (typeof answer !== "object" || answer === null) return new JetStreamPublishFailed("invalid acknowledgement");
  const { error, stream } = answer as { error?: { description?: string; err_code?: number }; stream?: unknown };
  if (error) return new JetStreamPublishFailed(`the stream refused the message: ${error.description ?? "error"}`);
  if (typeof stream !== "string" || stream === "") return new JetStreamPublishFailed("invalid acknowledgement");
  return undefined;
}
