// Original file: liquidity/v1/channels.proto


export interface GetChannelRequest {
  'channel_id'?: (string);
}

export interface GetChannelRequest__Output {
  'channel_id': (string);
}
