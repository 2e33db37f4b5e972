// Original file: liquidity/v1/positions.proto

import type { PositionSummary as _liquidity_v1_PositionSummary, PositionSummary__Output as _liquidity_v1_PositionSummary__Output } from '../../liquidity/v1/PositionSummary.js';

export interface ListPositionsResponse {
  'positions'?: (_liquidity_v1_PositionSummary)[];
  'next_page_token'?: (string);
}

export interface ListPositionsResponse__Output {
  'positions': (_liquidity_v1_PositionSummary__Output)[];
  'next_page_token': (string);
}
