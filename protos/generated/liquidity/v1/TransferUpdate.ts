// Original file: liquidity/v1/transfers.proto

import type { TransferSummary as _liquidity_v1_TransferSummary, TransferSummary__Output as _liquidity_v1_TransferSummary__Output } from '../../liquidity/v1/TransferSummary.js';

export interface TransferUpdate {
  'transfer'?: (_liquidity_v1_TransferSummary | null);
  'cause'?: (string);
}

export interface TransferUpdate__Output {
  'transfer': (_liquidity_v1_TransferSummary__Output | null);
  'cause': (string);
}
