import { expect } from "chai";
import { encodeEntry, entryMessage, entryMessageId } from "../../adapters/nats/entry-publication.js";

describe("entry message ids: stream deduplication scoped to the account and the payload (ADR 004 §1)", () => {
  const entry = { entryId: "E-1001", direction: "credit", amount: "1500.25", currency: "EUR" } as const;

  it("is <bank>.<account>:<entryId>:<first 16 hex digits of the body's SHA-256>, computable by any publisher", () => {
    // printf '%s' '{"entryId":"E-1001","direction":"credit","amount":"1500.25","currency":"EUR"}' | sha256sum | cut -c1-16
    expect(entryMessage("liq", "HSBC", "001", entry)).to.deep.include({
      subject: "liq.entries.HSBC.001",
      msgId: "HSBC.001:E-1001:1b93c6b70bf9adc5",
    });
    expect(new TextDecoder().decode(encodeEntry(entry))).to.equal(
      '{"entryId":"E-1001","direction":"credit","amount":"1500.25","currency":"EUR"}',
    );
  });

  it("gives a retry of the same publish the same id, whatever the order the caller wrote the fields in", () => {
    const reordered = { currency: "EUR", amount: "1500.25", direction: "credit", entryId: "E-1001" } as const;
    expect(entryMessage("liq", "HSBC", "001", reordered).msgId).to.equal(
      entryMessage("liq", "HSBC", "001", entry).msgId,
    );
  });

  it("gives the same entry id at another account another id: both reach the engine inside the duplicate window", () => {
    const first = entryMessage("liq", "HSBC", "001", entry).msgId;
    expect(entryMessage("liq", "HSBC", "002", entry).msgId).to.not.equal(first);
    expect(entryMessage("liq", "BNPP", "001", entry).msgId).to.not.equal(first);
  });

  it("gives a changed payload under a used entry id another id, so the engine sees it and refuses it as reused", () => {
    const ids = [
      entry,
      { ...entry, amount: "1500.26" },
      { ...entry, direction: "debit" as const },
      { ...entry, currency: "USD" },
      { ...entry, description: "fee" },
    ].map((body) => entryMessage("liq", "HSBC", "001", body).msgId);
    expect(new Set(ids).size).to.equal(ids.length);
    for (const id of ids) expect(id).to.match(/^HSBC\.001:E-1001:[0-9a-f]{16}$/);
  });

  it("hashes exactly the bytes it is given", () => {
    expect(entryMessageId("B", "A-1", "x:y", "{}")).to.equal("B.A-1:x:y:44136fa355b3678a");
    expect(entryMessageId("B", "A-1", "x:y", new TextEncoder().encode("{}"))).to.equal("B.A-1:x:y:44136fa355b3678a");
  });
});
