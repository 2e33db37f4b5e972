// Original file: liquidity/v1/positions.proto

import type { Long } from '@grpc/proto-loader';

export interface HistoryEvent {
  'event_seq'?: (number | string | Long);
  'type'?: (string);
  'json'?: (string);
}

export interface HistoryEvent__Output {
  'event_seq': (string);
  'type': (string);
  'json': (string);
}
