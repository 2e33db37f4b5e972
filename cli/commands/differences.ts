import { InvalidArgumentError, Option } from "@commander-js/extra-typings";
import { differenceClasses, differenceStatuses } from "../../actors/reconciliation/index.js";
import { differenceIdPattern, isCalendarDate } from "../../actors/reconciliation/id.js";
import { stepNames } from "../../actors/transfer/commands.js";
import type { Difference__Output } from "../../protos/generated/liquidity/v1/Difference.js";
import type { DifferenceResult__Output } from "../../protos/generated/liquidity/v1/DifferenceResult.js";
import type { DifferenceUpdate__Output } from "../../protos/generated/liquidity/v1/DifferenceUpdate.js";
import type { ListDifferencesResponse__Output } from "../../protos/generated/liquidity/v1/ListDifferencesResponse.js";
import { accountArgument, countArgument, newRequestId, type AccountKey } from "../arguments.js";
import type { CliContext } from "../context.js";
import { usageFailure } from "../failures.js";
import { morePagesText, readPages } from "../pages.js";
import type { CommandGroup, RootCommand } from "../root.js";
import { differencesText, differenceText, differenceUpdateText } from "../views/differences.js";

/** `--action` as people type it, to the wire's name (differences.proto). */
const actions = { adjust: "adjust", "settle-transfer": "settle_transfer", "no-booking": "no_booking" } as const;

/** A difference id as the engine makes them (actors/reconciliation/id.ts). */
export function differenceIdArgument(value: string): string {
  if (!differenceIdPattern.test(value))
    throw new InvalidArgumentError("expected a difference id such as amountDiffers-3f09a1c27be45d10");
  return value;
}

/** A statement day, YYYY-MM-DD, that exists in the calendar. */
export function dayArgument(value: string): string {
  if (!isCalendarDate(value)) throw new InvalidArgumentError("expected a day YYYY-MM-DD, e.g. 2026-12-07");
  return value;
}

function accountIdOf(key: AccountKey | undefined): string {
  return key ? `${key.bank_code}:${key.account_number}` : "";
}

/** The filters `list` and `watch` share, as the wire takes them. */
function filterOf(options: { account?: AccountKey; from?: string; to?: string; status?: string[]; class?: string[] }) {
  if (options.from !== undefined && options.to !== undefined && options.from > options.to)
    throw usageFailure(`--from ${options.from} is after --to ${options.to}`);
  return {
    account_id: accountIdOf(options.account),
    date_from: options.from ?? "",
    date_to: options.to ?? "",
    classes: options.class ?? [],
    statuses: options.status ?? [],
  };
}

function withFilters(command: CommandGroup) {
  return command
    .option("--account <account>", "only this account's differences, BANK:NUMBER", accountArgument)
    .option("--from <day>", "only statement days from this one, YYYY-MM-DD", dayArgument)
    .option("--to <day>", "only statement days up to this one, YYYY-MM-DD", dayArgument)
    .addOption(new Option("--status <statuses...>", "any of these statuses").choices(differenceStatuses))
    .addOption(new Option("--class <classes...>", "any of these classes").choices(differenceClasses));
}

/** The options of a command on one difference: its reconciliation, when the directory may not know it yet. */
function withReconciliation(command: CommandGroup) {
  return command
    .argument("<difference>", "the difference id, e.g. amountDiffers-3f09a1c27be45d10", differenceIdArgument)
    .option("--account <account>", "its account, BANK:NUMBER, with --date (default: looked up)", accountArgument)
    .option("--date <day>", "its statement day, YYYY-MM-DD, with --account", dayArgument);
}

function addressOf(differenceId: string, options: { account?: AccountKey; date?: string }) {
  if ((options.account === undefined) !== (options.date === undefined))
    throw usageFailure("--account and --date go together (or neither: the engine looks the difference up)");
  return { difference_id: differenceId, account_id: accountIdOf(options.account), date: options.date ?? "" };
}

/** A change of one difference, with its idempotency key shown so that a repeat can reuse it. */
async function change(
  context: CliContext,
  method: "ExplainDifference" | "ResolveDifference" | "ConfirmResolution" | "RejectResolution",
  address: ReturnType<typeof addressOf>,
  requestId: string | undefined,
  fields: Record<string, string>,
  done: string,
): Promise<void> {
  const id = requestId ?? newRequestId();
  const result = await context
    .engine()
    .unary<DifferenceResult__Output, "Differences">("Differences", method, { ...address, request_id: id, ...fields });
  const d = result.difference;
  const waits =
    d?.status === "proposed"
      ? ` (above ${d.proposal?.approval_above ?? "-"}: another person confirms with liq differences confirm ${address.difference_id})`
      : "";
  const headline = result.duplicate
    ? `duplicate: nothing applied now (the stored outcome of request ${id})`
    : `${done} ${address.difference_id}: now ${d?.status ?? "-"}${waits} (request id ${id}; a repeat with --request-id ${id} changes nothing)`;
  context.print({ ...result, request_id: id }, () => `${headline}\n${d ? differenceText(d) : ""}`);
}

