// Original file: liquidity/v1/reconciliation.proto


export interface PendingLine {
  'line'?: (number);
  'direction'?: (string);
  'amount'?: (string);
  'booking_date'?: (string);
  'value_date'?: (string);
  'bank_reference'?: (string);
  'end_to_end_id'?: (string);
}

export interface PendingLine__Output {
  'line': (number);
  'direction': (string);
  'amount': (string);
  'booking_date': (string);
  'value_date': (string);
  'bank_reference': (string);
  'end_to_end_id': (string);
}
