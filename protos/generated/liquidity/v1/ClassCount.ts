// Original file: liquidity/v1/reconciliation.proto


export interface ClassCount {
  'class'?: (string);
  'count'?: (number);
}

export interface ClassCount__Output {
  'class': (string);
  'count': (number);
}
