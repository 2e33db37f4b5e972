// Original file: liquidity/v1/transfers.proto

import type { RouteChannel as _liquidity_v1_RouteChannel, RouteChannel__Output as _liquidity_v1_RouteChannel__Output } from '../../liquidity/v1/RouteChannel.js';

export interface TransferRoute {
  'debit_channel'?: (string);
  'credit_channel'?: (string);
  'fee'?: (string);
  'debit_fee'?: (string);
  'credit_fee'?: (string);
  'cutoff'?: (string);
  'considered'?: (_liquidity_v1_RouteChannel)[];
}

export interface TransferRoute__Output {
  'debit_channel': (string);
  'credit_channel': (string);
  'fee': (string);
  'debit_fee': (string);
  'credit_fee': (string);
  'cutoff': (string);
  'considered': (_liquidity_v1_RouteChannel__Output)[];
}
