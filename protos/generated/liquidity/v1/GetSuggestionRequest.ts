// Original file: liquidity/v1/suggestions.proto


export interface GetSuggestionRequest {
  'suggestion_id'?: (string);
}

export interface GetSuggestionRequest__Output {
  'suggestion_id': (string);
}
