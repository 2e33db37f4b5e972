// Original file: liquidity/v1/suggestions.proto


export interface ApproveSuggestionRequest {
  'suggestion_id'?: (string);
  'comment'?: (string);
  'request_id'?: (string);
}

export interface ApproveSuggestionRequest__Output {
  'suggestion_id': (string);
  'comment': (string);
  'request_id': (string);
}
