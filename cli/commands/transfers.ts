import { Option } from "@commander-js/extra-typings";
import type { ListTransfersResponse__Output } from "../../protos/generated/liquidity/v1/ListTransfersResponse.js";
import type { Transfer__Output } from "../../protos/generated/liquidity/v1/Transfer.js";
import type { TransferResult__Output } from "../../protos/generated/liquidity/v1/TransferResult.js";
import type { TransferUpdate__Output } from "../../protos/generated/liquidity/v1/TransferUpdate.js";
import { accountArgument, amountArgument, countArgument, newRequestId, timeArgument } from "../arguments.js";
import type { CliContext } from "../context.js";
import { refused, unreachable } from "../failures.js";
import { morePagesText, readPages } from "../pages.js";
import type { CommandGroup, RootCommand } from "../root.js";
import { finalStatuses, routeText, transferText, transfersText, transferUpdateText } from "../views/transfers.js";

const defaultWaitSeconds = 120;

type TransferCall = "ApproveTransfer" | "CancelTransfer" | "RetryTransfer" | "ResolveTransfer" | "ConfirmResolution";

/** Prints a mutating call's answer; the request id is in the JSON document and in the headline. */
function printResult(context: CliContext, headline: string, result: TransferResult__Output, requestId: string): void {
  const transfer = result.transfer;
  const duplicate = result.duplicate
    ? `duplicate: nothing applied now (the stored outcome of request ${requestId})\n`
    : "";
  context.print(
    { ...result, request_id: requestId },
    () => `${duplicate || `${headline}\n`}${transfer ? transferText(transfer) : ""}`,
  );
}

/** Approve, cancel, retry, resolve and confirm: the same shape, each with its own idempotency key. */
async function steer(
  context: CliContext,
  method: TransferCall,
  transferId: string,
  requestId: string | undefined,
  fields: Record<string, string>,
  done: string,
): Promise<void> {
  const id = requestId ?? newRequestId();
  const result = await context.engine().unary<TransferResult__Output, "Transfers">("Transfers", method, {
    transfer_id: transferId,
    request_id: id,
    ...fields,
  });
  printResult(
    context,
    `${done} ${transferId}: now ${result.transfer?.status ?? "-"} (request id ${id}; a repeat with --request-id ${id} changes nothing)`,
    result,
    id,
  );
}

/** `liq transfers <name> <transfer>`: a command on one transfer. */
function transferCommand(transfers: CommandGroup, name: string, description: string) {
  return transfers.command(name).description(description).argument("<transfer>", "the transfer id");
}

