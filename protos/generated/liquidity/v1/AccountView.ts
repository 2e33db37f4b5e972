// Original file: liquidity/v1/positions.proto

import type { Position as _liquidity_v1_Position, Position__Output as _liquidity_v1_Position__Output } from '../../liquidity/v1/Position.js';

export interface AccountView {
  'account_id'?: (string);
  'bank_code'?: (string);
  'account_number'?: (string);
  'currency'?: (string);
  'pool'?: (string);
  'status'?: (string);
  'overdraft_limit'?: (string);
  'count_in_transit_credit'?: (boolean);
  'position'?: (_liquidity_v1_Position | null);
  'active_freezes'?: (number);
  'active_reservations'?: (number);
}

export interface AccountView__Output {
  'account_id': (string);
  'bank_code': (string);
  'account_number': (string);
  'currency': (string);
  'pool': (string);
  'status': (string);
  'overdraft_limit': (string);
  'count_in_transit_credit': (boolean);
  'position': (_liquidity_v1_Position__Output | null);
  'active_freezes': (number);
  'active_reservations': (number);
}
