// Original file: liquidity/v1/positions.proto


export interface AccountKey {
  'bank_code'?: (string);
  'account_number'?: (string);
}

export interface AccountKey__Output {
  'bank_code': (string);
  'account_number': (string);
}
