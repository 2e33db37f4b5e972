import { readFileSync } from "node:fs";
import { Option } from "@commander-js/extra-typings";
import { parseScheduleCommand } from "../../actors/schedule/parse.js";
import { jobOf } from "../../adapters/grpc/job-messages.js";
import type { Job } from "../../protos/generated/liquidity/v1/Job.js";
import type { JobView__Output } from "../../protos/generated/liquidity/v1/JobView.js";
import type { ListJobsResponse__Output } from "../../protos/generated/liquidity/v1/ListJobsResponse.js";
import { countArgument, newRequestId, sequenceArgument } from "../arguments.js";
import type { CliContext } from "../context.js";
import { usageFailure } from "../failures.js";
import { morePagesText, readPages } from "../pages.js";
import type { RootCommand } from "../root.js";
import { jobsText, jobText } from "../views/jobs.js";

/**
 * The job of `--file`, in the schedule actor's JSON form (docs/cli.md), checked with the engine's own parser (a bad
 * field is a usage error, exit 2) and sent whole, defaults filled in. Whether a job may send its target is the
 * engine's to say (exit 1, target_not_allowed).
 */
function jobOfFile(file: string): Job {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw usageFailure(
      `cannot read the job file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  let job: unknown;
  try {
    job = JSON.parse(text);
  } catch {
    throw usageFailure(`the job file ${file} is not JSON`);
  }
  if (typeof job !== "object" || job === null || Array.isArray(job)) throw usageFailure(`${file}: not a job object`);
  const parsed = parseScheduleCommand("put", { ...job, expectedVersion: 0 });
  if (!parsed.ok) throw usageFailure(`${file}: ${parsed.message}`);
  if (parsed.command.type !== "put") throw usageFailure(`${file}: not a job`);
  return jobOf(parsed.command.definition);
}

const requestIdOption = () =>
  new Option("--request-id <id>", "idempotency key: a retry with it applies nothing twice (default: a new one)");

/** `liq jobs ...`: the Jobs service (scheduled jobs, ADR 013). */
export function addJobCommands(root: RootCommand, context: CliContext): void {
  const jobs = root
    .command("jobs")
    .description("scheduled jobs: a cron slot in a time zone sends a command, once per slot (gRPC liquidity.v1.Jobs)");

  jobs
    .command("list")
    .description("jobs from the engine's job directory, by id (role viewer); may trail a change by milliseconds")
    .addOption(new Option("--enabled", "only enabled jobs").conflicts("disabled"))
    .option("--disabled", "only disabled jobs")
    .addOption(new Option("--paused", "only paused jobs").conflicts("notPaused"))
    .option("--not-paused", "only jobs that are not paused")
    .option("--page-size <n>", "jobs per page, at most 1000 (default 100)", countArgument(1_000))
    .option("--page-token <token>", "the page after a previous answer's next page token")
    .option("--all", "every page")
    .action(async (options) => {
      const filter = {
        ...(options.enabled && { enabled: true }),
        ...(options.disabled && { enabled: false }),
        ...(options.paused && { paused: true }),
        ...(options.notPaused && { paused: false }),
        page_size: options.pageSize ?? 0,
      };
      const read = (token: string) =>
        context.engine().unary<ListJobsResponse__Output, "Jobs">("Jobs", "ListJobs", { ...filter, page_token: token });
      const { items, nextPageToken } = await readPages(options.pageToken, options.all, read, (answer) => answer.jobs);
      context.print(
        { jobs: items, next_page_token: nextPageToken },
        () => jobsText(items) + morePagesText(nextPageToken),
      );
    });

  jobs
    .command("get")
    .description("a job as its actor holds it now: definition, next slot, last outcome, counts (role viewer)")
    .argument("<job>", "the job id")
    .action((jobId) => context.show<JobView__Output, "Jobs">("Jobs", "GetJob", { job_id: jobId }, jobText));

  jobs
    .command("put")
    .description("create or replace a job, whole (role operator)")
    .argument("<job>", "the job id, e.g. sweep-daily (1-64 of A-Z a-z 0-9 _ : -)")
    .requiredOption("--file <file>", "the job as JSON (docs/cli.md)")
    .option("--expected-version <n>", "the version you read (default 0: a new job)", sequenceArgument)
    .addOption(requestIdOption())
    .action((jobId, options) => {
      const job = jobOfFile(options.file);
      return context.show<JobView__Output, "Jobs">(
        "Jobs",
        "PutJob",
        {
          job_id: jobId,
          job,
          expected_version: options.expectedVersion ?? 0,
          request_id: options.requestId ?? newRequestId(),
        },
        jobText,
      );
    });

  for (const [name, method, description] of [
    [
      "pause",
      "PauseJob",
      "stop a job's slots until it is resumed; slots that pass meanwhile never run (role operator)",
    ],
    ["resume", "ResumeJob", "go on from the job's first slot after now (role operator)"],
  ] as const)
    jobs
      .command(name)
      .description(description)
      .argument("<job>", "the job id")
      .addOption(requestIdOption())
      .action((jobId, options) =>
        context.show<JobView__Output, "Jobs">(
          "Jobs",
          method,
          { job_id: jobId, request_id: options.requestId ?? newRequestId() },
          jobText,
        ),
      );

  jobs
    .command("delete")
    .description("delete a job: no later slot runs (role operator)")
    .argument("<job>", "the job id")
    .requiredOption("--expected-version <n>", "the version you read", sequenceArgument)
    .addOption(requestIdOption())
    .action((jobId, options) =>
      context.show<JobView__Output, "Jobs">(
        "Jobs",
        "DeleteJob",
        {
          job_id: jobId,
          expected_version: options.expectedVersion,
          request_id: options.requestId ?? newRequestId(),
        },
        jobText,
      ),
    );
}
