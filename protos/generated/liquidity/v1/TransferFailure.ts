// Original file: liquidity/v1/transfers.proto


export interface TransferFailure {
  'code'?: (string);
  'message'?: (string);
}

export interface TransferFailure__Output {
  'code': (string);
  'message': (string);
}
