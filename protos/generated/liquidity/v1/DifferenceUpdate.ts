// Original file: liquidity/v1/differences.proto

import type { DifferenceSummary as _liquidity_v1_DifferenceSummary, DifferenceSummary__Output as _liquidity_v1_DifferenceSummary__Output } from '../../liquidity/v1/DifferenceSummary.js';

export interface DifferenceUpdate {
  'difference'?: (_liquidity_v1_DifferenceSummary | null);
  'cause'?: (string);
}

export interface DifferenceUpdate__Output {
  'difference': (_liquidity_v1_DifferenceSummary__Output | null);
  'cause': (string);
}
