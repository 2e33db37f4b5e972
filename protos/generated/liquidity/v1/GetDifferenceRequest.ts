// Original file: liquidity/v1/differences.proto


export interface GetDifferenceRequest {
  'difference_id'?: (string);
  'account_id'?: (string);
  'date'?: (string);
}

export interface GetDifferenceRequest__Output {
  'difference_id': (string);
  'account_id': (string);
  'date': (string);
}
