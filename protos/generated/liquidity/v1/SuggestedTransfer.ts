// Original file: liquidity/v1/suggestions.proto


export interface SuggestedTransfer {
  'from'?: (string);
  'to'?: (string);
  'amount'?: (string);
  'currency'?: (string);
  'speed'?: (string);
  'debit_channel'?: (string);
  'credit_channel'?: (string);
  'reference'?: (string);
}

export interface SuggestedTransfer__Output {
  'from': (string);
  'to': (string);
  'amount': (string);
  'currency': (string);
  'speed': (string);
  'debit_channel': (string);
  'credit_channel': (string);
  'reference': (string);
}
