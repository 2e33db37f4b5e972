// Original file: liquidity/v1/transfers.proto

import type { Long } from '@grpc/proto-loader';

export interface RouteChannel {
  'channel_id'?: (string);
  'end'?: (string);
  'usable'?: (boolean);
  'fee'?: (string);
  'cutoff'?: (string);
  'reason'?: (string);
  'usable_at_ms'?: (number | string | Long);
}

export interface RouteChannel__Output {
  'channel_id': (string);
  'end': (string);
  'usable': (boolean);
  'fee': (string);
  'cutoff': (string);
  'reason': (string);
  'usable_at_ms': (string);
}
