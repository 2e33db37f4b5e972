// Original file: liquidity/v1/differences.proto

import type { Long } from '@grpc/proto-loader';

export interface DifferenceExplanation {
  'note'?: (string);
  'evidence'?: (string);
  'principal'?: (string);
  'at_ms'?: (number | string | Long);
}

export interface DifferenceExplanation__Output {
  'note': (string);
  'evidence': (string);
  'principal': (string);
  'at_ms': (string);
}
