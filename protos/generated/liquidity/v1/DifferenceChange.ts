// Original file: liquidity/v1/differences.proto

import type { Long } from '@grpc/proto-loader';

export interface DifferenceChange {
  'change'?: (string);
  'principal'?: (string);
  'at_ms'?: (number | string | Long);
}

export interface DifferenceChange__Output {
  'change': (string);
  'principal': (string);
  'at_ms': (string);
}
