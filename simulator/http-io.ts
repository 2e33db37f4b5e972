import type { IncomingMessage, ServerResponse } from "node:http";
import { SimulatorRequestError } from "./wire.js";

/** Bodies above this are refused (HTTP 413) before they are parsed. */
export const bodySizeMaxBytes = 64 * 1024;

export function readJson(request: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= bodySizeMaxBytes) chunks.push(chunk);
    });
    request.on("end", () => {
      if (size > bodySizeMaxBytes)
        return reject(new SimulatorRequestError(413, "body_too_large", `the body exceeds ${bodySizeMaxBytes} bytes`));
      const text = Buffer.concat(chunks).toString("utf8");
      try {
        resolve(text === "" ? {} : (JSON.parse(text) as unknown));
      } catch {
        reject(new SimulatorRequestError(400, "malformed_json", "the body is not valid JSON"));
      }
    });
    request.on("error", reject);
  });
}

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

export function sendText(response: ServerResponse, contentType: string, text: string): void {
  response.writeHead(200, { "content-type": contentType, "content-length": Buffer.byteLength(text) });
  response.end(text);
}

/** Closes the connection without an answer: the client cannot tell whether the call was processed. */
export function dropConnection(response: ServerResponse): void {
  response.socket?.destroy();
}

/** Path segments, percent-decoded; a malformed escape is a bad request. */
export function pathSegments(pathname: string): string[] {
  try {
    return pathname
      .split("/")
      .filter((segment) => segment !== "")
      .map(decodeURIComponent);
  } catch {
    throw new SimulatorRequestError(400, "malformed_path", "the path has a malformed percent escape");
  }
}
