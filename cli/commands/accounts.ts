import { accountIdOf } from "../../actors/account/id.js";
import { parseAccountCommand } from "../../actors/account/parse.js";
import type { AccountView__Output } from "../../protos/generated/liquidity/v1/AccountView.js";
import type { CommandResult__Output } from "../../protos/generated/liquidity/v1/CommandResult.js";
import type { GetAccountHistoryResponse__Output } from "../../protos/generated/liquidity/v1/GetAccountHistoryResponse.js";
import type { LedgerAsOf__Output } from "../../protos/generated/liquidity/v1/LedgerAsOf.js";
import type { ListPositionsResponse__Output } from "../../protos/generated/liquidity/v1/ListPositionsResponse.js";
import type { PositionUpdate__Output } from "../../protos/generated/liquidity/v1/PositionUpdate.js";
import {
  accountArgument,
  amountArgument,
  bookingDateOption,
  countArgument,
  entryAmountOption,
  entryFields,
  newRequestId,
  sequenceArgument,
  type AccountKey,
} from "../arguments.js";
import type { CliContext } from "../context.js";
import { usageFailure } from "../failures.js";
import { moreEntriesText, morePagesText, readJournalPages, readPages } from "../pages.js";
import type { CommandGroup, RootCommand } from "../root.js";
import {
  accountViewText,
  commandResultText,
  historyJson,
  historyText,
  ledgerAsOfText,
  positionsText,
  positionUpdateText,
} from "../views/accounts.js";

/** Checks an account command's payload with the engine's own parser: a bad field is a usage error (exit 2). */
function checkPayload(type: string, payload: Record<string, unknown>): void {
  const parsed = parseAccountCommand(type, payload);
  if (!parsed.ok) throw usageFailure(parsed.message);
}

const idOf = (key: AccountKey) => accountIdOf(key.bank_code, key.account_number);

/** `liq accounts <name> <account>`: a command on one account. */
function accountCommand(accounts: CommandGroup, name: string, description: string) {
  return accounts
    .command(name)
    .description(description)
    .argument("<account>", "the account, BANK:NUMBER (e.g. HSBC:001)", accountArgument);
}

/** `liq accounts open`: open an account (role operator). */
function addOpen(accounts: CommandGroup, context: CliContext): void {
  accountCommand(accounts, "open", "open an account (role operator)")
    .requiredOption("--currency <code>", "ISO 4217 currency, e.g. EUR")
    .requiredOption("--pool <pool>", "the liquidity pool it counts in")
    .option(
      "--overdraft-limit <amount>",
      "how far below zero freezes and debit reservations may take available (default 0)",
    )
    .option(
      "--no-count-in-transit-credit",
      "do not count incoming money in transit as available (the conservative policy)",
    )
    .option("--request-id <id>", "idempotency key (default: a new one, shown)")
    .action(async (account, options) => {
      const payload = {
        bankCode: account.bank_code,
        accountNumber: account.account_number,
        currency: options.currency,
        pool: options.pool,
        countInTransitCredit: options.countInTransitCredit,
        ...(options.overdraftLimit !== undefined && { overdraftLimit: options.overdraftLimit }),
      };
      checkPayload("open", payload);
      const requestId = options.requestId ?? newRequestId();
      const request = {
        account,
        currency: options.currency,
        pool: options.pool,
        overdraft_limit: options.overdraftLimit ?? "",
        count_in_transit_credit: options.countInTransitCredit,
        request_id: requestId,
      };
      const view = await context.engine().unary<AccountView__Output, "Positions">("Positions", "OpenAccount", request);
      context.print(
        { ...view, request_id: requestId },
        () =>
          `opened ${view.account_id} (request id ${requestId}; a repeat with --request-id ${requestId} changes nothing)\n${accountViewText(view)}`,
      );
    });
}

/** `liq accounts get`: an account as its actor holds it now: strongly consistent (role viewer). */
function addGet(accounts: CommandGroup, context: CliContext): void {
  accountCommand(accounts, "get", "an account as its actor holds it now: strongly consistent (role viewer)").action(
    (account) =>
      context.show<AccountView__Output, "Positions">("Positions", "GetPosition", { account }, accountViewText),
  );
}

