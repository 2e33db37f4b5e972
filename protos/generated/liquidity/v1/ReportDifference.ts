// Original file: liquidity/v1/reconciliation.proto


export interface ReportDifference {
  'difference_id'?: (string);
  'class'?: (string);
  'lines'?: (number)[];
  'records'?: (string)[];
  'amount'?: (string);
  'detail'?: (string);
  'status'?: (string);
}

export interface ReportDifference__Output {
  'difference_id': (string);
  'class': (string);
  'lines': (number)[];
  'records': (string)[];
  'amount': (string);
  'detail': (string);
  'status': (string);
}
