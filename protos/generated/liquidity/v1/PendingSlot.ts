// Original file: liquidity/v1/jobs.proto

import type { Long } from '@grpc/proto-loader';

export interface PendingSlot {
  'slot_ms'?: (number | string | Long);
  'attempt'?: (number);
}

export interface PendingSlot__Output {
  'slot_ms': (string);
  'attempt': (number);
}