/** `liq transfers create`: create a transfer (role operator); its request id is its idempotency key and becomes the transfer id. */
function addCreate(transfers: CommandGroup, context: CliContext): void {
  transfers
    .command("create")
    .description("create a transfer (role operator); its request id is its idempotency key and becomes the transfer id")
    .requiredOption("--from <account>", "source account, BANK:NUMBER", accountArgument)
    .requiredOption("--to <account>", "target account, BANK:NUMBER", accountArgument)
    .requiredOption("--amount <amount>", "exact decimal, e.g. 1250.75", amountArgument)
    .requiredOption("--currency <code>", "ISO 4217, the accounts' currency")
    .addOption(
      new Option("--speed <speed>", "normal or urgent (default normal)").choices(["normal", "urgent"] as const),
    )
    .option("--debit-channel <id>", "the source bank's channel (default: the engine chooses the route)")
    .option("--credit-channel <id>", "the target bank's channel (default: the engine chooses the route)")
    .option("--approval-required", "wait in PENDING_APPROVAL until an approver other than you approves")
    .addOption(
      new Option(
        "--failover <policy>",
        "when a channel refuses: failover to its alternative (default) or wait",
      ).choices(["failover", "wait"] as const),
    )
    .option("--reference <text>", "free text, at most 500 characters")
    .option(
      "--execute-at <time>",
      "start it then, not now: SCHEDULED until that time, nothing reserved (epoch ms, or 2026-12-06T09:30:00Z); at most 366 days ahead",
      timeArgument,
    )
    .option(
      "--request-id <id>",
      "idempotency key and transfer id, 1-128 of A-Z a-z 0-9 _ : - (default: a new UUID, shown)",
    )
    .addOption(
      new Option(
        "--validate-only",
        "check it as create would (accounts, currency, funds, channels) and create nothing; shows the route chosen",
      ).conflicts("wait"),
    )
    .option("--wait", "follow it until a final status, then print it (exit 1 unless SUCCESS)")
    .option("--wait-timeout <seconds>", `how long --wait waits (default ${defaultWaitSeconds})`, countArgument(86_400))
    .action(async (options) => {
      const requestId = options.requestId ?? newRequestId();
      const request = {
        request_id: requestId,
        from: options.from,
        to: options.to,
        amount: options.amount,
        currency: options.currency,
        speed: options.speed ?? "",
        debit_channel: options.debitChannel ?? "",
        credit_channel: options.creditChannel ?? "",
        approval_required: options.approvalRequired === true,
        failover: options.failover ?? "",
        reference: options.reference ?? "",
        validate_only: options.validateOnly === true,
        execute_at_ms: String(options.executeAt ?? 0),
      };
      const result = await context
        .engine()
        .unary<TransferResult__Output, "Transfers">("Transfers", "CreateTransfer", request);
      if (options.validateOnly) {
        if (!result.validated) {
          printResult(context, `created ${requestId}`, result, requestId);
          throw refused(
            `this engine does not know --validate-only and CREATED transfer ${requestId} (${result.transfer?.status ?? "?"}); cancel it with: liq transfers cancel ${requestId} --reason <why>`,
            "validate_only_unsupported",
          );
        }
        context.print(
          { ...result, request_id: requestId },
          () =>
            `valid: the engine would create this transfer; nothing was created\n${result.transfer ? transferText(result.transfer) : ""}${result.route ? routeText(result.route) : ""}`,
        );
        return;
      }
      if (!options.wait) {
        printResult(
          context,
          `created transfer ${requestId}: ${result.transfer?.status ?? "-"} (a repeat with --request-id ${requestId} changes nothing)`,
          result,
          requestId,
        );
        return;
      }
      const final = await waitForFinal(context, requestId, (options.waitTimeout ?? defaultWaitSeconds) * 1_000);
      context.print(
        { transfer: final, duplicate: result.duplicate, request_id: requestId },
        () =>
          `transfer ${requestId} ended ${final.status}${result.duplicate ? " (created by an earlier request with this id)" : ""}\n${transferText(final)}`,
      );
      if (final.status !== "SUCCESS") {
        const failure = final.failure;
        throw refused(
          `transfer ${requestId} ended ${final.status}${failure ? `: ${failure.message}` : ""}`,
          failure?.code || final.status.toLowerCase(),
        );
      }
    });
}

/** `liq transfers get`: a transfer as its actor holds it now, with its timeline: strongly consistent (role viewer). */
function addGet(transfers: CommandGroup, context: CliContext): void {
  transferCommand(
    transfers,
    "get",
    "a transfer as its actor holds it now, with its timeline: strongly consistent (role viewer)",
  )
    .option("--wait", "follow it until a final status, then print it (exit 1 unless SUCCESS); it may not exist yet")
    .option("--wait-timeout <seconds>", `how long --wait waits (default ${defaultWaitSeconds})`, countArgument(86_400))
    .action(async (transferId, options) => {
      if (!options.wait)
        return context.show<Transfer__Output, "Transfers">(
          "Transfers",
          "GetTransfer",
          { transfer_id: transferId },
          transferText,
        );
      const final = await waitForFinal(context, transferId, (options.waitTimeout ?? defaultWaitSeconds) * 1_000);
      context.print(final, () => `transfer ${transferId} ended ${final.status}\n${transferText(final)}`);
      if (final.status !== "SUCCESS")
        throw refused(
          `transfer ${transferId} ended ${final.status}${final.failure ? `: ${final.failure.message}` : ""}`,
          final.failure?.code || final.status.toLowerCase(),
        );
    });
}