/** `liq accounts ledger-as-of`: the ledger at the end of a booking day, from the account's actor (role viewer). */
function addLedgerAsOf(accounts: CommandGroup, context: CliContext): void {
  accountCommand(
    accounts,
    "ledger-as-of",
    "the ledger at the end of a booking day: the ledger now minus what was booked after it (role viewer)",
  )
    .argument("<date>", "the booking day, YYYY-MM-DD (UTC)")
    .action(async (account, date) => {
      checkPayload("ledgerAsOf", { date });
      await context.show<LedgerAsOf__Output, "Positions">(
        "Positions",
        "GetLedgerAsOf",
        { account, date },
        ledgerAsOfText,
      );
    });
}

/** `liq accounts list`: positions from the engine's directory, by account id (role viewer); may trail a command by milliseconds. */
function addList(accounts: CommandGroup, context: CliContext): void {
  accounts
    .command("list")
    .description(
      "positions from the engine's directory, by account id (role viewer); may trail a command by milliseconds",
    )
    .option("--bank <code>", "only this bank's accounts")
    .option("--pool <pool>", "only this pool")
    .option("--currency <code>", "only this currency")
    .option("--page-size <n>", "accounts per page, at most 1000 (default 100)", countArgument(1_000))
    .option("--page-token <token>", "the page after a previous answer's next page token")
    .option("--all", "every page")
    .action(async (options) => {
      const filter = {
        bank_code: options.bank ?? "",
        pool: options.pool ?? "",
        currency: options.currency ?? "",
        page_size: options.pageSize ?? 0,
      };
      const read = (token: string) =>
        context.engine().unary<ListPositionsResponse__Output, "Positions">("Positions", "ListPositions", {
          ...filter,
          page_token: token,
        });
      const { items: positions, nextPageToken } = await readPages(
        options.pageToken,
        options.all,
        read,
        (answer) => answer.positions,
      );
      context.print(
        { positions, next_page_token: nextPageToken },
        () => positionsText(positions) + morePagesText(nextPageToken),
      );
    });
}

/** `liq accounts watch`: the current position of each matching account, then every change, until Ctrl-C (role viewer). */
function addWatch(accounts: CommandGroup, context: CliContext): void {
  accounts
    .command("watch")
    .description("the current position of each matching account, then every change, until Ctrl-C (role viewer)")
    .argument("[accounts...]", "accounts to watch, BANK:NUMBER (default: every account that matches the filters)")
    .option("--bank <code>", "only this bank's accounts")
    .option("--pool <pool>", "only this pool")
    .option("--currency <code>", "only this currency")
    .action(async (accountList, options) => {
      const keys = accountList.map((value) => {
        try {
          return accountArgument(value);
        } catch (error) {
          throw usageFailure(`account "${value}": ${(error as Error).message}`);
        }
      });
      const request = {
        accounts: keys,
        bank_code: options.bank ?? "",
        pool: options.pool ?? "",
        currency: options.currency ?? "",
      };
      await context.follow<PositionUpdate__Output, "Positions">(
        "Positions",
        "WatchPositions",
        request,
        positionUpdateText,
      );
    });
}

/** `liq accounts history`: the account's journal: every accepted command with its events, principal and time (role viewer). */
function addHistory(accounts: CommandGroup, context: CliContext): void {
  accountCommand(
    accounts,
    "history",
    "the account's journal: every accepted command with its events, principal and time (role viewer)",
  )
    .option("--after <seq>", "entries after this journal sequence number (default: from the start)", sequenceArgument)
    .option("--page-size <n>", "entries per page, at most 1000 (default 100)", countArgument(1_000))
    .option("--all", "every page")
    .action(async (account, options) => {
      const history = await readJournalPages(options.after, options.all, (afterEntrySeq) =>
        context.engine().unary<GetAccountHistoryResponse__Output, "Positions">("Positions", "GetAccountHistory", {
          account,
          after_entry_seq: afterEntrySeq,
          page_size: options.pageSize ?? 0,
        }),
      );
      context.print(historyJson(history), () => historyText(history) + moreEntriesText(history.next_after_entry_seq));
    });
}

