// Original file: liquidity/v1/positions.proto

import type { AccountKey as _liquidity_v1_AccountKey, AccountKey__Output as _liquidity_v1_AccountKey__Output } from '../../liquidity/v1/AccountKey.js';

export interface RecordEntryRequest {
  'account'?: (_liquidity_v1_AccountKey | null);
  'entry_id'?: (string);
  'direction'?: (string);
  'amount'?: (string);
  'currency'?: (string);
  'description'?: (string);
  'booking_date'?: (string);
}

export interface RecordEntryRequest__Output {
  'account': (_liquidity_v1_AccountKey__Output | null);
  'entry_id': (string);
  'direction': (string);
  'amount': (string);
  'currency': (string);
  'description': (string);
  'booking_date': (string);
}
