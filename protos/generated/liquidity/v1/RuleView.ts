// Original file: liquidity/v1/rules.proto

import type { Rule as _liquidity_v1_Rule, Rule__Output as _liquidity_v1_Rule__Output } from '../../liquidity/v1/Rule.js';
import type { RuleChange as _liquidity_v1_RuleChange, RuleChange__Output as _liquidity_v1_RuleChange__Output } from '../../liquidity/v1/RuleChange.js';
import type { Long } from '@grpc/proto-loader';

export interface RuleView {
  'rule_id'?: (string);
  'status'?: (string);
  'version'?: (number | string | Long);
  'rule'?: (_liquidity_v1_Rule | null);
  'last_change'?: (_liquidity_v1_RuleChange | null);
}

export interface RuleView__Output {
  'rule_id': (string);
  'status': (string);
  'version': (string);
  'rule': (_liquidity_v1_Rule__Output | null);
  'last_change': (_liquidity_v1_RuleChange__Output | null);
}
