// Original file: liquidity/v1/channels.proto


export interface ChannelSpeed {
  'speed'?: (string);
  'fee'?: (string);
  'cutoff'?: (string);
}

export interface ChannelSpeed__Output {
  'speed': (string);
  'fee': (string);
  'cutoff': (string);
}
