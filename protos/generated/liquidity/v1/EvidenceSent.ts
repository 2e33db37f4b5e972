// Original file: liquidity/v1/reconciliation.proto


export interface EvidenceSent {
  'transfer_id'?: (string);
  'step'?: (string);
  'line'?: (number);
  'outcome'?: (string);
  'code'?: (string);
  'message'?: (string);
}

export interface EvidenceSent__Output {
  'transfer_id': (string);
  'step': (string);
  'line': (number);
  'outcome': (string);
  'code': (string);
  'message': (string);
}