/** `liq transfers list`: transfers from the read model, newest first (role viewer); it may trail a call's answer. */
function addList(transfers: CommandGroup, context: CliContext): void {
  transfers
    .command("list")
    .description("transfers from the read model, newest first (role viewer); it may trail a call's answer")
    .option("--status <statuses...>", "any of these statuses, e.g. --status MANUAL_INTERVENTION UNKNOWN")
    .option("--account <account>", "from or to this account, BANK:NUMBER", accountArgument)
    .option(
      "--created-from <time>",
      "created at or after (epoch ms, 2026-12-06, or 2026-12-06T09:30:00Z)",
      timeArgument,
    )
    .option("--created-to <time>", "created before", timeArgument)
    .option("--page-size <n>", "transfers per page, at most 1000 (default 100)", countArgument(1_000))
    .option("--page-token <token>", "the page after a previous answer's next page token")
    .option("--all", "every page")
    .action(async (options) => {
      const filter = {
        statuses: (options.status ?? []).map((value) => value.toUpperCase()),
        created_from_ms: String(options.createdFrom ?? 0),
        created_to_ms: String(options.createdTo ?? 0),
        page_size: options.pageSize ?? 0,
        ...(options.account && { account: options.account }),
      };
      const read = (token: string) =>
        context.engine().unary<ListTransfersResponse__Output, "Transfers">("Transfers", "ListTransfers", {
          ...filter,
          page_token: token,
        });
      const { items: found, nextPageToken } = await readPages(
        options.pageToken,
        options.all,
        read,
        (answer) => answer.transfers,
      );
      context.print(
        { transfers: found, next_page_token: nextPageToken },
        () => transfersText(found) + morePagesText(nextPageToken),
      );
    });
}

/** `liq transfers watch`: the current state of the named transfers, then every change of matching transfers, until Ctrl-C (role viewer). */
function addWatch(transfers: CommandGroup, context: CliContext): void {
  transfers
    .command("watch")
    .description(
      "the current state of the named transfers, then every change of matching transfers, until Ctrl-C (role viewer)",
    )
    .argument("[transfers...]", "transfer ids (default: any transfer that matches the filters)")
    .option("--account <account>", "only transfers from or to this account, BANK:NUMBER", accountArgument)
    .option("--status <statuses...>", "only changes that leave a transfer in one of these statuses")
    .action(async (transferIds, options) => {
      const request = {
        transfer_ids: transferIds,
        statuses: (options.status ?? []).map((value) => value.toUpperCase()),
        ...(options.account && { account: options.account }),
      };
      await context.follow<TransferUpdate__Output, "Transfers">(
        "Transfers",
        "WatchTransfers",
        request,
        transferUpdateText,
      );
    });
}

/** `liq transfers approve`: approve a transfer waiting in PENDING_APPROVAL (role approver; not its creator). */
function addApprove(transfers: CommandGroup, context: CliContext): void {
  transferCommand(
    transfers,
    "approve",
    "approve a transfer waiting in PENDING_APPROVAL (role approver; not its creator)",
  )
    .option("--comment <text>", "recorded with the approval")
    .option("--request-id <id>", "idempotency key (default: a new one, shown)")
    .action((transferId, options) =>
      steer(context, "ApproveTransfer", transferId, options.requestId, { comment: options.comment ?? "" }, "approved"),
    );
}

/** `liq transfers cancel` and `retry`: a steer whose only field is the reason. */
function addReasonedSteer(
  transfers: CommandGroup,
  context: CliContext,
  name: string,
  description: string,
  method: TransferCall,
  done: string,
): void {
  transferCommand(transfers, name, description)
    .requiredOption("--reason <text>", "why (recorded)")
    .option("--request-id <id>", "idempotency key (default: a new one, shown)")
    .action((transferId, options) =>
      steer(context, method, transferId, options.requestId, { reason: options.reason }, done),
    );
}

/** The outcomes a resolution may name. */
const outcomeOption = (description: string) =>
  new Option("--outcome <outcome>", description)
    .choices(["credited", "returned", "not_debited"] as const)
    .makeOptionMandatory();

