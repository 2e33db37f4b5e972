import { expect } from "chai";
import { structOf } from "../../adapters/grpc/struct.js";
import { CliContext } from "../../cli/context.js";
import type { DeadLetter } from "../../cli/dead-letters.js";
import { time } from "../../cli/output.js";
import {
  accountViewText,
  commandResultText,
  eventSummary,
  historyJson,
  historyText,
  positionsText,
  positionUpdateText,
} from "../../cli/views/accounts.js";
import { channelsText, channelText } from "../../cli/views/channels.js";
import { deadLettersText, deadLetterText, outcomeText, publishedText } from "../../cli/views/entries.js";
import { transfersText, transferText, transferUpdateText } from "../../cli/views/transfers.js";
import type { Channel__Output } from "../../protos/generated/liquidity/v1/Channel.js";
import type { GetAccountHistoryResponse__Output } from "../../protos/generated/liquidity/v1/GetAccountHistoryResponse.js";
import type { Transfer__Output } from "../../protos/generated/liquidity/v1/Transfer.js";

const position = {
  ledger: "1500.2500",
  frozen: "0.0000",
  in_transit_debit: "10.0000",
  in_transit_credit: "0.0000",
  available: "1490.2500",
};
const at = "1796589315804"; // 2026-12-06 20:35:15.804 UTC
const summary = {
  account_id: "HSBC:001",
  bank_code: "HSBC",
  account_number: "001",
  currency: "EUR",
  pool: "main",
  status: "open",
  position,
  event_seq: "3",
  recorded_at_ms: at,
};

const transfer: Transfer__Output = {
  transfer_id: "T-1",
  status: "FAILED",
  from: { bank_code: "BANKA", account_number: "A1" },
  to: { bank_code: "BANKB", account_number: "B1" },
  amount: "1250.7500",
  currency: "CNY",
  speed: "normal",
  debit_channel: "BANKA-direct",
  credit_channel: "BANKB-direct",
  approval_required: true,
  failover: "failover",
  reference: "invoice 7",
  created_by: "grpc:olivia",
  created_at_ms: at,
  updated_at_ms: at,
  approved_by: "grpc:ada",
  step: null,
  bank_references: { debit: "BANKA-0001" },
  failure: { code: "debit_rejected", message: "the bank declined the debit" },
  resolution: null,
  pending_resolution: null,
  execute_at_ms: "0",
  debit_reservation: "released",
  credit_reservation: "none",
  position_tasks_pending: 0,
  timeline: [
    { at_ms: at, status: "CREATED", event: "transferCreated", note: "" },
    { at_ms: at, status: "FAILED", event: "stepFailed", note: "declined" },
  ],
};

const letter: DeadLetter = {
  seq: 7,
  time: "2026-12-06T20:35:15.804Z",
  code: "account_not_open",
  reason: `account HSBC:404 has not been opened; ${"x".repeat(100)}`,
  original_subject: "liq.entries.HSBC.404",
  original_seq: 42,
  body: '{"entryId":"E9","direction":"credit","amount":"1","currency":"EUR"}',
};

