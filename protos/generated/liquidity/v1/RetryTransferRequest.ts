// Original file: liquidity/v1/transfers.proto


export interface RetryTransferRequest {
  'transfer_id'?: (string);
  'request_id'?: (string);
  'reason'?: (string);
}

export interface RetryTransferRequest__Output {
  'transfer_id': (string);
  'request_id': (string);
  'reason': (string);
}
