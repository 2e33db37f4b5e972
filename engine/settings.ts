import { readFileSync } from "node:fs";

/**
 * The machinery under the engine's configuration (engine/config.ts): typed settings read from a variable or from the
 * `LIQ_CONFIG` file, every problem collected with where the value came from, the value, and what is allowed.
 */

/** How a setting's value is read: a variable's text, or a JSON value of the configuration file. */
export interface ValueType<T> {
  /** What is allowed, as it ends "it must be ...". */
  readonly allowed: string;
  /** The value, or undefined when `raw` is not allowed. */
  parse(raw: unknown): T | undefined;
}

/** One setting of the engine: its variable, its key in the configuration file, its default and what it does. */
export interface Setting<T> {
  readonly env: string;
  /** `natsUrl`; `limits.mailboxCapacity` for a setting inside an object of the file. */
  readonly key: string;
  readonly type: ValueType<T>;
  /** Used when neither the variable nor the file sets it; undefined: unset. */
  readonly fallback: T | undefined;
  /** One line for `--help` and docs/configuration.md. */
  readonly help: string;
  /** Its value is never printed (passwords, tokens). */
  readonly secret?: boolean;
}

export function textValue(allowed = "a non-empty string", pattern?: RegExp): ValueType<string> {
  return {
    allowed,
    parse: (raw) =>
      typeof raw === "string" && raw !== "" && (pattern === undefined || pattern.test(raw)) ? raw : undefined,
  };
}

export function integerValue(min: number, max?: number): ValueType<number> {
  return {
    allowed: max === undefined ? `an integer of at least ${min}` : `an integer from ${min} to ${max}`,
    parse: (raw) => {
      const number =
        typeof raw === "number" ? raw : typeof raw === "string" && /^-?\d+$/.test(raw) ? Number(raw) : Number.NaN;
      return Number.isSafeInteger(number) && number >= min && (max === undefined || number <= max) ? number : undefined;
    },
  };
}

/**
 * An amount of money: a plain decimal string, not negative, at most 16 integer digits and 4 decimal places
 * (DECIMAL(20,4), actors/shared/amount.ts), kept as written. A JSON number is refused: it has lost exactness already.
 */
/** A money setting: a plain decimal string of at least 0, at most 4 places (never a JS number: it would lose exactness). */
export function amountValue(example: string): ValueType<string> {
  return {
    allowed: `a decimal string of at least 0 with at most 4 decimal places, such as "${example}"`,
    parse: (raw) => (typeof raw === "string" && /^(0|[1-9]\d{0,15})(\.\d{1,4})?$/.test(raw) ? raw : undefined),
  };
}

export const flagValue: ValueType<boolean> = {
  allowed: "true or false",
  parse: (raw) => (raw === true || raw === "true" ? true : raw === false || raw === "false" ? false : undefined),
};

export function choiceValue<T extends string>(choices: readonly T[]): ValueType<T> {
  return {
    allowed: `one of ${choices.join(", ")}`,
    parse: (raw) => (choices.includes(raw as T) ? (raw as T) : undefined),
  };
}

/** The configuration file: its name as given in `LIQ_CONFIG`, and its JSON object. */
export interface SettingsFile {
  readonly path: string;
  readonly values: Readonly<Record<string, unknown>>;
}

/** Reads settings (the variable wins over the file) and collects one line per problem instead of stopping at the first. */
export class SettingsReader {
  readonly problems: string[] = [];

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly file: SettingsFile | undefined,
  ) {}

  /** The setting's value; its fallback when unset or not allowed (then a problem is recorded). */
  value<T>(setting: Setting<T>): T | undefined {
    const fromEnv = this.env[setting.env];
    if (fromEnv !== undefined && fromEnv !== "") return this.checked(setting, fromEnv, setting.env);
    const fromFile = this.file && fileValue(this.file.values, setting.key);
    if (this.file && fromFile !== undefined && fromFile !== null)
      return this.checked(setting, fromFile, `${fileOrigin(this.file.path)}: ${setting.key}`);
    return setting.fallback;
  }

  /** Like `value`, for settings that have a default. */
  get<T>(setting: Setting<T> & { readonly fallback: T }): T {
    return this.value(setting) ?? setting.fallback;
  }

  /** Records a problem that involves several settings (names them itself). */
  refuse(problem: string): void {
    this.problems.push(problem);
  }

  /** Where a setting's value came from, for a problem about it: the variable, or the file and key. */
  origin(setting: Setting<unknown>): string {
    const fromEnv = this.env[setting.env];
    if (
      (fromEnv === undefined || fromEnv === "") &&
      this.file &&
      fileValue(this.file.values, setting.key) !== undefined
    ) {
      return `${setting.key} in ${fileOrigin(this.file.path)}`;
    }
    return setting.env;
  }

  private checked<T>(setting: Setting<T>, raw: unknown, origin: string): T | undefined {
    const parsed = setting.type.parse(raw);
    if (parsed !== undefined) return parsed;
    this.problems.push(`${origin} is ${shownValue(raw, setting.secret)}; it must be ${setting.type.allowed}`);
    return setting.fallback;
  }
}

