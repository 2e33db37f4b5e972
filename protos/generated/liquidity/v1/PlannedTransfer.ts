// Original file: liquidity/v1/rules.proto

import type { ConsideredChannel as _liquidity_v1_ConsideredChannel, ConsideredChannel__Output as _liquidity_v1_ConsideredChannel__Output } from '../../liquidity/v1/ConsideredChannel.js';
import type { Long } from '@grpc/proto-loader';

export interface PlannedTransfer {
  'kind'?: (string);
  'from'?: (string);
  'to'?: (string);
  'amount'?: (string);
  'speed'?: (string);
  'debit_channel'?: (string);
  'credit_channel'?: (string);
  'fee'?: (string);
  'execute_at_ms'?: (number | string | Long);
  'channels'?: (_liquidity_v1_ConsideredChannel)[];
}

export interface PlannedTransfer__Output {
  'kind': (string);
  'from': (string);
  'to': (string);
  'amount': (string);
  'speed': (string);
  'debit_channel': (string);
  'credit_channel': (string);
  'fee': (string);
  'execute_at_ms': (string);
  'channels': (_liquidity_v1_ConsideredChannel__Output)[];
}
