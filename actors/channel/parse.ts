import type { ParseResult } from "../../runtime/actor-kind.js";
import { callOutcomes, callSteps, type ChannelCommand, type ChannelCommandType } from "./commands.js";
import { speeds } from "./config.js";
import { parseFields, type Fields } from "../shared/fields.js";
import { buildConfig, configureFields } from "./parse-config.js";

type Parsed = ParseResult<ChannelCommand>;

/** A transfer id is a transfer actor's id: at most 128 printable characters. */
const transferIdPattern = /^[\x21-\x7e]{1,128}$/;
/** An hour: a latency beyond it is a wrong unit, not a slow bank. */
const latencyMsMax = 3_600_000;

/** Fields each command accepts; anything else is refused. */
const allowedFields: Record<ChannelCommandType, readonly string[]> = {
  configure: configureFields,
  acquire: ["transferId", "step", "amount", "currency", "speed"],
  report: ["transferId", "step", "outcome", "latencyMs"],
  probe: ["ok", "latencyMs"],
  reopenCheck: [],
  get: [],
};

/** The channel actor's door from the wire: every field checked, amounts exact, messages name the field. */
export function parseChannelCommand(type: string, payload: unknown): Parsed {
  return parseFields("channel", type, payload, allowedFields, build);
}

function build(type: ChannelCommandType, f: Fields): ChannelCommand {
  switch (type) {
    case "configure":
      return { type, config: buildConfig(f) };
    case "acquire":
      return {
        type,
        transferId: f.matching("transferId", transferIdPattern, "1-128 printable ASCII characters without spaces"),
        step: f.oneOf("step", callSteps),
        amount: f.amount("amount"),
        currency: f.matching("currency", /^[A-Z]{3}$/, 'an ISO 4217 code such as "EUR"'),
        speed: f.oneOf("speed", speeds),
      };
    case "report":
      return {
        type,
        transferId: f.matching("transferId", transferIdPattern, "1-128 printable ASCII characters without spaces"),
        step: f.oneOf("step", callSteps),
        outcome: f.oneOf("outcome", callOutcomes),
        latencyMs: f.integer("latencyMs", 0, latencyMsMax),
      };
    case "probe":
      return { type, ok: f.boolean("ok"), latencyMs: f.integer("latencyMs", 0, latencyMsMax) };
    case "reopenCheck":
      return { type };
    case "get":
      return { type };
  }
}
