// Original file: liquidity/v1/jobs.proto

import type { Long } from '@grpc/proto-loader';

export interface SkippedSlots {
  'from_slot_ms'?: (number | string | Long);
  'through_slot_ms'?: (number | string | Long);
}

export interface SkippedSlots__Output {
  'from_slot_ms': (string);
  'through_slot_ms': (string);
}
