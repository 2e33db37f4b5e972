// Original file: liquidity/v1/suggestions.proto

import type { Long } from '@grpc/proto-loader';

export interface SuggestionApproval {
  'principal'?: (string);
  'comment'?: (string);
  'at_ms'?: (number | string | Long);
}

export interface SuggestionApproval__Output {
  'principal': (string);
  'comment': (string);
  'at_ms': (string);
}
