// Original file: liquidity/v1/positions.proto

import type { AccountKey as _liquidity_v1_AccountKey, AccountKey__Output as _liquidity_v1_AccountKey__Output } from '../../liquidity/v1/AccountKey.js';

export interface SyncStatementRequest {
  'account'?: (_liquidity_v1_AccountKey | null);
  'statement_id'?: (string);
  'balance'?: (string);
  'currency'?: (string);
  'as_of'?: (string);
}

export interface SyncStatementRequest__Output {
  'account': (_liquidity_v1_AccountKey__Output | null);
  'statement_id': (string);
  'balance': (string);
  'currency': (string);
  'as_of': (string);
}
