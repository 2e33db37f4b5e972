// Original file: liquidity/v1/jobs.proto

import type { JobView as _liquidity_v1_JobView, JobView__Output as _liquidity_v1_JobView__Output } from '../../liquidity/v1/JobView.js';

export interface ListJobsResponse {
  'jobs'?: (_liquidity_v1_JobView)[];
  'next_page_token'?: (string);
}

export interface ListJobsResponse__Output {
  'jobs': (_liquidity_v1_JobView__Output)[];
  'next_page_token': (string);
}
