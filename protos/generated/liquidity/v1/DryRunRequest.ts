// Original file: liquidity/v1/rules.proto


export interface DryRunRequest {
  'rule_id'?: (string);
  'pool'?: (string);
  'currency'?: (string);
  'sweeps'?: (boolean);
}

export interface DryRunRequest__Output {
  'rule_id': (string);
  'pool': (string);
  'currency': (string);
  'sweeps': (boolean);
}
