import { expect } from "chai";
import { accountKind } from "../../actors/account/index.js";
import { decodeRows, encodeRows } from "../../actors/shared/snapshot-rows.js";
import type { JsonObject } from "../../runtime/json.js";

describe("snapshot tables (arrays of objects; positional rows still read)", () => {
  it("encodes rows as objects and decodes both forms to the same rows", () => {
    const fields = ["id", "amount", "reason"];
    const encoded = encodeRows(fields, [
      ["f1", "100", "court order"],
      ["f2", "5", "dispute"],
    ]);
    expect(encoded).to.deep.equal([
      { id: "f1", amount: "100", reason: "court order" },
      { id: "f2", amount: "5", reason: "dispute" },
    ]);
    expect(encoded.some(Array.isArray), "no nested arrays: FerretDB refuses them").to.equal(false);
    expect(decodeRows(fields, encoded)).to.deep.equal([
      ["f1", "100", "court order"],
      ["f2", "5", "dispute"],
    ]);
    expect(decodeRows(fields, [["f1", "100", "court order"]])).to.deep.equal([["f1", "100", "court order"]]);
    expect(decodeRows(fields, "nope"), "not a table").to.equal(undefined);
    expect(decodeRows(fields, [1, 2]), "rows that are neither").to.equal(undefined);
  });

  it("reads an account snapshot written with positional rows (MongoDB, before this change) as the same state", () => {
    const old: JsonObject = {
      status: "open",
      profile: {
        bankCode: "B",
        accountNumber: "1",
        currency: "EUR",
        pool: "main",
        overdraftLimit: "0",
        countInTransitCredit: true,
      },
      ledger: "1010",
      frozen: "100",
      inTransitDebit: "250.5",
      inTransitCredit: "0",
      freezes: [["f1", "100", "court order"]],
      reservations: [["r1", "debit", "250.5", "t1"]],
      finished: [
        ["reservation:r2", "settled"],
        ["freeze:f2", "unfrozen"],
      ],
      lastStatement: null,
    };
    const state = accountKind.decodeState(old);
    const encoded = accountKind.encodeState(state);
    expect(encoded["freezes"]).to.deep.equal([{ id: "f1", amount: "100", reason: "court order" }]);
    expect(encoded["reservations"]).to.deep.equal([
      { id: "r1", direction: "debit", amount: "250.5", transferId: "t1" },
    ]);
    expect(
      accountKind.encodeState(accountKind.decodeState(JSON.parse(JSON.stringify(encoded)) as JsonObject)),
    ).to.deep.equal(encoded);
  });
});
