// Original file: liquidity/v1/jobs.proto

import type { Long } from '@grpc/proto-loader';

export interface JobChange {
  'kind'?: (string);
  'principal'?: (string);
  'at_ms'?: (number | string | Long);
}

export interface JobChange__Output {
  'kind': (string);
  'principal': (string);
  'at_ms': (string);
}
