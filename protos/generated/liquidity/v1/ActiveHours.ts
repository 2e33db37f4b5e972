// Original file: liquidity/v1/rules.proto


export interface ActiveHours {
  'from'?: (string);
  'to'?: (string);
  'utc_offset_minutes'?: (number);
}

export interface ActiveHours__Output {
  'from': (string);
  'to': (string);
  'utc_offset_minutes': (number);
}
