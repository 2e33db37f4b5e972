// Original file: liquidity/v1/differences.proto

import type { Long } from '@grpc/proto-loader';

export interface DifferenceBooking {
  'action'?: (string);
  'status'?: (string);
  'failure'?: (string);
  'at_ms'?: (number | string | Long);
}

export interface DifferenceBooking__Output {
  'action': (string);
  'status': (string);
  'failure': (string);
  'at_ms': (string);
}
