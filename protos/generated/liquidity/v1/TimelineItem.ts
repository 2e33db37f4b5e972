// Original file: liquidity/v1/transfers.proto

import type { Long } from '@grpc/proto-loader';

export interface TimelineItem {
  'at_ms'?: (number | string | Long);
  'status'?: (string);
  'event'?: (string);
  'note'?: (string);
}

export interface TimelineItem__Output {
  'at_ms': (string);
  'status': (string);
  'event': (string);
  'note': (string);
}
