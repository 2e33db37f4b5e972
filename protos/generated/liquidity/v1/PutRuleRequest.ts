// Original file: liquidity/v1/rules.proto

import type { Rule as _liquidity_v1_Rule, Rule__Output as _liquidity_v1_Rule__Output } from '../../liquidity/v1/Rule.js';
import type { Long } from '@grpc/proto-loader';

export interface PutRuleRequest {
  'rule_id'?: (string);
  'rule'?: (_liquidity_v1_Rule | null);
  'expected_version'?: (number | string | Long);
  'reason'?: (string);
  'request_id'?: (string);
}

export interface PutRuleRequest__Output {
  'rule_id': (string);
  'rule': (_liquidity_v1_Rule__Output | null);
  'expected_version': (string);
  'reason': (string);
  'request_id': (string);
}
