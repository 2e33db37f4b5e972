import { createHash } from "node:crypto";

/**
 * What a command asks for, as a short hash: its type and its parsed form (defaults filled in, amounts normalized by
 * their own `toJSON`, keys sorted). Two deliveries under one command id must carry the same fingerprint, or the
 * second is not a retry but a different command reusing the id (ADR 001 §8).
 */
export function commandFingerprint(type: string, command: unknown): string {
  return createHash("sha256").update(type).update("\n").update(stableJson(command)).digest("base64url").slice(0, 22);
}

function stableJson(value: unknown): string {
  if (value !== null && typeof value === "object") {
    const withJson = value as { toJSON?: () => unknown };
    if (typeof withJson.toJSON === "function") return stableJson(withJson.toJSON());
    if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
    const entries = Object.entries(value as Record<string, unknown>).filter(([, field]) => field !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${stableJson(field)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
