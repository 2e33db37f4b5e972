/**
 * Text at the doors. JavaScript strings are UTF-16 and may hold a lone surrogate, which is not Unicode text: BSON
 * stores it as U+FFFD while JSON keeps the escape, so one fact would read differently in the journal and on the bus.
 * Every string that enters is therefore checked well-formed, and limits count characters (code points), the unit
 * a person counts, not UTF-16 code units.
 */

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Bytes as UTF-8 text; undefined when they are not well-formed UTF-8 (a broken sequence, an encoded surrogate). */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** The index of the first lone surrogate in `text`, or -1 when it is well-formed Unicode. */
export function loneSurrogateIndex(text: string): number {
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit < 0xd800 || unit > 0xdfff) continue;
    const next = text.charCodeAt(index + 1);
    if (unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) index++;
    else return index;
  }
  return -1;
}

/** Characters (Unicode code points) in a well-formed string: what the length limits count. */
export function characterCount(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index++) {
    const unit = text.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index++;
    }
    count++;
  }
  return count;
}

/**
 * At most `charactersMax` characters and `bytesMax` bytes of UTF-8 from the start of `text`, never cutting a
 * character in two (a cut surrogate pair would itself be a lone surrogate). For echoing input in messages and
 * headers.
 */
export function truncateText(text: string, charactersMax: number, bytesMax = charactersMax * 4): string {
  let end = 0;
  let characters = 0;
  let bytes = 0;
  while (end < text.length && characters < charactersMax) {
    const point = text.codePointAt(end)!;
    const size = point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
    if (bytes + size > bytesMax) break;
    bytes += size;
    characters++;
    end += point > 0xffff ? 2 : 1;
  }
  return end === text.length ? text : text.slice(0, end);
}

/** Where a decoded JSON value holds text that is not well-formed, and the offending code unit. */
export interface IllFormedText {
  /** The field's path (`description`, `config.fees[0].name`), or for a field name, `a field name in <path>`. */
  readonly where: string;
  readonly codeUnit: number;
}

/**
 * The first string (value or field name) in `value` holding a lone surrogate, depth first; undefined when all
 * text is well-formed. Iterative, so a deeply nested body cannot exhaust the stack.
 */
export function findIllFormedText(value: unknown, path = ""): IllFormedText | undefined {
  const pending: Array<{ value: unknown; path: string }> = [{ value, path }];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (typeof next.value === "string") {
      const index = loneSurrogateIndex(next.value);
      if (index >= 0) return { where: next.path || "the value", codeUnit: next.value.charCodeAt(index) };
    } else if (Array.isArray(next.value)) {
      for (let index = next.value.length - 1; index >= 0; index--)
        pending.push({ value: next.value[index], path: `${next.path}[${index}]` });
    } else if (typeof next.value === "object" && next.value !== null) {
      const keys = Object.keys(next.value);
      for (const key of keys) {
        const index = loneSurrogateIndex(key);
        if (index >= 0)
          return {
            where: next.path ? `a field name in ${next.path}` : "a field name",
            codeUnit: key.charCodeAt(index),
          };
      }
      for (let index = keys.length - 1; index >= 0; index--) {
        const key = keys[index]!;
        const name = truncateText(key, 64);
        pending.push({
          value: (next.value as Record<string, unknown>)[key],
          path: next.path ? `${next.path}.${name}` : name,
        });
      }
    }
  }
  return undefined;
}

/** One sentence for a refusal: the field, then the rule. */
export function illFormedMessage(found: IllFormedText): string {
  const unit = found.codeUnit.toString(16).toUpperCase();
  return `${found.where} must be well-formed Unicode text: it holds a lone UTF-16 surrogate (U+${unit})`;
}