describe("liq output: tables for people, JSON documents for scripts", () => {
  it("lays positions out as a table with a header row, amounts right-aligned as the engine wrote them, and no colours", () => {
    expect(positionsText([summary])).to.equal(
      [
        "┌──────────┬──────────┬──────┬────────┬───────────┬────────┬──────────────────┬───────────────────┬───────────┬──────────────────────┐",
        "│ account  │ currency │ pool │ status │    ledger │ frozen │ in transit debit │ in transit credit │ available │ changed              │",
        "├──────────┼──────────┼──────┼────────┼───────────┼────────┼──────────────────┼───────────────────┼───────────┼──────────────────────┤",
        "│ HSBC:001 │ EUR      │ main │ open   │ 1500.2500 │ 0.0000 │          10.0000 │            0.0000 │ 1490.2500 │ 2026-12-06 20:35:15Z │",
        "└──────────┴──────────┴──────┴────────┴───────────┴────────┴──────────────────┴───────────────────┴───────────┴──────────────────────┘",
        "",
      ].join("\n"),
    );
    expect(positionsText([summary])).to.not.match(/\u001b\[/);
  });

  it("says what a command did, or that it was a duplicate that applied nothing now", () => {
    const result = { position, duplicate: false, entry_seq: "2", command_id: "entry:E1" };
    expect(
      commandResultText("recorded entry E1 on HSBC:001", result, "a repeat with --entry E1 changes nothing").split(
        "\n",
      )[0],
    ).to.equal(
      "recorded entry E1 on HSBC:001: journal entry 2 (command entry:E1; a repeat with --entry E1 changes nothing)",
    );
    expect(commandResultText("recorded", { ...result, duplicate: true }, "").split("\n")[0]).to.equal(
      "duplicate: nothing applied now (the stored outcome of entry:E1, journal entry 2; the position is the one of then)",
    );
    expect(commandResultText("recorded", result, "")).to.include(
      "│ 1500.2500 │ 0.0000 │          10.0000 │            0.0000 │ 1490.2500 │",
    );
  });

  it("shows one account as field and value", () => {
    const text = accountViewText({
      account_id: "HSBC:001",
      bank_code: "HSBC",
      account_number: "001",
      currency: "EUR",
      pool: "main",
      status: "open",
      overdraft_limit: "0.0000",
      count_in_transit_credit: false,
      position,
      active_freezes: 1,
      active_reservations: 2,
    });
    for (const row of [
      "│ account                  │ HSBC:001  │",
      "│ available                │ 1490.2500 │",
      "│ counts in-transit credit │ no        │",
      "│ active reservations      │ 2         │",
    ]) {
      expect(text).to.include(row);
    }
  });

  it("turns the history's events (google.protobuf.Struct on the wire) back into plain JSON, amounts still strings", () => {
    const event = {
      type: "entryRecorded",
      entryId: "E1",
      direction: "credit",
      amount: "1500.2500",
      description: "",
      position: { ledger: "1500.2500" },
      account: { currency: "EUR" },
    };
    const history: GetAccountHistoryResponse__Output = {
      entries: [
        {
          entry_seq: "2",
          command_id: "entry:E1",
          command_type: "recordEntry",
          principal: "ingest:core",
          recorded_at_ms: at,
          events: [{ event_seq: "2", type: "entryRecorded", data: structOf(event) as never }],
        },
      ],
      next_after_entry_seq: "0",
    };
    expect(historyJson(history).entries).to.deep.equal([
      {
        entry_seq: "2",
        command_id: "entry:E1",
        command_type: "recordEntry",
        principal: "ingest:core",
        recorded_at_ms: at,
        events: [{ event_seq: "2", type: "entryRecorded", data: event }],
      },
    ]);
    expect(eventSummary("entryRecorded", event)).to.equal(
      "entryRecorded entryId=E1 direction=credit amount=1500.2500 -> ledger 1500.2500",
    );
    expect(historyText(history)).to.include(
      "│   2 │ 2026-12-06 20:35:15Z │ entry:E1 │ ingest:core │ entryRecorded entryId=E1",
    );
  });

  it("prints one line per watched change", () => {
    expect(positionUpdateText({ summary, cause: "entryRecorded", command_id: "entry:E1" })).to.equal(
      "2026-12-06 20:35:15Z  HSBC:001  entryRecorded  ledger 1500.2500  available 1490.2500 EUR  entry:E1\n",
    );
    const update = {
      transfer: {
        transfer_id: "T-1",
        status: "SUCCESS",
        from: transfer.from,
        to: transfer.to,
        amount: "1.0000",
        currency: "CNY",
        speed: "normal",
        approval_required: false,
        reference: "",
        created_by: "grpc:o",
        created_at_ms: at,
        updated_at_ms: at,
        event_seq: "9",
        execute_at_ms: "0",
      },
      cause: "stepSucceeded",
    };
    expect(transferUpdateText(update)).to.equal(
      "2026-12-06 20:35:15Z  T-1  stepSucceeded  SUCCESS  BANKA:A1 -> BANKB:B1  1.0000 CNY\n",
    );
  });

  it("shows a transfer with its failure, approvals and timeline, and lists transfers", () => {
    const text = transferText(transfer);
    for (const row of [
      "│ status                 │ FAILED",
      "│ approval               │ required, approved by grpc:ada",
      "│ failure                │ the bank declined the debit (debit_rejected)",
      "│ bank references        │ debit BANKA-0001",
    ]) {
      expect(text).to.include(row);
    }
    expect(text).to.include("│ 2026-12-06 20:35:15Z │ FAILED  │ stepFailed      │ declined │");
    const list = transfersText([{ ...transfer, event_seq: "9" }]);
    expect(list.split("\n")[1]).to.match(
      /^│ transfer │ status │ from +│ to +│ +amount │ currency │ speed +│ created +│ status since +│$/,
    );
    expect(list).to.include("│ T-1      │ FAILED │ BANKA:A1 │ BANKB:B1 │ 1250.7500 │ CNY      │ normal │");
  });

  it("shows a future-dated transfer's start, and a resolution waiting for its confirmation", () => {
    const later = String(Number(at) + 86_400_000);
    const halted: Transfer__Output = {
      ...transfer,
      status: "MANUAL_INTERVENTION",
      execute_at_ms: later,
      pending_resolution: {
        outcome: "returned",
        evidence: "BANKA statement line 14",
        resolved_by: "grpc:olivia",
        confirmed_by: "",
        requested_at_ms: at,
      },
    };
    const text = transferText(halted);
    expect(text).to.include("│ execute at             │ 2026-12-07 20:35:15Z");
    expect(text).to.include(
      "│ resolution asked       │ returned by grpc:olivia at 2026-12-06 20:35:15Z: BANKA statement line 14 (waiting for an approver's confirm-resolution)",
    );
    const closed = transferText({
      ...transfer,
      status: "CLOSED",
      resolution: {
        outcome: "returned",
        evidence: "line 14",
        resolved_by: "grpc:olivia",
        confirmed_by: "grpc:ada",
        requested_at_ms: "0",
      },
    });
    expect(closed).to.include("│ resolution             │ returned by grpc:olivia, confirmed by grpc:ada: line 14");
    const list = transfersText([{ ...transfer, status: "SCHEDULED", execute_at_ms: later, event_seq: "1" }]);
    expect(list).to.include("│ T-1      │ SCHEDULED for 2026-12-07 20:35:15Z │");
  });

  it("shows channels with circuit, today's use and speeds", () => {
    const channel: Channel__Output = {
      channel_id: "BANKA-direct",
      bank_code: "BANKA",
      configured: true,
      currency: "CNY",
      utc_offset_minutes: 480,
      speeds: [
        { speed: "normal", fee: "1.50", cutoff: "16:30" },
        { speed: "urgent", fee: "25.00", cutoff: "17:00" },
      ],
      maintenance_windows: [],
      daily_maintenance: [{ from: "23:50", to: "00:10" }],
      alternative: "BANKA-backup",
      breaker: {
        circuit: "open",
        consecutive_failures: 5,
        opened_at_ms: at,
        half_open_at_ms: "0",
        failure_threshold: 5,
        open_for_ms: "30000",
        half_open_successes_needed: 2,
      },
      usage: {
        day: "2026-12-07",
        used_today: "1250.7500",
        daily_limit: "50000000.0000",
        remaining: "49998749.2500",
        debits: 1,
      },
      health: {
        observed: 6,
        succeeded: 1,
        rejected: 0,
        unknown: 0,
        transport_failures: 5,
        probes_ok: 0,
        probes_failed: 2,
        mean_latency_ms: 12,
        last_observed_at_ms: at,
      },
    };
    const list = channelsText([channel]);
    expect(list).to.include(
      "│ BANKA-direct │ BANKA │ CNY      │ open    │ 1250.7500 / 50000000.0000 │ 49998749.2500 │ normal fee 1.50 until 16:30  │ BANKA-backup │",
    );
    expect(list).to.include("urgent fee 25.00 until 17:00");
    const one = channelText(channel);
    expect(one).to.include("│ bank time           │ UTC+08:00");
    expect(one).to.include("open, 5 failures in a row, opened 2026-12-06 20:35:15Z");
    expect(one).to.include("│ daily maintenance   │ 23:50 - 00:10");
  });

  it("lists dead letters with shortened reasons and shows one whole, with the body as published", () => {
    const list = deadLettersText([letter]);
    expect(list).to.include(
      "│   7 │ 2026-12-06 20:35:15Z │ account_not_open │ liq.entries.HSBC.404 │           42 │ account HSBC:404 has not been opened; xxx",
    );
    expect(list).to.include("xxx... │");
    const one = deadLetterText(letter);
    expect(one).to.include(letter.reason);
    expect(one).to.match(new RegExp(`│ body +│ ${letter.body.replace(/[{}]/g, "\\$&")} +│`));
  });

  it("says whether an entry was published, already in the stream, applied or dead-lettered", () => {
    const answer = {
      subject: "liq.entries.HSBC.001",
      msg_id: "HSBC.001:E1:0123456789abcdef",
      body: { entryId: "E1", direction: "credit" as const, amount: "1.50", currency: "EUR" },
      stream: "LIQ_ENTRIES",
      seq: 12,
      duplicate: false,
    };
    expect(publishedText(answer)).to.equal(
      "published entry E1 (credit 1.50 EUR) to liq.entries.HSBC.001: LIQ_ENTRIES seq 12, message id HSBC.001:E1:0123456789abcdef\n",
    );
    expect(publishedText({ ...answer, duplicate: true })).to.equal(
      "duplicate: the stream already holds entry E1 (credit 1.50 EUR) as LIQ_ENTRIES seq 12; nothing published now\n",
    );
    expect(
      outcomeText({
        status: "applied",
        journal: { entry_seq: "4", command_id: "entry:E1", principal: "ingest:liq", recorded_at_ms: at },
      }),
    ).to.equal("applied: journal entry 4 (entry:E1, by ingest:liq, 2026-12-06 20:35:15Z)\n");
    expect(outcomeText({ status: "applied" })).to.equal(
      "applied: the engine acknowledged the entry and dead-lettered nothing\n",
    );
    expect(outcomeText({ status: "dead_lettered", dead_letter: letter })).to.match(
      /^dead-lettered: account_not_open: account HSBC:404 has not been opened; x+ \(dead letter 7; liq entries dead-letters show 7\)\n$/,
    );
  });

  it("with --json prints the document on one line, exactly as given (amounts as the engine's strings), else the text", () => {
    const printed = (json: boolean) => {
      let out = "";
      const context = new CliContext({ env: {}, out: (text) => (out += text), err: () => {} }, () =>
        json ? { json: true } : {},
      );
      context.print({ position, note: "a\nb" }, () => "for people\n");
      return out;
    };
    expect(printed(true)).to.equal(`${JSON.stringify({ position, note: "a\nb" })}\n`);
    expect(printed(true).split("\n")).to.have.length(2);
    expect(printed(false)).to.equal("for people\n");
  });

  it("writes times in UTC to the second, and nothing for a zero time", () => {
    expect(time(at)).to.equal("2026-12-06 20:35:15Z");
    expect(time("0")).to.equal("-");
    expect(time(undefined)).to.equal("-");
  });
});
