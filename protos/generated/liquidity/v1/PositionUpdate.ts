// Original file: liquidity/v1/positions.proto

import type { PositionSummary as _liquidity_v1_PositionSummary, PositionSummary__Output as _liquidity_v1_PositionSummary__Output } from '../../liquidity/v1/PositionSummary.js';

export interface PositionUpdate {
  'summary'?: (_liquidity_v1_PositionSummary | null);
  'cause'?: (string);
  'command_id'?: (string);
}

export interface PositionUpdate__Output {
  'summary': (_liquidity_v1_PositionSummary__Output | null);
  'cause': (string);
  'command_id': (string);
}
