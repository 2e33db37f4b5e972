// Original file: liquidity/v1/jobs.proto

import type { Long } from '@grpc/proto-loader';

export interface SlotOutcome {
  'slot_ms'?: (number | string | Long);
  'outcome'?: (string);
  'code'?: (string);
}

export interface SlotOutcome__Output {
  'slot_ms': (string);
  'outcome': (string);
  'code': (string);
}
