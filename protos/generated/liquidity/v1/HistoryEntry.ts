// Original file: liquidity/v1/positions.proto

import type { HistoryEvent as _liquidity_v1_HistoryEvent, HistoryEvent__Output as _liquidity_v1_HistoryEvent__Output } from '../../liquidity/v1/HistoryEvent.js';
import type { Long } from '@grpc/proto-loader';

export interface HistoryEntry {
  'entry_seq'?: (number | string | Long);
  'command_id'?: (string);
  'command_type'?: (string);
  'principal'?: (string);
  'recorded_at_ms'?: (number | string | Long);
  'events'?: (_liquidity_v1_HistoryEvent)[];
}

export interface HistoryEntry__Output {
  'entry_seq': (string);
  'command_id': (string);
  'command_type': (string);
  'principal': (string);
  'recorded_at_ms': (string);
  'events': (_liquidity_v1_HistoryEvent__Output)[];
}
