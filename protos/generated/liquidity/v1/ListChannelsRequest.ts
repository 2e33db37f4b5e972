// Original file: liquidity/v1/channels.proto


export interface ListChannelsRequest {
  'bank_code'?: (string);
}

export interface ListChannelsRequest__Output {
  'bank_code': (string);
}