/** `liq accounts record`: record an accounting entry the bank booked (gRPC RecordEntry, role operator); applied once per entry id. */
function addRecord(accounts: CommandGroup, context: CliContext): void {
  accountCommand(
    accounts,
    "record",
    "record an accounting entry the bank booked (gRPC RecordEntry, role operator); applied once per entry id",
  )
    .option("--entry <id>", "the entry's id upstream: its idempotency key (default: a new one, shown)")
    .addOption(entryAmountOption.credit())
    .addOption(entryAmountOption.debit())
    .requiredOption("--currency <code>", "ISO 4217; must be the account's")
    .option("--description <text>", "at most 256 characters")
    .addOption(bookingDateOption())
    .action(async (account, options) => {
      const payload = entryFields(options);
      const entryId = payload.entryId;
      checkPayload("recordEntry", payload);
      const result = await context.engine().unary<CommandResult__Output, "Positions">("Positions", "RecordEntry", {
        account,
        entry_id: entryId,
        direction: payload.direction,
        amount: payload.amount,
        currency: payload.currency,
        description: payload.description ?? "",
        booking_date: payload.bookingDate ?? "",
      });
      context.print({ ...result, request_id: entryId }, () =>
        commandResultText(
          `recorded entry ${entryId} on ${idOf(account)}`,
          result,
          `a repeat with --entry ${entryId} changes nothing`,
        ),
      );
    });
}

/** `liq accounts freeze`: freeze part of the available balance (role operator). */
function addFreeze(accounts: CommandGroup, context: CliContext): void {
  accountCommand(accounts, "freeze", "freeze part of the available balance (role operator)")
    .requiredOption("--amount <amount>", "how much", amountArgument)
    .requiredOption("--currency <code>", "ISO 4217; must be the account's")
    .requiredOption("--reason <text>", "why (recorded)")
    .option("--freeze-id <id>", "the freeze's id and idempotency key (default: a new one, shown; unfreeze needs it)")
    .action(async (account, options) => {
      const freezeId = options.freezeId ?? newRequestId();
      checkPayload("freeze", { freezeId, amount: options.amount, currency: options.currency, reason: options.reason });
      const result = await context.engine().unary<CommandResult__Output, "Positions">("Positions", "Freeze", {
        account,
        freeze_id: freezeId,
        amount: options.amount,
        currency: options.currency,
        reason: options.reason,
      });
      context.print({ ...result, request_id: freezeId }, () =>
        commandResultText(
          `froze ${options.amount} ${options.currency} on ${idOf(account)} as freeze ${freezeId}`,
          result,
          `a repeat with --freeze-id ${freezeId} changes nothing`,
        ),
      );
    });
}

/** `liq accounts unfreeze`: lift a freeze (role operator). */
function addUnfreeze(accounts: CommandGroup, context: CliContext): void {
  accountCommand(accounts, "unfreeze", "lift a freeze (role operator)")
    .requiredOption("--freeze-id <id>", "the freeze to lift")
    .option("--reason <text>", "why (recorded)")
    .action(async (account, options) => {
      checkPayload("unfreeze", { freezeId: options.freezeId, reason: options.reason ?? "" });
      const result = await context.engine().unary<CommandResult__Output, "Positions">("Positions", "Unfreeze", {
        account,
        freeze_id: options.freezeId,
        reason: options.reason ?? "",
      });
      context.print({ ...result, request_id: options.freezeId }, () =>
        commandResultText(`lifted freeze ${options.freezeId} on ${idOf(account)}`, result, "a repeat changes nothing"),
      );
    });
}

/** `liq accounts ...`: the Positions service. */
export function addAccountCommands(root: RootCommand, context: CliContext): void {
  const accounts = root
    .command("accounts")
    .description("open, read, watch and change accounts (gRPC liquidity.v1.Positions)");
  addOpen(accounts, context);
  addGet(accounts, context);
  addLedgerAsOf(accounts, context);
  addList(accounts, context);
  addWatch(accounts, context);
  addHistory(accounts, context);
  addRecord(accounts, context);
  addFreeze(accounts, context);
  addUnfreeze(accounts, context);
}
