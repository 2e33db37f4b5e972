import type { Json, JsonObject } from "../../runtime/json.js";
import { decodeSuggestion, type Suggestion } from "./state.js";

/** What `get` and every accepted command answer, and what every event carries: the suggestion whole. */
export type SuggestionView = Suggestion;

/** A reply of the suggestion actor (`get`, approve, reject...); `existing` / `ignored` mark a repeat or a stale one. */
export type SuggestionReply = SuggestionView & { readonly existing?: boolean; readonly ignored?: boolean };

/** Decodes a reply or an event's `suggestion` strictly, without a reply's flags; `source` names it in the error. */
export function decodeSuggestionView(json: Json, source: string): SuggestionView {
  const { existing: _existing, ignored: _ignored, ...view } = objectOf(json, source);
  return decodeSuggestion(view, source);
}

/** A reply of the suggestion actor with its flags. */
export function decodeSuggestionReply(json: Json, source: string): SuggestionReply {
  const object = objectOf(json, source);
  const flag = (name: "existing" | "ignored") => (object[name] === undefined ? {} : { [name]: object[name] === true });
  return { ...decodeSuggestionView(object, source), ...flag("existing"), ...flag("ignored") };
}

function objectOf(json: Json, source: string): JsonObject {
  if (json === null || typeof json !== "object" || Array.isArray(json))
    throw new TypeError(`not ${source}: it must be a JSON object`);
  return json;
}
