// Original file: liquidity/v1/transfers.proto


export interface CancelTransferRequest {
  'transfer_id'?: (string);
  'request_id'?: (string);
  'reason'?: (string);
}

export interface CancelTransferRequest__Output {
  'transfer_id': (string);
  'request_id': (string);
  'reason': (string);
}
