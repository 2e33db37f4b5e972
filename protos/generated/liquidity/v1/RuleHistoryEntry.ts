// Original file: liquidity/v1/rules.proto

import type { RuleChange as _liquidity_v1_RuleChange, RuleChange__Output as _liquidity_v1_RuleChange__Output } from '../../liquidity/v1/RuleChange.js';
import type { Rule as _liquidity_v1_Rule, Rule__Output as _liquidity_v1_Rule__Output } from '../../liquidity/v1/Rule.js';
import type { Long } from '@grpc/proto-loader';

export interface RuleHistoryEntry {
  'entry_seq'?: (number | string | Long);
  'change'?: (_liquidity_v1_RuleChange | null);
  'rule'?: (_liquidity_v1_Rule | null);
}

export interface RuleHistoryEntry__Output {
  'entry_seq': (string);
  'change': (_liquidity_v1_RuleChange__Output | null);
  'rule': (_liquidity_v1_Rule__Output | null);
}
