// Original file: liquidity/v1/channels.proto

import type { Long } from '@grpc/proto-loader';

export interface ChannelBreaker {
  'circuit'?: (string);
  'consecutive_failures'?: (number);
  'opened_at_ms'?: (number | string | Long);
  'half_open_at_ms'?: (number | string | Long);
  'failure_threshold'?: (number);
  'open_for_ms'?: (number | string | Long);
  'half_open_successes_needed'?: (number);
}

export interface ChannelBreaker__Output {
  'circuit': (string);
  'consecutive_failures': (number);
  'opened_at_ms': (string);
  'half_open_at_ms': (string);
  'failure_threshold': (number);
  'open_for_ms': (string);
  'half_open_successes_needed': (number);
}
