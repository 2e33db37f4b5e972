// Original file: liquidity/v1/transfers.proto


export interface ResolveTransferRequest {
  'transfer_id'?: (string);
  'request_id'?: (string);
  'outcome'?: (string);
  'evidence'?: (string);
}

export interface ResolveTransferRequest__Output {
  'transfer_id': (string);
  'request_id': (string);
  'outcome': (string);
  'evidence': (string);
}
