import type { RuleDefinition } from "./definition.js";

/** Commands after parsing (parse.ts); the principal of a change comes from the command's context. */
export type RuleCommand =
  | {
      readonly type: "put";
      /** The version the caller read: 0 for a new rule (optimistic concurrency). */
      readonly expectedVersion: number;
      readonly reason: string;
      readonly rule: RuleDefinition;
    }
  | { readonly type: "delete"; readonly expectedVersion: number; readonly reason: string }
  | { readonly type: "get" };

export type RuleCommandType = RuleCommand["type"];
