// Original file: liquidity/v1/positions.proto

import type { AccountKey as _liquidity_v1_AccountKey, AccountKey__Output as _liquidity_v1_AccountKey__Output } from '../../liquidity/v1/AccountKey.js';

export interface FreezeRequest {
  'account'?: (_liquidity_v1_AccountKey | null);
  'freeze_id'?: (string);
  'amount'?: (string);
  'currency'?: (string);
  'reason'?: (string);
}

export interface FreezeRequest__Output {
  'account': (_liquidity_v1_AccountKey__Output | null);
  'freeze_id': (string);
  'amount': (string);
  'currency': (string);
  'reason': (string);
}
