// Original file: liquidity/v1/positions.proto

import type { Position as _liquidity_v1_Position, Position__Output as _liquidity_v1_Position__Output } from '../../liquidity/v1/Position.js';
import type { Long } from '@grpc/proto-loader';

export interface PositionSummary {
  'account_id'?: (string);
  'bank_code'?: (string);
  'account_number'?: (string);
  'currency'?: (string);
  'pool'?: (string);
  'status'?: (string);
  'position'?: (_liquidity_v1_Position | null);
  'event_seq'?: (number | string | Long);
  'recorded_at_ms'?: (number | string | Long);
}

export interface PositionSummary__Output {
  'account_id': (string);
  'bank_code': (string);
  'account_number': (string);
  'currency': (string);
  'pool': (string);
  'status': (string);
  'position': (_liquidity_v1_Position__Output | null);
  'event_seq': (string);
  'recorded_at_ms': (string);
}
