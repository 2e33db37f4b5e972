import type { JsonObject } from "../../runtime/json.js";
import { bankCodePattern } from "../account/account-key.js";
import {
  defaultBreaker,
  speeds,
  type ChannelConfig,
  type DailyMaintenance,
  type MaintenanceWindow,
  type SpeedTerms,
} from "./config.js";
import { Fields, Invalid } from "../shared/fields.js";
import { minuteOfDay } from "./local-time.js";

/** Put a limit on everything: windows are replaced by `configure`, so old ones need not pile up. */
export const maintenanceWindowsMax = 50;
export const dailyMaintenanceMax = 10;
/** UTC-12:00 to UTC+14:00, the offsets in use. */
const offsetMinutesMin = -720;
const offsetMinutesMax = 840;

/**
 * A channel id: the runtime's id alphabet without ":" and at most 64 long, which is what a transfer accepts as a
 * channel to fail over to (actors/transfer/parse.ts); a wider alternative could never be followed.
 */
export const channelIdPattern = /^[A-Za-z0-9_-]{1,64}$/;
const clockPattern = /^([01]\d|2[0-3]):[0-5]\d$/;
const cutoffPattern = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const instantPattern = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

export const configureFields = [
  "bankCode",
  "currency",
  "speeds",
  "utcOffsetMinutes",
  "dailyLimit",
  "maintenanceWindows",
  "dailyMaintenance",
  "alternative",
  "breaker",
];

/** ISO 4217 codes as Node's ICU knows them. */
const currencies = new Set(Intl.supportedValuesOf("currency"));

/** Builds a configuration from a `configure` payload (or its own wire form); throws `Invalid` naming the field. */
export function buildConfig(f: Fields): ChannelConfig {
  const currency = f.matching("currency", /^[A-Z]{3}$/, 'an ISO 4217 code such as "EUR"');
  if (!currencies.has(currency)) f.fail("currency", 'an ISO 4217 code such as "EUR"');
  return {
    bankCode: f.matching("bankCode", bankCodePattern, "1-32 letters or digits"),
    currency,
    speeds: buildSpeeds(f),
    utcOffsetMinutes: f.integer("utcOffsetMinutes", offsetMinutesMin, offsetMinutesMax),
    dailyLimit: f.amount("dailyLimit"),
    maintenanceWindows: f.objects("maintenanceWindows", ["from", "to"], maintenanceWindowsMax).map(buildWindow),
    dailyMaintenance: f.objects("dailyMaintenance", ["from", "to"], dailyMaintenanceMax).map(buildDailyMaintenance),
    alternative: f.has("alternative") ? nullableAlternative(f) : null,
    breaker: buildBreaker(f.object("breaker", Object.keys(defaultBreaker), true)),
  };
}

function buildSpeeds(parent: Fields): ChannelConfig["speeds"] {
  const f = parent.object("speeds", speeds);
  const terms: { -readonly [S in keyof ChannelConfig["speeds"]]: SpeedTerms } = {};
  for (const speed of f.keys()) {
    const speedFields = f.object(speed, ["fee", "cutoff"]);
    const cutoff = speedFields.matching(
      "cutoff",
      cutoffPattern,
      "a local time HH:MM from 00:01 to 24:00 (24:00: no cut-off)",
    );
    if (cutoff === "00:00") speedFields.fail("cutoff", "a local time HH:MM from 00:01 to 24:00 (24:00: no cut-off)");
    terms[speed as keyof typeof terms] = { fee: speedFields.amount("fee", { allowZero: true }), cutoff };
  }
  if (Object.keys(terms).length === 0) parent.fail("speeds", "an object with at least one of normal, urgent");
  return terms;
}

function buildWindow(f: Fields): MaintenanceWindow {
  const from = instant(f, "from");
  const to = instant(f, "to");
  if (Date.parse(to) <= Date.parse(from)) f.fail("to", `after from (${from})`);
  return { from, to };
}

function buildDailyMaintenance(f: Fields): DailyMaintenance {
  const from = f.matching("from", clockPattern, "a local time HH:MM");
  const to = f.matching("to", clockPattern, "a local time HH:MM");
  if (minuteOfDay(from) === minuteOfDay(to))
    f.fail("to", "another time than from (a window crosses midnight when to is before from)");
  return { from, to };
}

function buildBreaker(f: Fields): ChannelConfig["breaker"] {
  return {
    failureThreshold: f.integer("failureThreshold", 1, 1_000, defaultBreaker.failureThreshold),
    openForMs: f.integer("openForMs", 100, 86_400_000, defaultBreaker.openForMs),
    halfOpenSuccesses: f.integer("halfOpenSuccesses", 1, 100, defaultBreaker.halfOpenSuccesses),
    halfOpenCallsMax: f.integer("halfOpenCallsMax", 1, 100, defaultBreaker.halfOpenCallsMax),
  };
}

function nullableAlternative(f: Fields): string | null {
  return f.isNull("alternative")
    ? null
    : f.matching("alternative", channelIdPattern, "null or a channel id (1-64 characters of A-Z a-z 0-9 _ -)");
}

/** An ISO 8601 instant with a zone, normalized to UTC so that windows compare; impossible dates (Feb 30) refused. */
function instant(f: Fields, name: string): string {
  const rule = "an ISO 8601 time with zone, such as 2026-11-28T01:00:00Z";
  const text = f.matching(name, instantPattern, rule);
  const [, year, month, day] = instantPattern.exec(text)!;
  const calendar = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const time = Date.parse(text);
  if (!Number.isFinite(time) || calendar.getUTCDate() !== Number(day) || calendar.getUTCMonth() !== Number(month) - 1)
    f.fail(name, rule);
  return new Date(time).toISOString();
}

/** Decodes a configuration this actor wrote (event or snapshot); a failure is a corrupt record. */
export function configFromJson(json: JsonObject): ChannelConfig {
  try {
    return buildConfig(new Fields(json, configureFields));
  } catch (error) {
    if (error instanceof Invalid)
      throw new TypeError(`not an encoded channel configuration: ${error.message}`, { cause: error });
    throw error;
  }
}
