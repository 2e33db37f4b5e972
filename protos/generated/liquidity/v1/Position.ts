// Original file: liquidity/v1/positions.proto


export interface Position {
  'ledger'?: (string);
  'frozen'?: (string);
  'in_transit_debit'?: (string);
  'in_transit_credit'?: (string);
  'available'?: (string);
}

export interface Position__Output {
  'ledger': (string);
  'frozen': (string);
  'in_transit_debit': (string);
  'in_transit_credit': (string);
  'available': (string);
}
