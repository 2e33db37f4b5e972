// Original file: liquidity/v1/channels.proto


export interface ChannelUsage {
  'day'?: (string);
  'used_today'?: (string);
  'daily_limit'?: (string);
  'remaining'?: (string);
  'debits'?: (number);
}

export interface ChannelUsage__Output {
  'day': (string);
  'used_today': (string);
  'daily_limit': (string);
  'remaining': (string);
  'debits': (number);
}