/**
 * `liq transfers resolve`: ask to close a transfer in MANUAL_INTERVENTION with the outcome you proved (role
 * operator); nothing moves until another person confirms it.
 */
function addResolve(transfers: CommandGroup, context: CliContext): void {
  transferCommand(
    transfers,
    "resolve",
    "ask to close a transfer in MANUAL_INTERVENTION with the outcome you proved (role operator); it applies once an approver other than you confirms it (confirm-resolution)",
  )
    .addOption(outcomeOption("credited (reached the target), returned (back at the source) or not_debited"))
    .requiredOption("--evidence <text>", "what proves it: statement line, bank ticket")
    .option("--request-id <id>", "idempotency key (default: a new one, shown)")
    .action((transferId, options) =>
      steer(
        context,
        "ResolveTransfer",
        transferId,
        options.requestId,
        { outcome: options.outcome, evidence: options.evidence },
        "resolution asked for",
      ),
    );
}

/**
 * `liq transfers confirm-resolution`: confirm the pending resolution, naming its outcome (role approver; not its
 * asker); the transfer is CLOSED and positions follow the outcome.
 */
function addConfirmResolution(transfers: CommandGroup, context: CliContext): void {
  transferCommand(
    transfers,
    "confirm-resolution",
    "confirm the resolution asked for a transfer in MANUAL_INTERVENTION (role approver; not its asker); positions follow its outcome",
  )
    .addOption(outcomeOption("the outcome you confirm: it must be the one asked for (liq transfers get shows it)"))
    .option("--comment <text>", "recorded with the confirmation")
    .option("--request-id <id>", "idempotency key (default: a new one, shown)")
    .action((transferId, options) =>
      steer(
        context,
        "ConfirmResolution",
        transferId,
        options.requestId,
        { outcome: options.outcome, comment: options.comment ?? "" },
        "resolved",
      ),
    );
}

/** `liq transfers ...`: the Transfers service. */
export function addTransferCommands(root: RootCommand, context: CliContext): void {
  const transfers = root
    .command("transfers")
    .description("create, follow and steer transfers between banks (gRPC liquidity.v1.Transfers)");
  addCreate(transfers, context);
  addGet(transfers, context);
  addList(transfers, context);
  addWatch(transfers, context);
  addApprove(transfers, context);
  addReasonedSteer(
    transfers,
    context,
    "cancel",
    "cancel a transfer before its debit was sent (role operator)",
    "CancelTransfer",
    "cancelled",
  );
  addReasonedSteer(
    transfers,
    context,
    "retry",
    "resume a transfer halted in MANUAL_INTERVENTION during a bank step, with a status query first (role operator)",
    "RetryTransfer",
    "retried",
  );
  addResolve(transfers, context);
  addConfirmResolution(transfers, context);
}

/** Follows one transfer until a final status (or MANUAL_INTERVENTION), then reads it whole from its actor. */
async function waitForFinal(context: CliContext, transferId: string, timeoutMs: number): Promise<Transfer__Output> {
  const engine = context.engine();
  const timeout = AbortSignal.timeout(timeoutMs);
  let interrupted = false;
  let last = "";
  const reached = await context.untilInterrupted((interruption) => {
    interruption.addEventListener("abort", () => (interrupted = true));
    return engine.watch<TransferUpdate__Output, "Transfers">(
      "Transfers",
      "WatchTransfers",
      { transfer_ids: [transferId] },
      (update) => {
        last = update.transfer?.status ?? last;
        return finalStatuses.includes(last);
      },
      AbortSignal.any([interruption, timeout]),
    );
  });
  if (!reached) {
    const why = timeout.aborted
      ? `timed out after ${Math.round(timeoutMs / 1_000)} s`
      : interrupted
        ? "interrupted"
        : `the engine at ${engine.server} ended the watch`;
    throw unreachable(
      `${why} waiting for transfer ${transferId}, last seen ${last || "not yet"}; it goes on (liq transfers get ${transferId})`,
    );
  }
  return engine.unary<Transfer__Output, "Transfers">("Transfers", "GetTransfer", { transfer_id: transferId });
}
