// Original file: liquidity/v1/positions.proto

import type { Position as _liquidity_v1_Position, Position__Output as _liquidity_v1_Position__Output } from '../../liquidity/v1/Position.js';
import type { Long } from '@grpc/proto-loader';

export interface CommandResult {
  'position'?: (_liquidity_v1_Position | null);
  'duplicate'?: (boolean);
  'entry_seq'?: (number | string | Long);
  'command_id'?: (string);
}

export interface CommandResult__Output {
  'position': (_liquidity_v1_Position__Output | null);
  'duplicate': (boolean);
  'entry_seq': (string);
  'command_id': (string);
}
