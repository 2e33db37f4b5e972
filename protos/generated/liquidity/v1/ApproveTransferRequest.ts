// Original file: liquidity/v1/transfers.proto


export interface ApproveTransferRequest {
  'transfer_id'?: (string);
  'request_id'?: (string);
  'comment'?: (string);
}

export interface ApproveTransferRequest__Output {
  'transfer_id': (string);
  'request_id': (string);
  'comment': (string);
}
