import { decodeJobView, type JobView } from "../actors/schedule/view.js";
import { ViewDirectory, type PublishedEvent } from "./view-directory.js";

/** The scheduled jobs (ADR 013), listed from each job's last event without reading history. */
export type JobDirectory = ViewDirectory<JobView>;

/** What a listing may ask for: jobs enabled or not, paused or not (absent: either). */
export interface JobFilter {
  readonly enabled?: boolean;
  readonly paused?: boolean;
}

export function newJobDirectory(): JobDirectory {
  return new ViewDirectory(jobViewOfEvent);
}

/**
 * The job's view a schedule event carries (`job`): null once the job is deleted, undefined for an event without one
 * (written by an engine before views were carried, or not a view): such a job is listed from its next event on.
 */
export function jobViewOfEvent({ actorId, event }: PublishedEvent): JobView | null | undefined {
  if (event["job"] === undefined) return undefined;
  let view: JobView;
  try {
    view = decodeJobView(event["job"], `the view in an event of job ${actorId}`);
  } catch {
    return undefined;
  }
  if (view.jobId !== actorId) return undefined;
  return view.exists ? view : null;
}

export function matchesJobFilter(view: JobView, filter: JobFilter): boolean {
  return (
    (filter.enabled === undefined || view.definition?.enabled === filter.enabled) &&
    (filter.paused === undefined || view.paused === filter.paused)
  );
}
