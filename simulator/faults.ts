import { chance, hashSeed, seededRandom, type Random } from "./prng.js";
import { asObject, SimulatorRequestError, type JsonObject } from "./wire.js";

/**
 * Fault injection per bank, switched by the admin API. Random faults draw from a seeded generator per bank (seed:
 * the faults' `seed`, else `SIM_SEED` and the bank code), so a run reproduces; scripted faults are deterministic
 * and consumed in the order they match.
 */

export type FaultOperation = "debit" | "credit" | "reversal" | "query";
export type ScriptedFaultKind = "reject" | "timeoutAfterSuccess" | "timeoutBeforeProcessing" | "error503";
export type CallbackMode = "normal" | "lost" | "duplicated";

export interface ScriptedFault {
  readonly op: FaultOperation;
  readonly serialPrefix: string | undefined;
  readonly fault: ScriptedFaultKind;
  /** Calls still to hit; the entry is spent at 0. */
  times: number;
}

export interface MaintenanceWindow {
  readonly from: Date;
  readonly to: Date;
}

export interface BankFaults {
  readonly latencyMs: number;
  /** Up to this much more latency per call, drawn from the bank's seeded generator (uniform). */
  readonly latencyJitterMs: number;
  readonly rejectRate: number;
  readonly timeoutAfterSuccessRate: number;
  readonly outage: boolean;
  readonly maintenance: readonly MaintenanceWindow[];
  readonly callbackMode: CallbackMode;
  /** Above 0: a call is answered `accepted` and settled this many ms later (then the callback goes out). */
  readonly asyncProcessingMs: number;
  /** The share of calls processed asynchronously when `asyncProcessingMs` > 0 (default: all). */
  readonly asyncRate: number;
  readonly seed: number | undefined;
  readonly script: readonly ScriptedFault[];
}

export const noFaults: BankFaults = {
  latencyMs: 0,
  latencyJitterMs: 0,
  rejectRate: 0,
  timeoutAfterSuccessRate: 0,
  outage: false,
  maintenance: [],
  callbackMode: "normal",
  asyncProcessingMs: 0,
  asyncRate: 1,
  seed: undefined,
  script: [],
};

const latencyMsMax = 60_000;
const asyncProcessingMsMax = 600_000;
const scriptLengthMax = 1_000;
const maintenanceWindowsMax = 100;

/** What the simulator does with one bank API call, decided before it runs. */
export interface CallPlan {
  readonly latencyMs: number;
  /** `error503`: answer 503 and do nothing; `drop`: close the connection without doing anything. */
  readonly before: "none" | "error503" | "drop";
  /** A new money transaction is rejected with `bank_declined`. */
  readonly declined: boolean;
  /** Process, then close the connection without an answer. */
  readonly dropAfter: boolean;
  /** 0: settle at once; otherwise answer `accepted` and settle after this delay. */
  readonly asyncDelayMs: number;
  /** Fixed when the call is taken, so switching the mode later does not change a transaction already accepted. */
  readonly callbackMode: CallbackMode;
}

export type Unavailability = "outage" | "maintenance";

export class FaultInjector {
  private readonly faults = new Map<string, BankFaults>();
  private readonly randoms = new Map<string, Random>();

  constructor(private readonly seedText: string) {}

  set(bankCode: string, faults: BankFaults): void {
    this.faults.set(bankCode, faults);
    this.randoms.set(bankCode, seededRandom(faults.seed ?? hashSeed(`${this.seedText}:${bankCode}`)));
  }

  get(bankCode: string): BankFaults {
    return this.faults.get(bankCode) ?? noFaults;
  }

  reset(bankCode?: string): void {
    if (bankCode === undefined) this.faults.clear();
    else this.faults.delete(bankCode);
  }

  random(bankCode: string): Random {
    let random = this.randoms.get(bankCode);
    if (!random) {
      random = seededRandom(hashSeed(`${this.seedText}:${bankCode}`));
      this.randoms.set(bankCode, random);
    }
    return random;
  }

  /** Why the bank does not answer at all right now (503), if it does not. */
  unavailability(bankCode: string, now: Date): Unavailability | undefined {
    const faults = this.get(bankCode);
    if (faults.outage) return "outage";
    if (faults.maintenance.some((window) => window.from <= now && now < window.to)) return "maintenance";
    return undefined;
  }

  /**
   * The faults for one call. A scripted entry is spent when it matches, even if the serial turns out to be known
   * (a scripted `reject` cannot change a transaction the bank already decided: the repeat gets its status).
   */
  plan(bankCode: string, op: FaultOperation, serial: string): CallPlan {
    const faults = this.get(bankCode);
    const random = this.random(bankCode);
    const scripted = takeScripted(faults.script, op, serial);
    const moneyCall = op !== "query";
    const isAsync = moneyCall && faults.asyncProcessingMs > 0 && chance(random, faults.asyncRate);
    const jitterMs = faults.latencyJitterMs > 0 ? Math.floor(random.next() * (faults.latencyJitterMs + 1)) : 0;
    return {
      latencyMs: faults.latencyMs + jitterMs,
      before: scripted === "error503" ? "error503" : scripted === "timeoutBeforeProcessing" ? "drop" : "none",
      declined: scripted === "reject" || (moneyCall && scripted === undefined && chance(random, faults.rejectRate)),
      dropAfter:
        scripted === "timeoutAfterSuccess" ||
        (scripted === undefined && chance(random, faults.timeoutAfterSuccessRate)),
      asyncDelayMs: isAsync ? faults.asyncProcessingMs : 0,
      callbackMode: faults.callbackMode,
    };
  }
}

