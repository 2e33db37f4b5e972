// Original file: liquidity/v1/positions.proto

import type { AccountKey as _liquidity_v1_AccountKey, AccountKey__Output as _liquidity_v1_AccountKey__Output } from '../../liquidity/v1/AccountKey.js';
import type { Long } from '@grpc/proto-loader';

export interface GetAccountHistoryRequest {
  'account'?: (_liquidity_v1_AccountKey | null);
  'after_entry_seq'?: (number | string | Long);
  'page_size'?: (number);
}

export interface GetAccountHistoryRequest__Output {
  'account': (_liquidity_v1_AccountKey__Output | null);
  'after_entry_seq': (string);
  'page_size': (number);
}
