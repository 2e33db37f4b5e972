// Original file: liquidity/v1/transfers.proto

import type { TransferSummary as _liquidity_v1_TransferSummary, TransferSummary__Output as _liquidity_v1_TransferSummary__Output } from '../../liquidity/v1/TransferSummary.js';

export interface ListTransfersResponse {
  'transfers'?: (_liquidity_v1_TransferSummary)[];
  'next_page_token'?: (string);
}

export interface ListTransfersResponse__Output {
  'transfers': (_liquidity_v1_TransferSummary__Output)[];
  'next_page_token': (string);
}
