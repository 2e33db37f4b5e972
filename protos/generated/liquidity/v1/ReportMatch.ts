// Original file: liquidity/v1/reconciliation.proto


export interface ReportMatch {
  'rule'?: (string);
  'lines'?: (number)[];
  'records'?: (string)[];
  'day_shift'?: (number);
}

export interface ReportMatch__Output {
  'rule': (string);
  'lines': (number)[];
  'records': (string)[];
  'day_shift': (number);
}
