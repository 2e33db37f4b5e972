import type { Json } from "../../runtime/json.js";
import { Invalid } from "./fields.js";

/**
 * Refuses a client's JSON that the journal could not store as it is: a key that is empty, starts with `$` or
 * contains `.` (MongoDB-wire stores refuse those), or a list directly inside a list (FerretDB refuses nested arrays).
 * `path` names the value in the message.
 */
export function checkStorable(value: Json, path: string, inList = false): void {
  if (Array.isArray(value)) {
    if (inList) throw new Invalid(`${path} must not hold a list directly inside a list`);
    value.forEach((item, index) => checkStorable(item, `${path}[${index}]`, true));
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (key.startsWith("$") || key.includes(".") || key === "")
        throw new Invalid(`${path} must not have a key that is empty, starts with "$" or contains "."`);
      checkStorable(item, `${path}.${key}`);
    }
  }
}
