// Original file: liquidity/v1/suggestions.proto


export interface WatchSuggestionsRequest {
  'statuses'?: (string)[];
  'pool'?: (string);
  'currency'?: (string);
  'rule_id'?: (string);
}

export interface WatchSuggestionsRequest__Output {
  'statuses': (string)[];
  'pool': (string);
  'currency': (string);
  'rule_id': (string);
}
