// Original file: liquidity/v1/suggestions.proto


export interface RejectSuggestionRequest {
  'suggestion_id'?: (string);
  'reason'?: (string);
  'request_id'?: (string);
}

export interface RejectSuggestionRequest__Output {
  'suggestion_id': (string);
  'reason': (string);
  'request_id': (string);
}
