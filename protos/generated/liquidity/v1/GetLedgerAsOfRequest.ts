// Original file: liquidity/v1/positions.proto

import type { AccountKey as _liquidity_v1_AccountKey, AccountKey__Output as _liquidity_v1_AccountKey__Output } from '../../liquidity/v1/AccountKey.js';

export interface GetLedgerAsOfRequest {
  'account'?: (_liquidity_v1_AccountKey | null);
  'date'?: (string);
}

export interface GetLedgerAsOfRequest__Output {
  'account': (_liquidity_v1_AccountKey__Output | null);
  'date': (string);
}
