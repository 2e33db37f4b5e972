// Original file: liquidity/v1/differences.proto

import type { Long } from '@grpc/proto-loader';

export interface DifferenceHistoryEntry {
  'change'?: (string);
  'principal'?: (string);
  'at_ms'?: (number | string | Long);
  'note'?: (string);
}

export interface DifferenceHistoryEntry__Output {
  'change': (string);
  'principal': (string);
  'at_ms': (string);
  'note': (string);
}
