// Original file: liquidity/v1/positions.proto


export interface ListPositionsRequest {
  'bank_code'?: (string);
  'pool'?: (string);
  'currency'?: (string);
  'page_size'?: (number);
  'page_token'?: (string);
}

export interface ListPositionsRequest__Output {
  'bank_code': (string);
  'pool': (string);
  'currency': (string);
  'page_size': (number);
  'page_token': (string);
}
