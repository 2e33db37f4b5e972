// Original file: liquidity/v1/suggestions.proto


export interface ListSuggestionsRequest {
  'statuses'?: (string)[];
  'pool'?: (string);
  'currency'?: (string);
  'rule_id'?: (string);
  'page_size'?: (number);
  'page_token'?: (string);
}

export interface ListSuggestionsRequest__Output {
  'statuses': (string)[];
  'pool': (string);
  'currency': (string);
  'rule_id': (string);
  'page_size': (number);
  'page_token': (string);
}
