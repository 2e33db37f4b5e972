// Original file: liquidity/v1/rules.proto

import type { RuleView as _liquidity_v1_RuleView, RuleView__Output as _liquidity_v1_RuleView__Output } from '../../liquidity/v1/RuleView.js';

export interface ListRulesResponse {
  'rules'?: (_liquidity_v1_RuleView)[];
  'next_page_token'?: (string);
}

export interface ListRulesResponse__Output {
  'rules': (_liquidity_v1_RuleView__Output)[];
  'next_page_token': (string);
}
