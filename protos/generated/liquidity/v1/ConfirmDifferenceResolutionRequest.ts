// Original file: liquidity/v1/differences.proto


export interface ConfirmDifferenceResolutionRequest {
  'difference_id'?: (string);
  'comment'?: (string);
  'request_id'?: (string);
  'account_id'?: (string);
  'date'?: (string);
}

export interface ConfirmDifferenceResolutionRequest__Output {
  'difference_id': (string);
  'comment': (string);
  'request_id': (string);
  'account_id': (string);
  'date': (string);
}
