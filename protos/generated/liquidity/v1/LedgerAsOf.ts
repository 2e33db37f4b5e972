// Original file: liquidity/v1/positions.proto


export interface LedgerAsOf {
  'account_id'?: (string);
  'date'?: (string);
  'ledger'?: (string);
  'booked_after'?: (string);
}

export interface LedgerAsOf__Output {
  'account_id': (string);
  'date': (string);
  'ledger': (string);
  'booked_after': (string);
}
