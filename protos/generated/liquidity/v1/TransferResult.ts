// Original file: liquidity/v1/transfers.proto

import type { Transfer as _liquidity_v1_Transfer, Transfer__Output as _liquidity_v1_Transfer__Output } from '../../liquidity/v1/Transfer.js';
import type { TransferRoute as _liquidity_v1_TransferRoute, TransferRoute__Output as _liquidity_v1_TransferRoute__Output } from '../../liquidity/v1/TransferRoute.js';

export interface TransferResult {
  'transfer'?: (_liquidity_v1_Transfer | null);
  'duplicate'?: (boolean);
  'validated'?: (boolean);
  'route'?: (_liquidity_v1_TransferRoute | null);
}

export interface TransferResult__Output {
  'transfer': (_liquidity_v1_Transfer__Output | null);
  'duplicate': (boolean);
  'validated': (boolean);
  'route': (_liquidity_v1_TransferRoute__Output | null);
}
