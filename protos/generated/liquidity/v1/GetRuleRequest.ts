// Original file: liquidity/v1/rules.proto


export interface GetRuleRequest {
  'rule_id'?: (string);
}

export interface GetRuleRequest__Output {
  'rule_id': (string);
}
