import { parseArgs } from "node:util";
import { jetstream } from "@nats-io/jetstream";
import { headers } from "@nats-io/transport-node";
import { connectNats } from "../adapters/nats/connect.js";
import { entrySubject } from "../adapters/nats/jetstream-entry-ingestion.js";

/**
 * An example upstream publisher (README "Ingesting accounting entries"):
 *   node --import tsx bin/publish-entry.ts --bank HSBC --account 001 --entry E-1001 --credit 1500.25 --currency EUR
 * Reads LIQ_NATS_URL (and the NATS credential variables) and LIQ_SUBJECT_PREFIX like the engine. Prints the
 * stream's acknowledgement: once it is printed, the entry will reach its account exactly once.
 */
const { values } = parseArgs({
  options: {
    bank: { type: "string" },
    account: { type: "string" },
    entry: { type: "string" },
    credit: { type: "string" },
    debit: { type: "string" },
    currency: { type: "string" },
    description: { type: "string" },
    publisher: { type: "string", default: "publish-entry" },
  },
});
const amount = values.credit ?? values.debit;
if (!values.bank || !values.account || !values.entry || !values.currency || !amount || (values.credit && values.debit)) {
  process.stderr.write("usage: publish-entry --bank <code> --account <number> --entry <id> (--credit|--debit) <amount> --currency <ISO 4217> [--description <text>]\n");
  process.exit(2);
}
const prefix = process.env["LIQ_SUBJECT_PREFIX"] ?? "liq";
const nc = await connectNats({
  servers: process.env["LIQ_NATS_URL"] ?? "nats://127.0.0.1:4222",
  name: "publish-entry",
  ...(process.env["LIQ_NATS_USER"] && { user: process.env["LIQ_NATS_USER"] }),
  ...(process.env["LIQ_NATS_PASSWORD"] && { password: process.env["LIQ_NATS_PASSWORD"] }),
  ...(process.env["LIQ_NATS_TOKEN"] && { token: process.env["LIQ_NATS_TOKEN"] }),
  ...(process.env["LIQ_NATS_CREDS"] && { credsFile: process.env["LIQ_NATS_CREDS"] }),
  ...(process.env["LIQ_NATS_TLS_CA"] && { tlsCaFile: process.env["LIQ_NATS_TLS_CA"] }),
});
try {
  const body = { entryId: values.entry, direction: values.credit ? "credit" : "debit", amount, currency: values.currency, ...(values.description && { description: values.description }) };
  const publishHeaders = headers();
  publishHeaders.set("Liq-Principal", values.publisher!);
  const subject = entrySubject(prefix, values.bank, values.account);
  // The entry id as message id: a publisher that retries after a lost ack is deduplicated by the stream too.
  const ack = await jetstream(nc).publish(subject, JSON.stringify(body), { msgID: values.entry, headers: publishHeaders });
  process.stdout.write(`${JSON.stringify({ subject, body, stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate })}\n`);
} finally {
  await nc.close();
}
