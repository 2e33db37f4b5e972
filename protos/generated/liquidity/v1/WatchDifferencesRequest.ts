// Original file: liquidity/v1/differences.proto


export interface WatchDifferencesRequest {
  'account_id'?: (string);
  'date_from'?: (string);
  'date_to'?: (string);
  'classes'?: (string)[];
  'statuses'?: (string)[];
}

export interface WatchDifferencesRequest__Output {
  'account_id': (string);
  'date_from': (string);
  'date_to': (string);
  'classes': (string)[];
  'statuses': (string)[];
}
