// Original file: liquidity/v1/differences.proto

import type { Difference as _liquidity_v1_Difference, Difference__Output as _liquidity_v1_Difference__Output } from '../../liquidity/v1/Difference.js';

export interface DifferenceResult {
  'difference'?: (_liquidity_v1_Difference | null);
  'duplicate'?: (boolean);
}

export interface DifferenceResult__Output {
  'difference': (_liquidity_v1_Difference__Output | null);
  'duplicate': (boolean);
}
