import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Registry } from "prom-client";
import type { ActorSystem } from "../../runtime/actor-system.js";
import { parseCommandBody } from "../../runtime/messages.js";
import { decodeUtf8 } from "../../runtime/text.js";
import { continueTrace, formatTraceparent, traceparentHeader, type TraceContext } from "../../runtime/trace-context.js";
import { callbackSignatureHeader } from "../banks/callback-signature.js";
import { metricsText } from "../prometheus/text-sections.js";

export interface AdminHttpOptions {
  readonly host: string;
  readonly port: number;
  readonly registry: Registry;
  readonly system: ActorSystem;
  /** Embedded mode only: accept commands over HTTP, as there is no NATS to send them through. */
  readonly acceptCommands: boolean;
  /**
   * Ready to serve (`/readyz`); the engine: recovery begun (the checkpoint read) and the directories caught up
   * (recovery goes on). Default: recovery fully done.
   */
  readonly ready?: () => boolean;
  /**
   * Bank status callbacks (ADR 006 §3): the raw body, its signature header and the callback's span (the bank's
   * `traceparent` continued, ADR 009 §3); absent when callbacks are off.
   */
  readonly bankCallback?: (
    rawBody: string,
    signature: string | undefined,
    trace: TraceContext,
  ) => Promise<{ status: number; body: unknown }>;
}

const commandPath = /^\/v1\/actors\/([a-z][a-z0-9_]*)\/([A-Za-z0-9_:-]{1,128})\/commands$/;

/** `/metrics` for Prometheus, `/healthz` (alive) and `/readyz` (ready to serve) for probes, `/callbacks/bank` for banks, and in embedded mode a command endpoint for trying the engine. */
export function startAdminHttp(options: AdminHttpOptions): Promise<Server> {
  const server = createServer((request, response) => {
    void route(options, request, response).catch(() => send(response, 500, { error: "internal error" }));
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => resolve(server));
  });
}

async function route(options: AdminHttpOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? "/", "http://admin");
  if (request.method === "GET" && url.pathname === "/metrics") {
    response.writeHead(200, { "content-type": options.registry.contentType });
    response.end(await metricsText(options.registry));
    return;
  }
  if (request.method === "GET" && url.pathname === "/healthz")
    return send(response, 200, {
      status: "ok",
      publicationRecovered: options.system.recovered,
      activeActors: options.system.activeCount,
    });
  if (request.method === "GET" && url.pathname === "/readyz") {
    const ready = options.ready ? options.ready() : options.system.recovered;
    return send(response, ready ? 200 : 503, {
      status: ready ? "ready" : "starting",
      publicationRecovered: options.system.recovered,
      // Absent until the actors to recover are listed; 0 once recovered.
      recoveryActorsRemaining: options.system.recoveryActorsRemaining,
    });
  }
  if (request.method === "POST" && url.pathname === "/callbacks/bank") {
    const trace = continueTrace(request.headers[traceparentHeader]);
    if (!options.bankCallback) {
      return send(response, 403, {
        ok: false,
        error: {
          code: "callbacks_off",
          message: "bank callbacks are off: no LIQ_BANK_CALLBACK_SECRETS_FILE (transfers poll instead)",
        },
      });
    }
    const bytes = await readBody(request, options.system.limits.messageSizeMaxBytes);
    if (bytes === undefined)
      return send(response, 413, {
        ok: false,
        error: { code: "message_too_large", message: "the callback is larger than the message size limit" },
      });
    const body = bytes.toString("utf8");
    const signature = request.headers[callbackSignatureHeader];
    const answer = await options.bankCallback(body, typeof signature === "string" ? signature : undefined, trace);
    return send(response, answer.status, answer.body, trace);
  }
  const match = commandPath.exec(url.pathname);
  if (options.acceptCommands && request.method === "POST" && match) {
    const bytes = await readBody(request, options.system.limits.messageSizeMaxBytes);
    if (bytes === undefined) return send(response, 413, { ok: false, error: { code: "message_too_large" } });
    const body = decodeUtf8(bytes);
    if (body === undefined)
      return send(response, 400, {
        ok: false,
        error: { code: "malformed_message", message: "the body is not well-formed UTF-8" },
      });
    let decoded: unknown;
    try {
      decoded = JSON.parse(body);
    } catch {
      return send(response, 400, {
        ok: false,
        error: { code: "malformed_message", message: "the body is not valid JSON" },
      });
    }
    const parsed = parseCommandBody(decoded);
    if (!parsed.ok) return send(response, 400, parsed.reply);
    const [, kind = "", actorId = ""] = match;
    const trace = continueTrace(request.headers[traceparentHeader]);
    const reply = await options.system.dispatch({ kind, actorId, ...parsed.body, principal: "http:embedded", trace });
    return send(response, reply.ok ? 200 : reply.error.retryable ? 503 : 422, reply, trace);
  }
  send(response, 404, { error: "not found" });
}

function readBody(request: IncomingMessage, limitBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        resolve(undefined);
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

/** With `trace`, the answer names the span that handled the request in its `traceparent` header (ADR 009 §3). */
function send(response: ServerResponse, status: number, body: unknown, trace?: TraceContext): void {
  response.writeHead(status, {
    "content-type": "application/json",
    ...(trace && { [traceparentHeader]: formatTraceparent(trace) }),
  });
  response.end(JSON.stringify(body));
}
