// Original file: liquidity/v1/transfers.proto


export interface GetTransferRequest {
  'transfer_id'?: (string);
}

export interface GetTransferRequest__Output {
  'transfer_id': (string);
}
