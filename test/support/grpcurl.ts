import { execFile } from "node:child_process";
import { grpcurlBinary, spawnServer, type SpawnedServer } from "../rig/servers.js";
import { eventually } from "./tally.js";

/** What one grpcurl run printed, and its exit code. */
export interface GrpcurlRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A server-streaming call in progress: the messages so far, until `stop()`. */
export interface GrpcurlStream {
  readonly messages: Array<Record<string, unknown>>;
  /** Resolves once `predicate` holds for a message received; rejects with what grpcurl printed after `timeoutMs`. */
  waitFor(
    what: string,
    predicate: (message: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/**
 * grpcurl (the rig's pinned build) against one plaintext address, knowing the API only through server reflection:
 * never `-proto` or `-import-path`. Go's protobuf runtime checks every descriptor it is served, as operators' tools do.
 */
export class Grpcurl {
  private constructor(
    readonly binary: string,
    readonly address: string,
  ) {}

  static async at(address: string): Promise<Grpcurl> {
    return new Grpcurl(await grpcurlBinary(), address);
  }

  /** Runs `grpcurl -plaintext <flags> <address> <command...>`; never rejects: the caller asserts on the outcome. */
  run(flags: readonly string[], command: readonly string[]): Promise<GrpcurlRun> {
    return new Promise((resolve) => {
      execFile(
        this.binary,
        ["-plaintext", "-max-time", "30", ...flags, this.address, ...command],
        { maxBuffer: 16 << 20, timeout: 40_000 },
        (error, stdout, stderr) => {
          const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1;
          resolve({ code, stdout, stderr });
        },
      );
    });
  }

  /** `list` or `describe <symbol>`: what grpcurl printed; fails unless grpcurl succeeded. */
  async text(...command: string[]): Promise<string> {
    const outcome = await this.run([], command);
    if (outcome.code !== 0)
      throw new Error(`grpcurl ${command.join(" ")} failed (${outcome.code}): ${outcome.stderr}${outcome.stdout}`);
    return outcome.stdout;
  }

  /** Calls `method` (`package.Service/Method`) with `requests` (JSON, one per message sent); the messages answered. */
  async call(
    method: string,
    requests: object | readonly object[],
    token?: string,
  ): Promise<GrpcurlRun & { messages: Array<Record<string, unknown>> }> {
    const outcome = await this.run(this.callFlags(requests, token), [method]);
    return { ...outcome, messages: outcome.code === 0 ? jsonMessages(outcome.stdout).messages : [] };
  }

  /** Calls and fails unless it succeeded with exactly one answer. */
  async must(method: string, request: object, token?: string): Promise<Record<string, unknown>> {
    const outcome = await this.call(method, request, token);
    if (outcome.code !== 0 || outcome.messages.length !== 1)
      throw new Error(`grpcurl ${method} failed (${outcome.code}): ${outcome.stderr}${outcome.stdout}`);
    return outcome.messages[0]!;
  }

  /** Starts a server-streaming call; its messages are collected as grpcurl prints them. */
  stream(method: string, request: object, token?: string): GrpcurlStream {
    const flags = this.callFlags(request, token);
    const server: SpawnedServer = spawnServer(this.binary, ["-plaintext", ...flags, this.address, method]);
    const messages: Array<Record<string, unknown>> = [];
    let pending = "";
    server.child.stdout!.on("data", (chunk: Buffer) => {
      const parsed = jsonMessages(pending + chunk.toString());
      messages.push(...parsed.messages);
      pending = parsed.rest;
    });
    return {
      messages,
      async waitFor(what, predicate, timeoutMs = 15_000) {
        await eventually(what, () => messages.some(predicate) || server.exited, timeoutMs, 20).catch((error: Error) => {
          throw new Error(`${error.message}; grpcurl printed: ${server.output}`);
        });
        const found = messages.find(predicate);
        if (!found) throw new Error(`grpcurl ${method} ended before ${what}: ${server.output}`);
        return found;
      },
      async stop() {
        if (server.exited) return;
        const exited = new Promise((resolve) => server.child.once("exit", resolve));
        server.child.kill("SIGTERM");
        await exited;
      },
    };
  }

  private callFlags(requests: object | readonly object[], token: string | undefined): string[] {
    const body = (Array.isArray(requests) ? requests : [requests]).map((request) => JSON.stringify(request)).join("\n");
    return [...(token === undefined ? [] : ["-H", `authorization: Bearer ${token}`]), "-d", body];
  }
}

/** The complete JSON objects at the start of grpcurl's output (pretty-printed, one after another), and the rest. */
export function jsonMessages(text: string): { messages: Array<Record<string, unknown>>; rest: string } {
  const messages: Array<Record<string, unknown>> = [];
  let depth = 0;
  let start = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === "\\") index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "{") {
      if (depth === 0) start = index;
      depth++;
    } else if (char === "}" && --depth === 0) {
      messages.push(JSON.parse(text.slice(start, index + 1)) as Record<string, unknown>);
      start = index + 1;
    }
  }
  return { messages, rest: depth === 0 ? "" : text.slice(start) };
}
