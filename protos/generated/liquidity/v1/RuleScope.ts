// Original file: liquidity/v1/rules.proto


export interface RuleScope {
  'account'?: (string);
  'pool'?: (string);
  'currency'?: (string);
}

export interface RuleScope__Output {
  'account': (string);
  'pool': (string);
  'currency': (string);
}