function fileOrigin(path: string): string {
  return `${path} (LIQ_CONFIG)`;
}

function fileValue(values: Readonly<Record<string, unknown>>, key: string): unknown {
  const [group, name] = key.split(".");
  if (name === undefined) return values[group!];
  const nested = values[group!];
  return isObject(nested) ? nested[name] : undefined;
}

/** A value as a problem shows it: JSON, credentials in URLs masked, secrets hidden. */
function shownValue(raw: unknown, secret = false): string {
  if (secret) return "(hidden)";
  const text = JSON.stringify(raw) ?? String(raw);
  return redactCredentials(text.length > 200 ? `${text.slice(0, 200)}...` : text);
}

/** `nats://user:secret@host` -> `nats://user:***@host`: addresses are printed, passwords never. */
export function redactCredentials(text: string): string {
  return text.replace(/(\/\/[^/@:\s",]*):[^/@\s",]*@/g, "$1:***@");
}

/**
 * Keys of the configuration file that are no setting, each with the nearest known key. `groups` are the keys
 * that hold an object of settings (`limits`); their known members are the settings keyed `<group>.<name>`.
 */
export function unknownFileKeys(
  file: SettingsFile,
  settings: readonly Setting<unknown>[],
  groups: readonly string[],
): string[] {
  const known = new Set(settings.map((setting) => setting.key));
  const problems: string[] = [];
  const where = fileOrigin(file.path);
  for (const [key, value] of Object.entries(file.values)) {
    if (groups.includes(key)) {
      if (value === null) continue;
      if (!isObject(value)) {
        problems.push(`${where}: ${key} is ${shownValue(value)}; it must be an object of settings`);
        continue;
      }
      for (const name of Object.keys(value)) {
        if (!known.has(`${key}.${name}`))
          problems.push(`${where}: ${notASetting(`${key}.${name}`, settings, (setting) => setting.key)}`);
      }
    } else if (!known.has(key)) {
      problems.push(`${where}: ${notASetting(key, settings, (setting) => setting.key)}`);
    }
  }
  return problems;
}

/** "natsURL is not a setting; did you mean natsUrl?" (the nearest name of `nameOf`), or a pointer to `--help`. */
export function notASetting(
  name: string,
  settings: readonly Setting<unknown>[],
  nameOf: (setting: Setting<unknown>) => string,
  extraNames: readonly string[] = [],
): string {
  const nearest = nearestName(
    name,
    [...settings.map(nameOf), ...extraNames],
    settings.map((setting) => [setting.env, nameOf(setting)] as const),
  );
  return nearest === undefined
    ? `${name} is not a setting (npm start -- --help lists them)`
    : `${name} is not a setting; did you mean ${nearest}?`;
}

/**
 * The candidate nearest to `name`, compared without case and separators (`natsURL` ~ `natsUrl`, `LIQ_NATSURL` ~
 * `LIQ_NATS_URL`), also by a nested key's last part (`mailboxCapacity` ~ `limits.mailboxCapacity`) and by other
 * names of the same thing (`aliases`: a variable's name written as a file key); undefined when none is near.
 */
export function nearestName(
  name: string,
  candidates: readonly string[],
  aliases: ReadonlyArray<readonly [string, string]> = [],
): string | undefined {
  const target = normalized(name);
  let best: { candidate: string; distance: number } | undefined;
  const consider = (form: string, candidate: string) => {
    const distance = editDistance(target, normalized(form));
    if (best === undefined || distance < best.distance) best = { candidate, distance };
  };
  for (const candidate of candidates) {
    consider(candidate, candidate);
    const last = candidate.split(".").at(-1)!;
    if (last !== candidate) consider(last, candidate);
  }
  for (const [alias, candidate] of aliases) consider(alias, candidate);
  const allowed = Math.max(2, Math.floor(target.length / 4));
  return best !== undefined && best.distance <= allowed ? best.candidate : undefined;
}

function normalized(name: string): string {
  return name
    .toLowerCase()
    .replace(/^liq_/, "")
    .replace(/[^a-z0-9]/g, "");
}

/** Levenshtein distance (insertions, deletions, substitutions). */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** A JSON file named by a variable: its value, or one line that names the variable, the file and what is wrong. */
export function readJsonFile(
  envName: string,
  path: string,
): { ok: true; value: unknown } | { ok: false; problem: string } {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    return { ok: false, problem: `${envName} ${path}: ${fileErrorText(error)}` };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return {
      ok: false,
      problem: `${envName} ${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

/** Why a file could not be read, in a few words. */
export function fileErrorText(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "is a directory, not a file";
  return error instanceof Error ? error.message : String(error);
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
