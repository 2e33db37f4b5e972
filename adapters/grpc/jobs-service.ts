import { status } from "@grpc/grpc-js";
import { decodeJobView, type JobView as ActorJobView } from "../../actors/schedule/view.js";
import { matchesJobFilter, type JobDirectory, type JobFilter } from "../../read-models/job-directory.js";
import type { ActorSystem } from "../../runtime/actor-system.js";
import type { Json } from "../../runtime/json.js";
import type { DeleteJobRequest__Output } from "../../protos/generated/liquidity/v1/DeleteJobRequest.js";
import type { GetJobRequest__Output } from "../../protos/generated/liquidity/v1/GetJobRequest.js";
import type { JobView } from "../../protos/generated/liquidity/v1/JobView.js";
import type { ListJobsRequest__Output } from "../../protos/generated/liquidity/v1/ListJobsRequest.js";
import type { ListJobsResponse } from "../../protos/generated/liquidity/v1/ListJobsResponse.js";
import type { PauseJobRequest__Output } from "../../protos/generated/liquidity/v1/PauseJobRequest.js";
import type { PutJobRequest__Output } from "../../protos/generated/liquidity/v1/PutJobRequest.js";
import type { ResumeJobRequest__Output } from "../../protos/generated/liquidity/v1/ResumeJobRequest.js";
import { getView } from "./actor-get.js";
import { sendChange } from "./actor-change.js";
import { ApiError } from "./api-error.js";
import type { Caller } from "./caller.js";
import { jobJsonOf, jobViewOf } from "./job-messages.js";

const pageSizeDefault = 100;
const pageSizeMax = 1_000;

/**
 * The Jobs service (ADR 013): scheduled jobs. Changes and GetJob go to the job's actor, which checks the version, the
 * definition and the target; ListJobs reads the job directory, fed by the jobs' events.
 */
export class JobsService {
  constructor(
    private readonly system: ActorSystem,
    private readonly directory: JobDirectory,
  ) {}

  async putJob(request: PutJobRequest__Output, caller: Caller): Promise<JobView> {
    const jobId = jobIdOf(request.job_id);
    if (!request.job) throw invalid("job is required");
    const payload = { expectedVersion: version(request.expected_version), ...jobJsonOf(request.job) };
    return this.change(jobId, "put", payload, request.request_id, caller);
  }

  async getJob(request: GetJobRequest__Output, caller: Caller): Promise<JobView> {
    const jobId = jobIdOf(request.job_id);
    const view = await this.view(jobId, caller);
    if (!view.exists && view.version === 0) throw notFound(jobId);
    return jobViewOf(view);
  }

  listJobs(request: ListJobsRequest__Output): ListJobsResponse {
    const size = request.page_size === 0 ? pageSizeDefault : request.page_size;
    if (size > pageSizeMax) throw invalid(`page_size must be at most ${pageSizeMax}`);
    const filter: JobFilter = {
      ...(request.enabled !== undefined && { enabled: request.enabled }),
      ...(request.paused !== undefined && { paused: request.paused }),
    };
    const page = this.directory.list(
      (view) => matchesJobFilter(view, filter),
      decodePageToken(request.page_token),
      size,
    );
    return { jobs: page.views.map(jobViewOf), next_page_token: page.more ? encodePageToken(page.lastId) : "" };
  }

  pauseJob(request: PauseJobRequest__Output, caller: Caller): Promise<JobView> {
    return this.change(jobIdOf(request.job_id), "pause", {}, request.request_id, caller);
  }

  resumeJob(request: ResumeJobRequest__Output, caller: Caller): Promise<JobView> {
    return this.change(jobIdOf(request.job_id), "resume", {}, request.request_id, caller);
  }

  deleteJob(request: DeleteJobRequest__Output, caller: Caller): Promise<JobView> {
    const payload = { expectedVersion: version(request.expected_version) };
    return this.change(jobIdOf(request.job_id), "delete", payload, request.request_id, caller);
  }

  private view(jobId: string, caller: Caller): Promise<ActorJobView> {
    return getView(this.system, "schedule", jobId, caller, decodeJobView);
  }

  /** A change, answered with the job as it is after it (a retry by request id too: as it is now, not as it was). */
  private async change(
    jobId: string,
    type: "put" | "pause" | "resume" | "delete",
    payload: Record<string, Json>,
    requestId: string,
    caller: Caller,
  ): Promise<JobView> {
    await sendChange(this.system, { kind: "schedule", actorId: jobId, type, payload, requestId }, caller);
    return jobViewOf(await this.view(jobId, caller));
  }
}

function jobIdOf(jobId: string): string {
  if (jobId === "") throw invalid("job_id is required");
  return jobId;
}

function version(value: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number)) throw invalid("expected_version is out of range");
  return number;
}

function invalid(message: string): ApiError {
  return new ApiError(status.INVALID_ARGUMENT, message, "invalid_argument");
}

function notFound(jobId: string): ApiError {
  return new ApiError(status.NOT_FOUND, `job ${jobId.slice(0, 64)} does not exist`, "job_not_found");
}

/** Page tokens are opaque to clients: the last job id of the page, base64url. */
function encodePageToken(jobId: string): string {
  return Buffer.from(`j:${jobId}`, "utf8").toString("base64url");
}

function decodePageToken(token: string): string {
  if (token === "") return "";
  const text = Buffer.from(token, "base64url").toString("utf8");
  if (!text.startsWith("j:") || text.length < 3) throw invalid("page_token is not one this server issued");
  return text.slice(2);
}
