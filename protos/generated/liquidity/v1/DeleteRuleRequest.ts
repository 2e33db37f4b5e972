// Original file: liquidity/v1/rules.proto

import type { Long } from '@grpc/proto-loader';

export interface DeleteRuleRequest {
  'rule_id'?: (string);
  'expected_version'?: (number | string | Long);
  'reason'?: (string);
  'request_id'?: (string);
}

export interface DeleteRuleRequest__Output {
  'rule_id': (string);
  'expected_version': (string);
  'reason': (string);
  'request_id': (string);
}
