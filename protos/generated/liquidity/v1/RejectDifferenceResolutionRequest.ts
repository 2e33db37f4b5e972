// Original file: liquidity/v1/differences.proto


export interface RejectDifferenceResolutionRequest {
  'difference_id'?: (string);
  'reason'?: (string);
  'request_id'?: (string);
  'account_id'?: (string);
  'date'?: (string);
}

export interface RejectDifferenceResolutionRequest__Output {
  'difference_id': (string);
  'reason': (string);
  'request_id': (string);
  'account_id': (string);
  'date': (string);
}
