import { parseArgs } from "node:util";
import { processIo } from "../cli/output.js";
import { runCli } from "../cli/run.js";

/**
 * An example upstream publisher (docs/accounts-and-ingestion.md "Ingesting accounting entries"), kept for scripts written against it:
 *   node --import tsx bin/publish-entry.ts --bank HSBC --account 001 --entry E-1001 --credit 1500.25 --currency EUR
 * is `liq --json entries publish HSBC:001 --entry E-1001 --credit 1500.25 --currency EUR --publisher publish-entry`
 * (docs/cli.md), the same code: the same checks, message id and exit codes. Reads LIQ_NATS_URL (and the NATS
 * credential variables) and LIQ_SUBJECT_PREFIX like the engine. Prints the stream's acknowledgement: once it is
 * printed, the entry will reach its account exactly once.
 */
const usage =
  "usage: publish-entry --bank <code> --account <number> --entry <id> (--credit|--debit) <amount> --currency <ISO 4217> [--description <text>] [--booking-date <YYYY-MM-DD>]\n";
let values;
try {
  ({ values } = parseArgs({
    options: {
      bank: { type: "string" },
      account: { type: "string" },
      entry: { type: "string" },
      credit: { type: "string" },
      debit: { type: "string" },
      currency: { type: "string" },
      description: { type: "string" },
      "booking-date": { type: "string" },
      publisher: { type: "string", default: "publish-entry" },
    },
  }));
} catch {
  values = undefined;
}
if (!values?.bank || !values.account || !values.entry) {
  process.stderr.write(usage);
  process.exit(2);
}
const forwarded = [
  "--json",
  "entries",
  "publish",
  `${values.bank}:${values.account}`,
  "--entry",
  values.entry,
  "--publisher",
  values.publisher,
];
for (const name of ["credit", "debit", "currency", "description", "booking-date"] as const) {
  const value = values[name];
  if (value !== undefined) forwarded.push(`--${name}`, value);
}
process.exitCode = await runCli(forwarded, processIo());
