// Original file: liquidity/v1/differences.proto


export interface ListDifferencesRequest {
  'account_id'?: (string);
  'date_from'?: (string);
  'date_to'?: (string);
  'classes'?: (string)[];
  'statuses'?: (string)[];
  'page_size'?: (number);
  'page_token'?: (string);
}

export interface ListDifferencesRequest__Output {
  'account_id': (string);
  'date_from': (string);
  'date_to': (string);
  'classes': (string)[];
  'statuses': (string)[];
  'page_size': (number);
  'page_token': (string);
}
