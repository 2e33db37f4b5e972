// Original file: liquidity/v1/positions.proto

import type { HistoryEntry as _liquidity_v1_HistoryEntry, HistoryEntry__Output as _liquidity_v1_HistoryEntry__Output } from '../../liquidity/v1/HistoryEntry.js';
import type { Long } from '@grpc/proto-loader';

export interface GetAccountHistoryResponse {
  'entries'?: (_liquidity_v1_HistoryEntry)[];
  'next_after_entry_seq'?: (number | string | Long);
}

export interface GetAccountHistoryResponse__Output {
  'entries': (_liquidity_v1_HistoryEntry__Output)[];
  'next_after_entry_seq': (string);
}
