// Original file: liquidity/v1/rules.proto

import type { RuleDecision as _liquidity_v1_RuleDecision, RuleDecision__Output as _liquidity_v1_RuleDecision__Output } from '../../liquidity/v1/RuleDecision.js';
import type { IdleAccount as _liquidity_v1_IdleAccount, IdleAccount__Output as _liquidity_v1_IdleAccount__Output } from '../../liquidity/v1/IdleAccount.js';
import type { Long } from '@grpc/proto-loader';

export interface DryRunResponse {
  'pool'?: (string);
  'currency'?: (string);
  'at_ms'?: (number | string | Long);
  'decisions'?: (_liquidity_v1_RuleDecision)[];
  'idle'?: (_liquidity_v1_IdleAccount)[];
}

export interface DryRunResponse__Output {
  'pool': (string);
  'currency': (string);
  'at_ms': (string);
  'decisions': (_liquidity_v1_RuleDecision__Output)[];
  'idle': (_liquidity_v1_IdleAccount__Output)[];
}
