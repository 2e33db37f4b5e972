// Original file: liquidity/v1/jobs.proto

import type { Job as _liquidity_v1_Job, Job__Output as _liquidity_v1_Job__Output } from '../../liquidity/v1/Job.js';
import type { Long } from '@grpc/proto-loader';

export interface PutJobRequest {
  'job_id'?: (string);
  'job'?: (_liquidity_v1_Job | null);
  'expected_version'?: (number | string | Long);
  'request_id'?: (string);
}

export interface PutJobRequest__Output {
  'job_id': (string);
  'job': (_liquidity_v1_Job__Output | null);
  'expected_version': (string);
  'request_id': (string);
}
