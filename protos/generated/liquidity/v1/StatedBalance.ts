// Original file: liquidity/v1/statements.proto


export interface StatedBalance {
  'amount'?: (string);
  'date'?: (string);
}

export interface StatedBalance__Output {
  'amount': (string);
  'date': (string);
}
