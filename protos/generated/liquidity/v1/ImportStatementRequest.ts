// Original file: liquidity/v1/statements.proto


export interface ImportStatementRequest {
  'content'?: (Buffer | Uint8Array | string);
  'format'?: (string);
  'csv_mapping_json'?: (string);
  'account_id'?: (string);
}

export interface ImportStatementRequest__Output {
  'content': (Buffer);
  'format': (string);
  'csv_mapping_json': (string);
  'account_id': (string);
}
