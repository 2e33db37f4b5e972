// Original file: liquidity/v1/differences.proto

import type { DifferenceSummary as _liquidity_v1_DifferenceSummary, DifferenceSummary__Output as _liquidity_v1_DifferenceSummary__Output } from '../../liquidity/v1/DifferenceSummary.js';

export interface ListDifferencesResponse {
  'differences'?: (_liquidity_v1_DifferenceSummary)[];
  'next_page_token'?: (string);
}

export interface ListDifferencesResponse__Output {
  'differences': (_liquidity_v1_DifferenceSummary__Output)[];
  'next_page_token': (string);
}
