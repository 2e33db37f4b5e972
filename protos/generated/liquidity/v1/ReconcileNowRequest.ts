// Original file: liquidity/v1/reconciliation.proto


export interface ReconcileNowRequest {
  'account_id'?: (string);
  'date'?: (string);
}

export interface ReconcileNowRequest__Output {
  'account_id': (string);
  'date': (string);
}
