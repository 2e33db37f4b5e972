import { readFileSync } from "node:fs";
import { parseRuleCommand } from "../../actors/rule/parse.js";
import { ruleToJson } from "../../actors/rule/definition.js";
import { ruleOf } from "../../adapters/grpc/rule-messages.js";
import type { GetRuleHistoryResponse__Output } from "../../protos/generated/liquidity/v1/GetRuleHistoryResponse.js";
import type { Rule } from "../../protos/generated/liquidity/v1/Rule.js";
import type { RuleView__Output } from "../../protos/generated/liquidity/v1/RuleView.js";
import { countArgument, newRequestId, sequenceArgument } from "../arguments.js";
import type { CliContext } from "../context.js";
import { usageFailure } from "../failures.js";
import { moreEntriesText, morePagesText, readJournalPages, readPages } from "../pages.js";
import type { DryRunResponse__Output } from "../../protos/generated/liquidity/v1/DryRunResponse.js";
import type { ListRulesResponse__Output } from "../../protos/generated/liquidity/v1/ListRulesResponse.js";
import type { RootCommand } from "../root.js";
import { dryRunText, ruleHistoryText, rulesText, ruleText } from "../views/rules.js";

/**
 * The rule of `--file`, in the rule actor's JSON form (docs/cli.md), checked with the engine's own parser (a bad
 * field is a usage error, exit 2) and sent whole, defaults filled in.
 */
function ruleOfFile(file: string, expectedVersion: number, reason: string): Rule {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw usageFailure(
      `cannot read the rule file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let rule: unknown;
  try {
    rule = JSON.parse(text);
  } catch {
    throw usageFailure(`the rule file ${file} is not JSON`);
  }
  const parsed = parseRuleCommand("put", { expectedVersion, reason, rule: rule as never });
  if (!parsed.ok) throw usageFailure(`${file}: ${parsed.message}`);
  if (parsed.command.type !== "put") throw usageFailure(`${file}: not a rule`);
  return ruleOf(ruleToJson(parsed.command.rule));
}

/** `liq rules ...`: the Rules service (versioned decision rules, ADR 012). */
export function addRuleCommands(root: RootCommand, context: CliContext): void {
  const rules = root
    .command("rules")
    .description("decision rules: versioned, every change with its principal and reason (gRPC liquidity.v1.Rules)");

  rules
    .command("put")
    .description("create or replace a rule, whole (role operator)")
    .argument("<rule>", "the rule id, e.g. top-up-BANKA-1")
    .requiredOption("--file <file>", "the rule as JSON (docs/cli.md)")
    .requiredOption("--reason <text>", "why, for the rule's history")
    .option("--expected-version <n>", "the version you read (default 0: a new rule)", sequenceArgument)
    .option("--request-id <id>", "idempotency key: a retry with it applies nothing twice (default: a new one)")
    .action((ruleId, options) => {
      const expectedVersion = options.expectedVersion ?? 0;
      const rule = ruleOfFile(options.file, expectedVersion, options.reason);
      const requestId = options.requestId ?? newRequestId();
      return context.show<RuleView__Output, "Rules">(
        "Rules",
        "PutRule",
        { rule_id: ruleId, rule, expected_version: expectedVersion, reason: options.reason, request_id: requestId },
        ruleText,
      );
    });

  rules
    .command("get")
    .description("a rule as it is now, with its version (role viewer)")
    .argument("<rule>", "the rule id")
    .action((ruleId) => context.show<RuleView__Output, "Rules">("Rules", "GetRule", { rule_id: ruleId }, ruleText));

  rules
    .command("delete")
    .description("delete a rule (role operator)")
    .argument("<rule>", "the rule id")
    .requiredOption("--expected-version <n>", "the version you read", sequenceArgument)
    .requiredOption("--reason <text>", "why, for the rule's history")
    .option("--request-id <id>", "idempotency key: a retry with it applies nothing twice (default: a new one)")
    .action((ruleId, options) =>
      context.show<RuleView__Output, "Rules">(
        "Rules",
        "DeleteRule",
        {
          rule_id: ruleId,
          expected_version: options.expectedVersion,
          reason: options.reason,
          request_id: options.requestId ?? newRequestId(),
        },
        ruleText,
      ),
    );

  rules
    .command("history")
    .description("every change of a rule: version, replaced version, principal, reason, time (role viewer)")
    .argument("<rule>", "the rule id")
    .option("--after <seq>", "entries after this journal sequence number (default: from the start)", sequenceArgument)
    .option("--page-size <n>", "entries per page, at most 1000 (default 100)", countArgument(1_000))
    .option("--all", "every page")
    .action(async (ruleId, options) => {
      const history = await readJournalPages(options.after, options.all, (afterEntrySeq) =>
        context.engine().unary<GetRuleHistoryResponse__Output, "Rules">("Rules", "GetRuleHistory", {
          rule_id: ruleId,
          after_entry_seq: afterEntrySeq,
          page_size: options.pageSize ?? 0,
        }),
      );
      context.print(history, () => ruleHistoryText(history) + moreEntriesText(history.next_after_entry_seq));
    });

  rules
    .command("list")
    .description("the active rules in rule id order (role viewer)")
    .option("--pool <pool>", "only rules acting on this pool")
    .option("--currency <code>", "only rules acting on this currency")
    .option("--account <id>", "only this account's own rules (BANK:NUMBER)")
    .option("--mode <mode>", "only MONITOR, SUGGEST or AUTO rules")
    .option("--page-size <n>", "rules per page, at most 1000 (default 100)", countArgument(1_000))
    .option("--page-token <token>", "the page after this token (printed after a page)")
    .option("--all", "every page")
    .action(async (options) => {
      const read = (token: string) =>
        context.engine().unary<ListRulesResponse__Output, "Rules">("Rules", "ListRules", {
          pool: options.pool ?? "",
          currency: options.currency ?? "",
          account: options.account ?? "",
          mode: options.mode ?? "",
          page_size: options.pageSize ?? 0,
          page_token: token,
        });
      const { items, nextPageToken } = await readPages(options.pageToken, options.all, read, (page) => page.rules);
      context.print(
        { rules: items, next_page_token: nextPageToken },
        () => rulesText(items) + morePagesText(nextPageToken),
      );
    });

  rules
    .command("plan")
    .description("dry run: the plan the engine would make now, with its reasons; changes nothing (role viewer)")
    .argument("[rule]", "a rule id (its pool is planned, its decisions shown)")
    .option("--pool <pool>", "plan this pool instead (with --currency)")
    .option("--currency <code>", "the pool's currency")
    .option("--sweeps", "plan sweeps above high too, as the daily sweep does")
    .action((ruleId, options) => {
      if (ruleId === undefined && (options.pool === undefined || options.currency === undefined))
        throw usageFailure("name a rule, or --pool and --currency");
      return context.show<DryRunResponse__Output, "Rules">(
        "Rules",
        "DryRun",
        {
          rule_id: ruleId ?? "",
          pool: options.pool ?? "",
          currency: options.currency ?? "",
          sweeps: options.sweeps === true,
        },
        dryRunText,
      );
    });
}
