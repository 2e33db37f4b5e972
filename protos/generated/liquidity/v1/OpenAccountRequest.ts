// Original file: liquidity/v1/positions.proto

import type { AccountKey as _liquidity_v1_AccountKey, AccountKey__Output as _liquidity_v1_AccountKey__Output } from '../../liquidity/v1/AccountKey.js';

export interface OpenAccountRequest {
  'account'?: (_liquidity_v1_AccountKey | null);
  'currency'?: (string);
  'pool'?: (string);
  'overdraft_limit'?: (string);
  'count_in_transit_credit'?: (boolean);
  'request_id'?: (string);
  '_count_in_transit_credit'?: "count_in_transit_credit";
}

export interface OpenAccountRequest__Output {
  'account': (_liquidity_v1_AccountKey__Output | null);
  'currency': (string);
  'pool': (string);
  'overdraft_limit': (string);
  'count_in_transit_credit'?: (boolean);
  'request_id': (string);
  '_count_in_transit_credit'?: "count_in_transit_credit";
}
