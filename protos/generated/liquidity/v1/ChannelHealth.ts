// Original file: liquidity/v1/channels.proto

import type { Long } from '@grpc/proto-loader';

export interface ChannelHealth {
  'observed'?: (number);
  'succeeded'?: (number);
  'rejected'?: (number);
  'unknown'?: (number);
  'transport_failures'?: (number);
  'probes_ok'?: (number);
  'probes_failed'?: (number);
  'mean_latency_ms'?: (number);
  'last_observed_at_ms'?: (number | string | Long);
}

export interface ChannelHealth__Output {
  'observed': (number);
  'succeeded': (number);
  'rejected': (number);
  'unknown': (number);
  'transport_failures': (number);
  'probes_ok': (number);
  'probes_failed': (number);
  'mean_latency_ms': (number);
  'last_observed_at_ms': (string);
}
