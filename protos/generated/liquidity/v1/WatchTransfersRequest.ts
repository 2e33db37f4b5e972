// Original file: liquidity/v1/transfers.proto

import type { AccountKey as _liquidity_v1_AccountKey, AccountKey__Output as _liquidity_v1_AccountKey__Output } from '../../liquidity/v1/AccountKey.js';

export interface WatchTransfersRequest {
  'transfer_ids'?: (string)[];
  'account'?: (_liquidity_v1_AccountKey | null);
  'statuses'?: (string)[];
}

export interface WatchTransfersRequest__Output {
  'transfer_ids': (string)[];
  'account': (_liquidity_v1_AccountKey__Output | null);
  'statuses': (string)[];
}
