// Original file: liquidity/v1/rules.proto


export interface ConsideredChannel {
  'channel_id'?: (string);
  'end'?: (string);
  'usable'?: (boolean);
  'fee'?: (string);
  'reason'?: (string);
}

export interface ConsideredChannel__Output {
  'channel_id': (string);
  'end': (string);
  'usable': (boolean);
  'fee': (string);
  'reason': (string);
}
