// Original file: liquidity/v1/statements.proto


export interface ListStatementsRequest {
  'account_id'?: (string);
}

export interface ListStatementsRequest__Output {
  'account_id': (string);
}
