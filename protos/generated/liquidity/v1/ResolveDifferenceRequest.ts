// Original file: liquidity/v1/differences.proto


export interface ResolveDifferenceRequest {
  'difference_id'?: (string);
  'action'?: (string);
  'reason'?: (string);
  'request_id'?: (string);
  'transfer_id'?: (string);
  'step'?: (string);
  'bank_reference'?: (string);
  'account_id'?: (string);
  'date'?: (string);
}

export interface ResolveDifferenceRequest__Output {
  'difference_id': (string);
  'action': (string);
  'reason': (string);
  'request_id': (string);
  'transfer_id': (string);
  'step': (string);
  'bank_reference': (string);
  'account_id': (string);
  'date': (string);
}
