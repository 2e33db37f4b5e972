// Original file: liquidity/v1/suggestions.proto

import type { Suggestion as _liquidity_v1_Suggestion, Suggestion__Output as _liquidity_v1_Suggestion__Output } from '../../liquidity/v1/Suggestion.js';

export interface ListSuggestionsResponse {
  'suggestions'?: (_liquidity_v1_Suggestion)[];
  'next_page_token'?: (string);
}

export interface ListSuggestionsResponse__Output {
  'suggestions': (_liquidity_v1_Suggestion__Output)[];
  'next_page_token': (string);
}
