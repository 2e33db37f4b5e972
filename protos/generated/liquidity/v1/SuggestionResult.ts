// Original file: liquidity/v1/suggestions.proto

import type { Suggestion as _liquidity_v1_Suggestion, Suggestion__Output as _liquidity_v1_Suggestion__Output } from '../../liquidity/v1/Suggestion.js';

export interface SuggestionResult {
  'suggestion'?: (_liquidity_v1_Suggestion | null);
  'duplicate'?: (boolean);
}

export interface SuggestionResult__Output {
  'suggestion': (_liquidity_v1_Suggestion__Output | null);
  'duplicate': (boolean);
}
