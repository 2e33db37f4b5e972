import type { AddressInfo } from "node:net";
import { expect } from "chai";
import fc from "fast-check";
import { Registry } from "prom-client";
import { MemoryActorStore } from "../../adapters/memory/memory-actor-store.js";
import { MemoryEventBus } from "../../adapters/memory/memory-event-bus.js";
import { accountKind } from "../../actors/account/index.js";
import { parseAmount } from "../../actors/shared/amount.js";
import { startAdminHttp } from "../../adapters/http/admin-http.js";
import { ActorSystem } from "../../runtime/actor-system.js";
import type { Reply } from "../../runtime/messages.js";
import { characterCount, decodeUtf8, findIllFormedText, loneSurrogateIndex, truncateText } from "../../runtime/text.js";

const bytes = (...values: number[]) => new Uint8Array(values);

describe("text at the doors: well-formed Unicode, limits in characters", () => {
  describe("runtime/text.ts", () => {
    it("decodes well-formed UTF-8 and refuses broken sequences, overlong forms and encoded surrogates", () => {
      expect(decodeUtf8(new TextEncoder().encode("Zahlung für 😀"))).to.equal("Zahlung für 😀");
      for (const [label, broken] of [
        ["a lone continuation byte", bytes(0x61, 0x80)],
        ["an overlong NUL", bytes(0xc0, 0x80)],
        ["an encoded high surrogate (what a JS encoder makes of a lone \\ud800)", bytes(0xed, 0xa0, 0x80)],
        ["a sequence cut short", bytes(0xe2, 0x82)],
        ["beyond U+10FFFF", bytes(0xf4, 0x90, 0x80, 0x80)],
        ["a byte that never occurs", bytes(0xff)],
      ] as const) {
        expect(decodeUtf8(broken), label).to.equal(undefined);
      }
    });

    it("finds lone surrogates, high or low, and passes pairs", () => {
      expect(loneSurrogateIndex("fee 😀")).to.equal(-1);
      expect(loneSurrogateIndex("ab\ud800")).to.equal(2);
      expect(loneSurrogateIndex("\udc00ab")).to.equal(0);
      expect(loneSurrogateIndex("\ud83d\ud83d\ude00")).to.equal(0);
    });

    it("counts characters (code points), not UTF-16 units", () => {
      expect(characterCount("😀".repeat(3))).to.equal(3);
      expect("😀".repeat(3).length).to.equal(6);
      expect(characterCount("e\u0301")).to.equal(2);
      expect(characterCount("")).to.equal(0);
    });

    it("truncates on character boundaries within the character and byte bounds", () => {
      fc.assert(
        fc.property(
          fc.string({ unit: "grapheme", maxLength: 40 }),
          fc.integer({ min: 0, max: 50 }),
          fc.integer({ min: 0, max: 120 }),
          (text, characters, bytesMax) => {
            const cut = truncateText(text, characters, bytesMax);
            expect(text.startsWith(cut)).to.equal(true);
            expect(loneSurrogateIndex(cut)).to.equal(-1);
            expect(characterCount(cut)).to.be.at.most(characters);
            expect(Buffer.byteLength(cut)).to.be.at.most(bytesMax);
          },
        ),
        { numRuns: 200 },
      );
      expect(truncateText("😀😀", 3)).to.equal("😀😀");
      expect(truncateText("a😀", 2, 4)).to.equal("a");
    });

    it("names the field holding ill-formed text, in nested objects, lists and field names", () => {
      expect(findIllFormedText({ description: "ok", amount: "1" })).to.equal(undefined);
      expect(findIllFormedText({ description: "bad \ud800" })).to.deep.equal({
        where: "description",
        codeUnit: 0xd800,
      });
      expect(findIllFormedText({ config: { fees: [{ name: "x" }, { name: "\udfff" }] } })).to.deep.equal({
        where: "config.fees[1].name",
        codeUnit: 0xdfff,
      });
      expect(findIllFormedText({ config: { "\ud800": 1 } })?.where).to.equal("a field name in config");
      expect(findIllFormedText({ "\ud800": 1 })?.where).to.equal("a field name");
    });

    it("walks a deeply nested body without exhausting the stack", () => {
      const deep = JSON.parse(`${"[".repeat(100_000)}"\\ud800"${"]".repeat(100_000)}`) as unknown;
      expect(findIllFormedText(deep)?.codeUnit).to.equal(0xd800);
    });
  });

  describe("field errors: one sentence naming the field once", () => {
    it("says what is wrong with an amount with its field name, once", () => {
      expect(parseAmount(12.5)).to.deep.equal({
        ok: false,
        message: 'amount must be a decimal string such as "125.50"',
      });
      expect(parseAmount("-1", {}, "overdraftLimit")).to.deep.equal({
        ok: false,
        message: "overdraftLimit must not be negative",
      });
      expect(parseAmount("1e3", {}, "fee")).to.deep.equal({
        ok: false,
        message: 'fee "1e3" is not a plain decimal with at most 16 integer digits and 4 decimal places',
      });
    });
  });

  describe("through the runtime (any door)", () => {
    let system: ActorSystem;
    let counter = 0;
    beforeEach(() => {
      system = new ActorSystem({
        kinds: [accountKind],
        store: new MemoryActorStore(),
        publisher: new MemoryEventBus(),
      });
    });
    afterEach(() => system.stop());
    const send = (type: string, payload: unknown, actorId = "BANKA:100"): Promise<Reply> =>
      system.dispatch({ kind: "account", actorId, commandId: `c-${counter++}`, type, payload, principal: "test" });
    const open = () => send("open", { bankCode: "BANKA", accountNumber: "100", currency: "EUR", pool: "p" });
    const entry = (extra: Record<string, unknown>) => ({
      entryId: `e-${counter}`,
      direction: "credit",
      amount: "1",
      currency: "EUR",
      ...extra,
    });
    const entries = async () => (await system.inspect({ kind: "account", actorId: "BANKA:100" })).entrySeq;

    it("refuses a lone surrogate in any payload field as invalid_command naming the field, and journals nothing", async () => {
      await open();
      const before = await entries();
      const reply = await send("recordEntry", entry({ description: "refund \ud800" }));
      expect(reply).to.deep.include({ ok: false });
      expect(!reply.ok && reply.error).to.deep.include({
        code: "invalid_command",
        message: "description must be well-formed Unicode text: it holds a lone UTF-16 surrogate (U+D800)",
      });
      expect(await entries()).to.equal(before);
    });

    it("counts a description's limit in characters: 256 emoji pass, 257 characters do not", async () => {
      await open();
      expect(await send("recordEntry", entry({ description: "😀".repeat(256) }))).to.deep.include({ ok: true });
      const long = await send("recordEntry", entry({ description: "😀".repeat(256) + "x" }));
      expect(!long.ok && long.error).to.deep.include({
        code: "invalid_command",
        message: "description must be text of at most 256 characters",
      });
    });

    it("names the field once in an amount error", async () => {
      await open();
      const reply = await send("recordEntry", entry({ amount: 5 }));
      expect(!reply.ok && reply.error.message).to.equal('amount must be a decimal string such as "125.50"');
    });

    it("names the account in account_not_open", async () => {
      const reply = await send("recordEntry", entry({}), "BANKA:404");
      expect(!reply.ok && reply.error).to.deep.include({
        code: "account_not_open",
        message: "account BANKA:404 has not been opened",
      });
    });
  });

  describe("the embedded HTTP command endpoint", () => {
    it("refuses a body that is not UTF-8 (malformed_message) and a lone surrogate in the payload (invalid_command)", async () => {
      const system = new ActorSystem({
        kinds: [accountKind],
        store: new MemoryActorStore(),
        publisher: new MemoryEventBus(),
      });
      const server = await startAdminHttp({
        host: "127.0.0.1",
        port: 0,
        registry: new Registry(),
        system,
        acceptCommands: true,
      });
      try {
        const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/actors/account/BANKA:1/commands`;
        const post = async (body: Buffer | string) => {
          const response = await fetch(url, {
            method: "POST",
            body: typeof body === "string" ? body : new Uint8Array(body),
          });
          return [response.status, ((await response.json()) as { error?: { code: string; message: string } }).error];
        };
        const open = JSON.stringify({
          commandId: "o",
          type: "open",
          payload: { bankCode: "BANKA", accountNumber: "1", currency: "EUR", pool: "p" },
        });
        const badUtf8 = Buffer.concat([Buffer.from(open.slice(0, -3)), bytes(0xc3, 0x28), Buffer.from('"}}')]);
        expect(await post(badUtf8)).to.deep.equal([
          400,
          { code: "malformed_message", message: "the body is not well-formed UTF-8" },
        ]);
        const surrogate = JSON.stringify({
          commandId: "o",
          type: "open",
          payload: { bankCode: "BANKA", accountNumber: "1", currency: "EUR", pool: "p\ud800" },
        });
        const [statusCode, error] = await post(surrogate);
        expect(statusCode).to.equal(422);
        expect(error).to.deep.include({
          code: "invalid_command",
          message: "pool must be well-formed Unicode text: it holds a lone UTF-16 surrogate (U+D800)",
        });
        expect((await system.inspect({ kind: "account", actorId: "BANKA:1" })).entrySeq).to.equal(0);
      } finally {
        await new Promise((resolve) => server.close(resolve));
        await system.stop();
      }
    });
  });
});
