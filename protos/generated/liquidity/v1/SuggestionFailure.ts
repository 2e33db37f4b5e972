// Original file: liquidity/v1/suggestions.proto

import type { Long } from '@grpc/proto-loader';

export interface SuggestionFailure {
  'code'?: (string);
  'message'?: (string);
  'at_ms'?: (number | string | Long);
}

export interface SuggestionFailure__Output {
  'code': (string);
  'message': (string);
  'at_ms': (string);
}
