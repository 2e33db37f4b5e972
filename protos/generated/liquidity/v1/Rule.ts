// Original file: liquidity/v1/rules.proto

import type { RuleScope as _liquidity_v1_RuleScope, RuleScope__Output as _liquidity_v1_RuleScope__Output } from '../../liquidity/v1/RuleScope.js';
import type { ActiveHours as _liquidity_v1_ActiveHours, ActiveHours__Output as _liquidity_v1_ActiveHours__Output } from '../../liquidity/v1/ActiveHours.js';
import type { Long } from '@grpc/proto-loader';

export interface Rule {
  'scope'?: (_liquidity_v1_RuleScope | null);
  'low_danger'?: (string);
  'low_warning'?: (string);
  'target'?: (string);
  'high'?: (string);
  'sources'?: (string)[];
  'amount'?: (string);
  'minimum'?: (string);
  'maximum'?: (string);
  'rounding_step'?: (string);
  'warning_speed'?: (string);
  'danger_speed'?: (string);
  'active_hours'?: (_liquidity_v1_ActiveHours | null);
  'cool_down_ms'?: (number | string | Long);
  'window_ms'?: (number | string | Long);
  'transfers_per_window_max'?: (number);
  'priority'?: (number);
  'enabled'?: (boolean);
  'mode'?: (string);
  'concentration'?: (string);
  '_cool_down_ms'?: "cool_down_ms";
  '_enabled'?: "enabled";
}

export interface Rule__Output {
  'scope': (_liquidity_v1_RuleScope__Output | null);
  'low_danger': (string);
  'low_warning': (string);
  'target': (string);
  'high': (string);
  'sources': (string)[];
  'amount': (string);
  'minimum': (string);
  'maximum': (string);
  'rounding_step': (string);
  'warning_speed': (string);
  'danger_speed': (string);
  'active_hours': (_liquidity_v1_ActiveHours__Output | null);
  'cool_down_ms'?: (string);
  'window_ms': (string);
  'transfers_per_window_max': (number);
  'priority': (number);
  'enabled'?: (boolean);
  'mode': (string);
  'concentration': (string);
  '_cool_down_ms'?: "cool_down_ms";
  '_enabled'?: "enabled";
}
