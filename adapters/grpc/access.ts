import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { isJsonObject } from "../../runtime/json.js";
import { TokenBuckets, type RateLimit } from "./token-buckets.js";

/**
 * Roles (ADR 005 §5). viewer reads; operator also changes accounts and creates and steers transfers; approver also
 * approves transfers waiting for approval and confirms resolutions; admin may do everything. The same at every door:
 * gRPC and the NATS command door (adapters/nats/command-access.ts).
 */
export const roles = ["viewer", "operator", "approver", "admin"] as const;
export type Role = (typeof roles)[number];

/** The roles that satisfy a method's required role. */
const satisfiedBy: Record<Role, readonly Role[]> = {
  viewer: ["viewer", "operator", "approver", "admin"],
  operator: ["operator", "admin"],
  approver: ["approver", "admin"],
  admin: ["admin"],
};

export interface Grant {
  readonly principal: string;
  readonly roles: ReadonlySet<Role>;
}

export interface AccessSettings {
  /** SHA-256 (hex) of each bearer token, with whom it names and what they may do. */
  readonly tokens: ReadonlyArray<{
    readonly principal: string;
    readonly roles: readonly Role[];
    readonly tokenSha256: string;
  }>;
  readonly rateLimit: RateLimit;
}

export type AccessDecision =
  | { readonly ok: true; readonly grant: Grant }
  | {
      readonly ok: false;
      readonly reason: "unauthenticated" | "permission_denied" | "rate_limited";
      readonly message: string;
    };

/** Who a token names (the journal records `grpc:<principal>`). */
export const principalPattern = /^[A-Za-z0-9_.@-]{1,64}$/;
const sha256Pattern = /^[0-9a-f]{64}$/;

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/** Authenticates bearer tokens, checks roles and applies each principal's rate limit. */
export class AccessControl {
  private readonly grants = new Map<string, Grant>();
  private readonly buckets: TokenBuckets;

  constructor(settings: AccessSettings, now: () => number = Date.now) {
    for (const token of settings.tokens) {
      this.grants.set(token.tokenSha256, { principal: token.principal, roles: new Set(token.roles) });
    }
    this.buckets = new TokenBuckets(settings.rateLimit, now);
  }

  /** `authorization` is the metadata value ("Bearer <token>"), or undefined when the call has none. */
  check(authorization: string | undefined, required: Role): AccessDecision {
    const match = authorization === undefined ? null : /^Bearer\s+(\S{1,512})$/i.exec(authorization.trim());
    if (!match)
      return { ok: false, reason: "unauthenticated", message: 'send the metadata "authorization: Bearer <token>"' };
    return this.checkToken(match[1]!, required);
  }

  /** The token itself, as a door that carries it in its own way (the NATS `Liq-Token` header) hands it over. */
  checkToken(token: string, required: Role): AccessDecision {
    // Looking up the token's hash, not the token, keeps the comparison free of timing leaks about the secret.
    const grant = this.grants.get(sha256Hex(token));
    if (!grant) return { ok: false, reason: "unauthenticated", message: "the bearer token is not known" };
    if (!satisfiedBy[required].some((role) => grant.roles.has(role))) {
      return {
        ok: false,
        reason: "permission_denied",
        message: `${grant.principal} needs the ${required} role (or admin) for this call`,
      };
    }
    if (!this.buckets.take(grant.principal)) {
      return {
        ok: false,
        reason: "rate_limited",
        message: `${grant.principal} is over its rate limit of ${this.buckets.limit.perSecond} calls per second; retry later`,
      };
    }
    return { ok: true, grant };
  }
}

/** A development token: random, admin, for embedded mode or LIQ_DEV_ACCESS=true only. */
export function developmentAccess(rateLimit: RateLimit): { token: string; settings: AccessSettings } {
  const token = `dev-${randomBytes(24).toString("base64url")}`;
  return {
    token,
    settings: { tokens: [{ principal: "developer", roles: ["admin"], tokenSha256: sha256Hex(token) }], rateLimit },
  };
}

export class AccessConfigError extends Error {
  override readonly name = "AccessConfigError";
}

/**
 * Reads the access file (docs/api.md "Access"):
 * `{"tokens":[{"principal":"alice","roles":["operator"],"tokenSha256":"<hex>"}]}`.
 */
export function loadAccessFile(path: string, rateLimit: RateLimit): AccessSettings {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new AccessConfigError(`access file ${path} could not be read as JSON: ${(error as Error).message}`);
  }
  return parseAccessSettings(parsed, rateLimit, path);
}

export function parseAccessSettings(parsed: unknown, rateLimit: RateLimit, source = "access settings"): AccessSettings {
  if (!isJsonObject(parsed) || !Array.isArray(parsed["tokens"]) || parsed["tokens"].length === 0) {
    throw new AccessConfigError(`${source}: expected {"tokens": [ ... ]} with at least one token`);
  }
  const seen = new Set<string>();
  const tokens = parsed["tokens"].map((raw: unknown, index) => {
    const where = `${source}: tokens[${index}]`;
    if (!isJsonObject(raw)) throw new AccessConfigError(`${where} must be an object`);
    const { principal, tokenSha256 } = raw;
    const tokenRoles = raw["roles"];
    if (typeof principal !== "string" || !principalPattern.test(principal))
      throw new AccessConfigError(`${where}.principal must be 1-64 of A-Z a-z 0-9 _ . @ -`);
    if (typeof tokenSha256 !== "string" || !sha256Pattern.test(tokenSha256))
      throw new AccessConfigError(`${where}.tokenSha256 must be 64 lowercase hex digits (sha256 of the token)`);
    if (seen.has(tokenSha256)) throw new AccessConfigError(`${where}: the same token is listed twice`);
    seen.add(tokenSha256);
    if (
      !Array.isArray(tokenRoles) ||
      tokenRoles.length === 0 ||
      !tokenRoles.every((role): role is Role => roles.includes(role as Role))
    ) {
      throw new AccessConfigError(`${where}.roles must list some of ${roles.join(", ")}`);
    }
    return { principal, roles: tokenRoles, tokenSha256 };
  });
  return { tokens, rateLimit };
}
