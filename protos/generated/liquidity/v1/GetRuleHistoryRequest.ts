// Original file: liquidity/v1/rules.proto

import type { Long } from '@grpc/proto-loader';

export interface GetRuleHistoryRequest {
  'rule_id'?: (string);
  'after_entry_seq'?: (number | string | Long);
  'page_size'?: (number);
}

export interface GetRuleHistoryRequest__Output {
  'rule_id': (string);
  'after_entry_seq': (string);
  'page_size': (number);
}
