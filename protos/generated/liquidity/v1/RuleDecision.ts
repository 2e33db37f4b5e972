// Original file: liquidity/v1/rules.proto

import type { PlannedTransfer as _liquidity_v1_PlannedTransfer, PlannedTransfer__Output as _liquidity_v1_PlannedTransfer__Output } from '../../liquidity/v1/PlannedTransfer.js';
import type { Long } from '@grpc/proto-loader';

export interface RuleDecision {
  'rule_id'?: (string);
  'rule_version'?: (number | string | Long);
  'account'?: (string);
  'tier'?: (string);
  'mode'?: (string);
  'values'?: ({[key: string]: string});
  'expression'?: (string);
  'expression_value'?: (string);
  'need'?: (string);
  'transfers'?: (_liquidity_v1_PlannedTransfer)[];
  'shortfall'?: (string);
  'notes'?: (string)[];
  'stopped_because'?: (string);
}

export interface RuleDecision__Output {
  'rule_id': (string);
  'rule_version': (string);
  'account': (string);
  'tier': (string);
  'mode': (string);
  'values': ({[key: string]: string});
  'expression': (string);
  'expression_value': (string);
  'need': (string);
  'transfers': (_liquidity_v1_PlannedTransfer__Output)[];
  'shortfall': (string);
  'notes': (string)[];
  'stopped_because': (string);
}
