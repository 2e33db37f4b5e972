// Original file: liquidity/v1/positions.proto

import type { AccountKey as _liquidity_v1_AccountKey, AccountKey__Output as _liquidity_v1_AccountKey__Output } from '../../liquidity/v1/AccountKey.js';

export interface WatchPositionsRequest {
  'accounts'?: (_liquidity_v1_AccountKey)[];
  'bank_code'?: (string);
  'pool'?: (string);
  'currency'?: (string);
}

export interface WatchPositionsRequest__Output {
  'accounts': (_liquidity_v1_AccountKey__Output)[];
  'bank_code': (string);
  'pool': (string);
  'currency': (string);
}
