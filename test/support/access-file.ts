import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sha256Hex } from "../../adapters/grpc/access.js";

/** Writes an access file with one fresh token per principal; returns the tokens. */
export function accessFile(principals: Record<string, string[]>): { file: string; tokens: Record<string, string> } {
  const tokens: Record<string, string> = {};
  const entries = Object.entries(principals).map(([principal, roles]) => {
    tokens[principal] = randomBytes(18).toString("base64url");
    return { principal, roles, tokenSha256: sha256Hex(tokens[principal]) };
  });
  const file = join(mkdtempSync(join(tmpdir(), "liq-access-")), "access.json");
  writeFileSync(file, JSON.stringify({ tokens: entries }));
  return { file, tokens };
}
