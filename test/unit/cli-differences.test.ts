import { expect } from "chai";
import { resolutionFields } from "../../cli/commands/differences.js";
import { runCli } from "../../cli/run.js";

/** `liq` in this process, with its own environment and captured output. */
async function liq(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { env, out: (text) => (stdout += text), err: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

// No server listens on the discard port: a refusal that reached the network would exit 3, not 2.
const nowhere = { LIQ_SERVER: "127.0.0.1:9", LIQ_TOKEN: "t" };
const id = "amountDiffers-3f09a1c27be45d10";

/** A usage refusal: exit 2, nothing on stdout, one line on stderr matching `pattern`. */
async function refusedAsUsage(argv: string[], pattern: RegExp): Promise<void> {
  const result = await liq(argv, nowhere);
  expect(result, argv.join(" ")).to.deep.include({ code: 2, stdout: "" });
  expect(result.stderr.split("\n"), result.stderr).to.have.length(2);
  expect(result.stderr).to.match(/^error: /);
  expect(result.stderr).to.match(pattern);
}

describe("liq differences: mistakes refused in one line before anything is sent (exit 2)", () => {
  it("refuses an id that is not a difference id, on every command that names one", async () => {
    for (const command of ["show", "confirm"])
      await refusedAsUsage(
        ["differences", command, "BANKA:A1"],
        /argument 'difference'.*amountDiffers-3f09a1c27be45d10/,
      );
    await refusedAsUsage(["differences", "explain", "amountDiffers-XYZ", "--note", "n"], /argument 'difference'/);
    await refusedAsUsage(["differences", "reject", "missingAtBank-3f09", "--reason", "r"], /argument 'difference'/);
  });

  it("refuses a status, class or action outside the engine's lists, naming the allowed ones", async () => {
    await refusedAsUsage(
      ["differences", "list", "--status", "closed"],
      /Allowed choices are open, explained, proposed, resolved/,
    );
    await refusedAsUsage(
      ["differences", "watch", "--class", "missing"],
      /Allowed choices are missingAtBank, missingInEngine/,
    );
    await refusedAsUsage(
      ["differences", "resolve", id, "--action", "settle_transfer", "--reason", "r"],
      /Allowed choices are adjust, settle-transfer, no-booking/,
    );
    await refusedAsUsage(
      [
        "differences",
        "resolve",
        id,
        "--action",
        "settle-transfer",
        "--transfer",
        "T1",
        "--step",
        "both",
        "--reason",
        "r",
      ],
      /Allowed choices are debit, credit, reversal/,
    );
  });

  it("refuses a resolve without an action or a reason, and a transfer step given to the wrong action or left out", async () => {
    await refusedAsUsage(["differences", "resolve", id, "--reason", "r"], /required option '--action <action>'/);
    await refusedAsUsage(["differences", "resolve", id, "--action", "adjust"], /required option '--reason <text>'/);
    await refusedAsUsage(
      ["differences", "resolve", id, "--action", "settle-transfer", "--reason", "r", "--transfer", "T1"],
      /settle-transfer needs --transfer <id> and --step <step>/,
    );
    await refusedAsUsage(
      ["differences", "resolve", id, "--action", "no-booking", "--reason", "r", "--transfer", "T1"],
      /are for --action settle-transfer, not no-booking/,
    );
  });

  it("refuses explain without a note, reject without a reason, and --account without --date", async () => {
    await refusedAsUsage(["differences", "explain", id], /required option '--note <text>'/);
    await refusedAsUsage(["differences", "reject", id], /required option '--reason <text>'/);
    await refusedAsUsage(["differences", "show", id, "--account", "BANKA:A1"], /--account and --date go together/);
    await refusedAsUsage(["differences", "confirm", id, "--date", "2026-12-07"], /--account and --date go together/);
    await refusedAsUsage(["differences", "show", id, "--account", "BANKA", "--date", "2026-12-07"], /BANK:NUMBER/);
  });

  it("refuses days that are not in the calendar and a range that ends before it starts", async () => {
    await refusedAsUsage(["differences", "list", "--from", "2026-02-30"], /expected a day YYYY-MM-DD/);
    await refusedAsUsage(["differences", "show", id, "--account", "A:1", "--date", "7.12.2026"], /expected a day/);
    await refusedAsUsage(["differences", "list", "--from", "2026-12-09", "--to", "2026-12-01"], /is after --to/);
  });

  it("sends a well-formed command, which then fails only for want of an engine (exit 3)", async () => {
    const result = await liq(
      ["differences", "resolve", id, "--action", "no-booking", "--reason", "known fee"],
      nowhere,
    );
    expect(result.code).to.equal(3);
    expect(result.stderr).to.match(/^error: cannot reach the engine at 127\.0\.0\.1:9/);
  });

  it("puts the action in the wire's words and the transfer step only for settle-transfer", () => {
    expect(resolutionFields({ action: "no-booking", reason: "r" })).to.deep.equal({
      action: "no_booking",
      reason: "r",
    });
    expect(
      resolutionFields({
        action: "settle-transfer",
        reason: "r",
        transfer: "T1",
        step: "credit",
        bankReference: "BR-1",
      }),
    ).to.deep.equal({
      action: "settle_transfer",
      reason: "r",
      transfer_id: "T1",
      step: "credit",
      bank_reference: "BR-1",
    });
  });
});