/** What `resolve` sends besides the difference: the action, why, and for settle-transfer the transfer's step. */
export function resolutionFields(options: {
  action: keyof typeof actions;
  reason: string;
  transfer?: string;
  step?: string;
  bankReference?: string;
}): Record<string, string> {
  const settles = options.action === "settle-transfer";
  const stepGiven = options.transfer !== undefined || options.step !== undefined || options.bankReference !== undefined;
  if (settles && (options.transfer === undefined || options.step === undefined))
    throw usageFailure("--action settle-transfer needs --transfer <id> and --step <step>");
  if (!settles && stepGiven)
    throw usageFailure(
      `--transfer, --step and --bank-reference are for --action settle-transfer, not ${options.action}`,
    );
  return {
    action: actions[options.action],
    reason: options.reason,
    ...(settles && { transfer_id: options.transfer!, step: options.step! }),
    ...(options.bankReference !== undefined && { bank_reference: options.bankReference }),
  };
}

/** `liq differences ...`: the Differences service (what reconciliation found, closed by people; ADR 014 §4). */
export function addDifferenceCommands(root: RootCommand, context: CliContext): void {
  const differences = root
    .command("differences")
    .description(
      "what reconciliation found between statements and the engine, closed by people (gRPC liquidity.v1.Differences)",
    );

  withFilters(differences.command("list"))
    .description("differences by account, day and id, filtered (role viewer); it may trail a call's answer by a moment")
    .option("--page-size <n>", "differences per page, at most 1000 (default 100)", countArgument(1_000))
    .option("--page-token <token>", "the page after a previous answer's next page token")
    .option("--all", "every page")
    .action(async (options) => {
      const filter = filterOf(options);
      const read = (token: string) =>
        context.engine().unary<ListDifferencesResponse__Output, "Differences">("Differences", "ListDifferences", {
          ...filter,
          page_size: options.pageSize ?? 0,
          page_token: token,
        });
      const { items, nextPageToken } = await readPages(options.pageToken, options.all, read, (a) => a.differences);
      context.print(
        { differences: items, next_page_token: nextPageToken },
        () => differencesText(items) + morePagesText(nextPageToken),
      );
    });

  withReconciliation(differences.command("show"))
    .description(
      "a difference as its reconciliation holds it: lines, records, and its history with principals (role viewer)",
    )
    .action(async (differenceId, options) => {
      const d = await context
        .engine()
        .unary<Difference__Output, "Differences">("Differences", "GetDifference", addressOf(differenceId, options));
      context.print(d, () => differenceText(d));
    });

  withReconciliation(differences.command("explain"))
    .description("say why an open difference exists (role operator)")
    .requiredOption("--note <text>", "why it exists")
    .option("--evidence <text>", "where it shows: a document, a ticket")
    .option("--request-id <id>", "idempotency key (default: a new one, shown)")
    .action((differenceId, options) =>
      change(
        context,
        "ExplainDifference",
        addressOf(differenceId, options),
        options.requestId,
        { note: options.note, evidence: options.evidence ?? "" },
        "explained",
      ),
    );

  withReconciliation(differences.command("resolve"))
    .description(
      "close a difference (role operator): adjust books an adjustment entry, settle-transfer gives a transfer the statement's evidence, no-booking books nothing; above the approval threshold it waits for a second person",
    )
    .addOption(
      new Option("--action <action>", "how it is closed")
        .choices(Object.keys(actions) as Array<keyof typeof actions>)
        .makeOptionMandatory(),
    )
    .requiredOption("--reason <text>", "why (recorded)")
    .option("--transfer <id>", "settle-transfer: the transfer the statement line answers")
    .addOption(new Option("--step <step>", "settle-transfer: the transfer's step").choices(stepNames))
    .option("--bank-reference <reference>", "settle-transfer: the line's bank reference")
    .option("--request-id <id>", "idempotency key (default: a new one, shown)")
    .action((differenceId, options) =>
      change(
        context,
        "ResolveDifference",
        addressOf(differenceId, options),
        options.requestId,
        resolutionFields(options),
        "resolve of",
      ),
    );

  withReconciliation(differences.command("confirm"))
    .description("confirm a proposed resolution (role approver; not the person who proposed it): it is made and booked")
    .option("--comment <text>", "a comment (the history records who confirmed and when)")
    .option("--request-id <id>", "idempotency key (default: a new one, shown)")
    .action((differenceId, options) =>
      change(
        context,
        "ConfirmResolution",
        addressOf(differenceId, options),
        options.requestId,
        { comment: options.comment ?? "" },
        "confirmed",
      ),
    );

  withReconciliation(differences.command("reject"))
    .description("reject a proposed resolution (role approver): the difference is open (or explained) again")
    .requiredOption("--reason <text>", "why (recorded)")
    .option("--request-id <id>", "idempotency key (default: a new one, shown)")
    .action((differenceId, options) =>
      change(
        context,
        "RejectResolution",
        addressOf(differenceId, options),
        options.requestId,
        { reason: options.reason },
        "rejected the resolution of",
      ),
    );

  withFilters(differences.command("watch"))
    .description("every matching difference as it is now, then every change, until Ctrl-C (role viewer)")
    .action((options) =>
      context.follow<DifferenceUpdate__Output, "Differences">(
        "Differences",
        "WatchDifferences",
        filterOf(options),
        differenceUpdateText,
      ),
    );
}
