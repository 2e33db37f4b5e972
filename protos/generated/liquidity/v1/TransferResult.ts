// Original file: liquidity/v1/transfers.proto

import type { Transfer as _liquidity_v1_Transfer, Transfer__Output as _liquidity_v1_Transfer__Output } from '../../liquidity/v1/Transfer.js';

export interface TransferResult {
  'transfer'?: (_liquidity_v1_Transfer | null);
  'duplicate'?: (boolean);
  'validated'?: (boolean);
}

export interface TransferResult__Output {
  'transfer': (_liquidity_v1_Transfer__Output | null);
  'duplicate': (boolean);
  'validated': (boolean);
}
