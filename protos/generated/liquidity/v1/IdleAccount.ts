// Original file: liquidity/v1/rules.proto


export interface IdleAccount {
  'account'?: (string);
  'rule_id'?: (string);
  'note'?: (string);
}

export interface IdleAccount__Output {
  'account': (string);
  'rule_id': (string);
  'note': (string);
}
