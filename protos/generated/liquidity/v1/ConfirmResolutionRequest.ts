// Original file: liquidity/v1/transfers.proto


export interface ConfirmResolutionRequest {
  'transfer_id'?: (string);
  'request_id'?: (string);
  'outcome'?: (string);
  'comment'?: (string);
}

export interface ConfirmResolutionRequest__Output {
  'transfer_id': (string);
  'request_id': (string);
  'outcome': (string);
  'comment': (string);
}
