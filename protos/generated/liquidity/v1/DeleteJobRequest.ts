// Original file: liquidity/v1/jobs.proto

import type { Long } from '@grpc/proto-loader';

export interface DeleteJobRequest {
  'job_id'?: (string);
  'expected_version'?: (number | string | Long);
  'request_id'?: (string);
}

export interface DeleteJobRequest__Output {
  'job_id': (string);
  'expected_version': (string);
  'request_id': (string);
}
