import type { EffectRequest } from "../../runtime/actor-kind.js";
import { JsonReader } from "../shared/json-reader.js";

/** The effect of a pull: fetch the account's statement of `date` from its bank and import it. */
export interface StatementPullEffect {
  readonly id: string;
  readonly type: "statements.pull";
  readonly payload: { readonly pull: number; readonly attempt: number; readonly date: string };
}

export function statementPullEffect(pull: number, attempt: number, date: string): StatementPullEffect {
  // Unique per actor forever, as effect ids must be: its answer comes back as the command `effect:<id>`.
  return { id: `pull.${pull}.${attempt}`, type: "statements.pull", payload: { pull, attempt, date } };
}

export function decodeStatementPullEffect(effect: EffectRequest): StatementPullEffect {
  const payload = JsonReader.of(`the statements effect ${effect.id}`, effect.payload);
  if (effect.type !== "statements.pull") payload.fail("type", '"statements.pull"');
  return {
    id: effect.id,
    type: "statements.pull",
    payload: { pull: payload.integer("pull"), attempt: payload.integer("attempt"), date: payload.text("date") },
  };
}

/** The principal a pull imports under, journaled as the versions' `principal`. */
export const pullPrincipal = "system:statements-pull";
