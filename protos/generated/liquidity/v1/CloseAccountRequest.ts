// Original file: liquidity/v1/positions.proto

import type { AccountKey as _liquidity_v1_AccountKey, AccountKey__Output as _liquidity_v1_AccountKey__Output } from '../../liquidity/v1/AccountKey.js';

export interface CloseAccountRequest {
  'account'?: (_liquidity_v1_AccountKey | null);
  'reason'?: (string);
  'request_id'?: (string);
}

export interface CloseAccountRequest__Output {
  'account': (_liquidity_v1_AccountKey__Output | null);
  'reason': (string);
  'request_id': (string);
}
