import { InvalidArgumentError, Option } from "@commander-js/extra-typings";
import { addDays, bookingDayOf, isBookingDay } from "../../actors/shared/booking-day.js";
import type { GetReportResponse__Output } from "../../protos/generated/liquidity/v1/GetReportResponse.js";
import type { ReconcileNowResponse__Output } from "../../protos/generated/liquidity/v1/ReconcileNowResponse.js";
import { accountArgument, countArgument } from "../arguments.js";
import type { CliContext } from "../context.js";
import type { RootCommand } from "../root.js";
import { reconcileText, reportText } from "../views/reconciliation.js";

/** `BANK:NUMBER` as the Reconciliation service takes it (account_id), checked by the engine's own rule. */
function accountIdArgument(value: string): string {
  const key = accountArgument(value);
  return `${key.bank_code}:${key.account_number}`;
}

/** A booking day: YYYY-MM-DD, or `today` / `yesterday` (UTC). */
export function dayArgument(value: string): string {
  if (value === "today") return bookingDayOf(Date.now());
  if (value === "yesterday") return addDays(bookingDayOf(Date.now()), -1);
  if (!isBookingDay(value)) throw new InvalidArgumentError("expected a day YYYY-MM-DD, today or yesterday (UTC)");
  return value;
}

/** `liq reconcile ...`: the Reconciliation service (ADR 014). */
export function addReconcileCommands(root: RootCommand, context: CliContext): void {
  const reconcile = root
    .command("reconcile")
    .description(
      "match an account's day against its bank statement now and record the differences (role operator; gRPC liquidity.v1.Reconciliation)",
    )
    .argument("<account>", "the account, BANK:NUMBER", accountIdArgument)
    .argument("<date>", "the booking day: YYYY-MM-DD, today or yesterday (UTC)", dayArgument)
    .action((accountId, date) =>
      context.show<ReconcileNowResponse__Output, "Reconciliation">(
        "Reconciliation",
        "ReconcileNow",
        { account_id: accountId, date },
        reconcileText,
      ),
    );

  reconcile
    .command("report")
    .description(
      "the last recorded run of an account's day: summary, differences, matches, pending lines (role viewer)",
    )
    .argument("<account>", "the account, BANK:NUMBER", accountIdArgument)
    .argument("<date>", "the booking day: YYYY-MM-DD, today or yesterday (UTC)", dayArgument)
    .addOption(new Option("--page <n>", "the page, from 1 (default 1)").argParser(countArgument(1_000_000)))
    .option("--page-size <n>", "items of each list per page, at most 1000 (default 100)", countArgument(1_000))
    .action((accountId, date, options) =>
      context.show<GetReportResponse__Output, "Reconciliation">(
        "Reconciliation",
        "GetReport",
        { account_id: accountId, date, page: options.page ?? 1, page_size: options.pageSize ?? 0 },
        reportText,
      ),
    );
}
