// Original file: liquidity/v1/rules.proto

import type { Long } from '@grpc/proto-loader';

export interface RuleChange {
  'kind'?: (string);
  'version'?: (number | string | Long);
  'replaces_version'?: (number | string | Long);
  'principal'?: (string);
  'reason'?: (string);
  'at_ms'?: (number | string | Long);
}

export interface RuleChange__Output {
  'kind': (string);
  'version': (string);
  'replaces_version': (string);
  'principal': (string);
  'reason': (string);
  'at_ms': (string);
}
