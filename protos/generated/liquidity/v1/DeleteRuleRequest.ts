// Original file: liquidity/v1/rules.proto

import type { Long } from '@grpc/proto-loader';

export interface DeleteRuleRequest {
  'rule_id'?: (string);
  'expected_version'?: (number | string | Long);
  'reason'?: (string);
}

export interface DeleteRuleRequest__Output {
  'rule_id': (string);
  'expected_version': (string);
  'reason': (string);
}
