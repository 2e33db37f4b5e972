// Original file: liquidity/v1/rules.proto

import type { RuleHistoryEntry as _liquidity_v1_RuleHistoryEntry, RuleHistoryEntry__Output as _liquidity_v1_RuleHistoryEntry__Output } from '../../liquidity/v1/RuleHistoryEntry.js';
import type { Long } from '@grpc/proto-loader';

export interface GetRuleHistoryResponse {
  'entries'?: (_liquidity_v1_RuleHistoryEntry)[];
  'next_after_entry_seq'?: (number | string | Long);
}

export interface GetRuleHistoryResponse__Output {
  'entries': (_liquidity_v1_RuleHistoryEntry__Output)[];
  'next_after_entry_seq': (string);
}
