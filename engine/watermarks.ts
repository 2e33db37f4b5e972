import type { Decimal } from "decimal.js";
import { poolKey, type PoolWatermarks, type Watermarks, type WatermarksConfig } from "../actors/account/watermarks.js";
import { parseAmount } from "../actors/shared/amount.js";
import { ConfigError, readJsonConfigFile } from "./config.js";

const levels = ["lowDanger", "lowWarning", "high"] as const;
const accountIdPattern = /^[A-Za-z0-9]{1,32}:[A-Za-z0-9_-]{1,64}$/;
const poolPattern = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * Reads `LIQ_WATERMARKS_FILE` (ADR 008 §2):
 * `{ "accounts": { "<id>": { "lowDanger": "1000.00", "lowWarning": "5000.00", "high": "900000.00" } },
 *    "pools": [{ "pool": "main", "currency": "CNY", "lowWarning": "..." }] }`.
 * Amounts are decimal strings (never JSON numbers); anything else is a configuration error that stops the start.
 */
export function loadWatermarks(file: string | undefined): WatermarksConfig {
  if (file === undefined) return { accounts: new Map(), pools: new Map() };
  return parseWatermarks(readJsonConfigFile("LIQ_WATERMARKS_FILE", file), `LIQ_WATERMARKS_FILE ${file}`);
}

/** `source` names the file in every problem. */
export function parseWatermarks(parsed: unknown, source = "LIQ_WATERMARKS_FILE"): WatermarksConfig {
  if (!isObject(parsed)) throw new ConfigError(`${source} must hold an object { "accounts": {...}, "pools": [...] }`);
  refuseUnknownKeys(parsed, ["accounts", "pools"], source);
  const accounts = new Map<string, Watermarks>();
  const accountsJson = parsed["accounts"] ?? {};
  if (!isObject(accountsJson)) throw new ConfigError(`${source} accounts must be an object keyed by account id`);
  for (const [accountId, value] of Object.entries(accountsJson)) {
    const where = `${source} accounts["${accountId}"]`;
    if (!accountIdPattern.test(accountId))
      throw new ConfigError(`${where}: not an account id <bankCode>:<accountNumber>`);
    accounts.set(accountId, thresholdsOf(value, where, []));
  }
  const pools = new Map<string, PoolWatermarks>();
  const poolsJson = parsed["pools"] ?? [];
  if (!Array.isArray(poolsJson)) throw new ConfigError(`${source} pools must be an array`);
  poolsJson.forEach((value: unknown, index) => {
    const where = `${source} pools[${index}]`;
    if (!isObject(value)) throw new ConfigError(`${where} must be an object`);
    const { pool, currency } = value;
    if (typeof pool !== "string" || !poolPattern.test(pool))
      throw new ConfigError(`${where}.pool must be 1-64 of A-Z a-z 0-9 _ . -`);
    if (typeof currency !== "string" || !/^[A-Z]{3}$/.test(currency))
      throw new ConfigError(`${where}.currency must be an ISO 4217 code`);
    const key = poolKey(pool, currency);
    if (pools.has(key)) throw new ConfigError(`${where}: pool ${pool} in ${currency} appears twice`);
    pools.set(key, { pool, currency, ...thresholdsOf(value, where, ["pool", "currency"]) });
  });
  return { accounts, pools };
}

function thresholdsOf(value: unknown, where: string, otherKeys: readonly string[]): Watermarks {
  if (!isObject(value)) throw new ConfigError(`${where} must be an object of decimal strings`);
  refuseUnknownKeys(value, [...levels, ...otherKeys], where);
  const thresholds: { -readonly [K in (typeof levels)[number]]?: Decimal } = {};
  for (const level of levels) {
    if (value[level] === undefined) continue;
    const parsed = parseAmount(value[level], { allowNegative: true, allowZero: true }, `${where}.${level}`);
    if (!parsed.ok) throw new ConfigError(parsed.message);
    thresholds[level] = parsed.amount;
  }
  const { lowDanger, lowWarning, high } = thresholds;
  if (lowDanger === undefined && lowWarning === undefined && high === undefined)
    throw new ConfigError(`${where}: no threshold (lowDanger, lowWarning, high)`);
  if (lowDanger && lowWarning && lowDanger.greaterThan(lowWarning))
    throw new ConfigError(`${where}: lowDanger must not exceed lowWarning`);
  const highestLow = lowWarning ?? lowDanger;
  if (high && highestLow && !high.greaterThan(highestLow))
    throw new ConfigError(`${where}: high must exceed the low watermarks`);
  return thresholds;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function refuseUnknownKeys(value: Record<string, unknown>, known: readonly string[], where: string): void {
  const unknown = Object.keys(value).filter((key) => !known.includes(key));
  if (unknown.length > 0)
    throw new ConfigError(`${where}: unknown field ${unknown.join(", ")} (known: ${known.join(", ")})`);
}
