// Original file: liquidity/v1/reconciliation.proto


export interface RuleCount {
  'rule'?: (string);
  'count'?: (number);
}

export interface RuleCount__Output {
  'rule': (string);
  'count': (number);
}
