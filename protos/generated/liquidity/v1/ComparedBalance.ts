// Original file: liquidity/v1/reconciliation.proto


export interface ComparedBalance {
  'stated'?: (string);
  'date'?: (string);
  'ledger'?: (string);
  'difference'?: (string);
}

export interface ComparedBalance__Output {
  'stated': (string);
  'date': (string);
  'ledger': (string);
  'difference': (string);
}
