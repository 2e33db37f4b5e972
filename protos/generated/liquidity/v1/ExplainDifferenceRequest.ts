// Original file: liquidity/v1/differences.proto


export interface ExplainDifferenceRequest {
  'difference_id'?: (string);
  'note'?: (string);
  'evidence'?: (string);
  'request_id'?: (string);
  'account_id'?: (string);
  'date'?: (string);
}

export interface ExplainDifferenceRequest__Output {
  'difference_id': (string);
  'note': (string);
  'evidence': (string);
  'request_id': (string);
  'account_id': (string);
  'date': (string);
}