function takeScripted(
  script: readonly ScriptedFault[],
  op: FaultOperation,
  serial: string,
): ScriptedFaultKind | undefined {
  const entry = script.find(
    (candidate) => candidate.times > 0 && candidate.op === op && serial.startsWith(candidate.serialPrefix ?? ""),
  );
  if (!entry) return undefined;
  entry.times -= 1;
  return entry.fault;
}

function rate(body: JsonObject, field: string): number {
  const value = body[field] ?? 0;
  if (typeof value !== "number" || !(value >= 0 && value <= 1))
    throw new SimulatorRequestError(400, "invalid_faults", `${field} must be a number in [0, 1]`);
  return value;
}

function milliseconds(body: JsonObject, field: string, max: number): number {
  const value = body[field] ?? 0;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > max) {
    throw new SimulatorRequestError(400, "invalid_faults", `${field} must be an integer from 0 to ${max}`);
  }
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value !== "string" || !(allowed as readonly string[]).includes(value)) {
    throw new SimulatorRequestError(400, "invalid_faults", `${field} must be one of ${allowed.join(", ")}`);
  }
  return value as T;
}

function parseWindow(value: unknown): MaintenanceWindow {
  const window = asObject(value, "a maintenance window");
  const from = new Date(typeof window["from"] === "string" ? window["from"] : Number.NaN);
  const to = new Date(typeof window["to"] === "string" ? window["to"] : Number.NaN);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || !(from < to)) {
    throw new SimulatorRequestError(400, "invalid_faults", "a maintenance window needs ISO times from < to");
  }
  return { from, to };
}

function parseScripted(value: unknown): ScriptedFault {
  const entry = asObject(value, "a scripted fault");
  const op = oneOf(entry["op"], ["debit", "credit", "reversal", "query"] as const, "script[].op");
  const fault = oneOf(
    entry["fault"],
    ["reject", "timeoutAfterSuccess", "timeoutBeforeProcessing", "error503"] as const,
    "script[].fault",
  );
  if (op === "query" && fault === "reject")
    throw new SimulatorRequestError(400, "invalid_faults", "a query cannot be rejected; use error503 or a timeout");
  const prefix = entry["serialPrefix"];
  if (prefix !== undefined && typeof prefix !== "string")
    throw new SimulatorRequestError(400, "invalid_faults", "script[].serialPrefix must be a string");
  const times = entry["times"] ?? 1;
  if (typeof times !== "number" || !Number.isInteger(times) || times < 1)
    throw new SimulatorRequestError(400, "invalid_faults", "script[].times must be a positive integer");
  return { op, serialPrefix: prefix, fault, times };
}

function list(body: JsonObject, field: string, max: number): readonly unknown[] {
  const value = body[field] ?? [];
  if (!Array.isArray(value) || value.length > max)
    throw new SimulatorRequestError(400, "invalid_faults", `${field} must be an array of at most ${max}`);
  return value;
}

/** A bank's whole fault configuration from JSON: absent fields take their defaults (no faults). */
export function parseFaults(value: unknown): BankFaults {
  const body = asObject(value, "faults");
  const seed = body["seed"];
  if (seed !== undefined && (typeof seed !== "number" || !Number.isInteger(seed)))
    throw new SimulatorRequestError(400, "invalid_faults", "seed must be an integer");
  const outage = body["outage"] ?? false;
  if (typeof outage !== "boolean") throw new SimulatorRequestError(400, "invalid_faults", "outage must be a boolean");
  return {
    latencyMs: milliseconds(body, "latencyMs", latencyMsMax),
    latencyJitterMs: milliseconds(body, "latencyJitterMs", latencyMsMax),
    rejectRate: rate(body, "rejectRate"),
    timeoutAfterSuccessRate: rate(body, "timeoutAfterSuccessRate"),
    outage,
    maintenance: list(body, "maintenance", maintenanceWindowsMax).map(parseWindow),
    callbackMode:
      body["callbackMode"] === undefined
        ? "normal"
        : oneOf(body["callbackMode"], ["normal", "lost", "duplicated"] as const, "callbackMode"),
    asyncProcessingMs: milliseconds(body, "asyncProcessingMs", asyncProcessingMsMax),
    asyncRate: body["asyncRate"] === undefined ? 1 : rate(body, "asyncRate"),
    seed,
    script: list(body, "script", scriptLengthMax).map(parseScripted),
  };
}

/** The configuration as JSON again (for `GET /admin/banks/{b}/faults`). */
export function faultsToJson(faults: BankFaults): Record<string, unknown> {
  return {
    ...faults,
    maintenance: faults.maintenance.map((window) => ({ from: window.from.toISOString(), to: window.to.toISOString() })),
    script: faults.script.map((entry) => ({ ...entry })),
  };
}
