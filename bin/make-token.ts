import { randomBytes } from "node:crypto";
import { roles, sha256Hex, type Role } from "../adapters/grpc/access.js";

/**
 * `node --import tsx bin/make-token.ts <principal> <role>[,<role>...]`: prints a new random bearer token (give it
 * to the client, once) and the access-file entry that holds only its hash (docs/api.md "Access").
 */
const [principal, roleList] = process.argv.slice(2);
const wanted = (roleList ?? "").split(",").filter((role) => role !== "");
if (!principal || wanted.length === 0 || !wanted.every((role): role is Role => roles.includes(role as Role))) {
  process.stderr.write(`usage: node --import tsx bin/make-token.ts <principal> <role>[,<role>...]   roles: ${roles.join(", ")}\n`);
  process.exit(2);
}
const token = randomBytes(32).toString("base64url");
process.stdout.write(`token (give to ${principal}; it is not stored anywhere):\n  ${token}\n`);
process.stdout.write(`access-file entry (add to "tokens"):\n  ${JSON.stringify({ principal, roles: wanted, tokenSha256: sha256Hex(token) })}\n`);
