// Original file: liquidity/v1/suggestions.proto

import type { Suggestion as _liquidity_v1_Suggestion, Suggestion__Output as _liquidity_v1_Suggestion__Output } from '../../liquidity/v1/Suggestion.js';

export interface SuggestionUpdate {
  'suggestion'?: (_liquidity_v1_Suggestion | null);
  'cause'?: (string);
}

export interface SuggestionUpdate__Output {
  'suggestion': (_liquidity_v1_Suggestion__Output | null);
  'cause': (string);
}
