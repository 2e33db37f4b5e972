// Original file: liquidity/v1/reconciliation.proto


export interface GetReportRequest {
  'account_id'?: (string);
  'date'?: (string);
  'page'?: (number);
  'page_size'?: (number);
}

export interface GetReportRequest__Output {
  'account_id': (string);
  'date': (string);
  'page': (number);
  'page_size': (number);
}
