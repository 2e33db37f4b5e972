// Original file: liquidity/v1/rules.proto


export interface ListRulesRequest {
  'pool'?: (string);
  'currency'?: (string);
  'account'?: (string);
  'mode'?: (string);
  'page_size'?: (number);
  'page_token'?: (string);
}

export interface ListRulesRequest__Output {
  'pool': (string);
  'currency': (string);
  'account': (string);
  'mode': (string);
  'page_size': (number);
  'page_token': (string);
}
