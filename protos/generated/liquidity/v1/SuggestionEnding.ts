// Original file: liquidity/v1/suggestions.proto

import type { Long } from '@grpc/proto-loader';

export interface SuggestionEnding {
  'principal'?: (string);
  'reason'?: (string);
  'at_ms'?: (number | string | Long);
}

export interface SuggestionEnding__Output {
  'principal': (string);
  'reason': (string);
  'at_ms': (string);
}
