import { headers, type NatsConnection } from "@nats-io/transport-node";
import type { Reply } from "../../runtime/messages.js";
import { commandSubject } from "../../runtime/subjects.js";
import { principalHeader, tokenHeader } from "./command-access.js";

interface ActorCommand {
  readonly kind: string;
  readonly actorId: string;
  readonly commandId: string;
  readonly type: string;
  readonly payload?: unknown;
}

/**
 * Sends commands to actors over NATS request/reply, computing each actor's subject. `caller` is either a name
 * (`Liq-Principal`, for the commands the door takes without a token) or `{ token }` (`Liq-Token`: the principal is
 * the token's).
 */
export class NatsActorClient {
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly nc: NatsConnection,
    private readonly prefix: string,
    private readonly partitionCount: number,
    private readonly caller?: string | { readonly token: string },
  ) {}

  async send(command: ActorCommand, timeoutMs = 10_000): Promise<Reply> {
    const subject = commandSubject(this.prefix, command.kind, command.actorId, this.partitionCount);
    const body = { commandId: command.commandId, type: command.type, payload: command.payload ?? {} };
    return this.sendRaw(subject, this.encoder.encode(JSON.stringify(body)), timeoutMs);
  }

  /** Sends raw bytes to a subject: for callers (and tests) that build their own messages. */
  async sendRaw(subject: string, data: Uint8Array, timeoutMs = 10_000): Promise<Reply> {
    const options: { timeout: number; headers?: ReturnType<typeof headers> } = { timeout: timeoutMs };
    if (this.caller) {
      options.headers = headers();
      if (typeof this.caller === "string") options.headers.set(principalHeader, this.caller);
      else options.headers.set(tokenHeader, this.caller.token);
    }
    const message = await this.nc.request(subject, data, options);
    return JSON.parse(this.decoder.decode(message.data)) as Reply;
  }
}
