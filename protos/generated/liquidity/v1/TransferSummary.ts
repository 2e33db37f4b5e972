// Original file: liquidity/v1/transfers.proto

import type { AccountKey as _liquidity_v1_AccountKey, AccountKey__Output as _liquidity_v1_AccountKey__Output } from '../../liquidity/v1/AccountKey.js';
import type { Long } from '@grpc/proto-loader';

export interface TransferSummary {
  'transfer_id'?: (string);
  'status'?: (string);
  'from'?: (_liquidity_v1_AccountKey | null);
  'to'?: (_liquidity_v1_AccountKey | null);
  'amount'?: (string);
  'currency'?: (string);
  'speed'?: (string);
  'approval_required'?: (boolean);
  'reference'?: (string);
  'created_by'?: (string);
  'created_at_ms'?: (number | string | Long);
  'updated_at_ms'?: (number | string | Long);
  'event_seq'?: (number | string | Long);
  'execute_at_ms'?: (number | string | Long);
}

export interface TransferSummary__Output {
  'transfer_id': (string);
  'status': (string);
  'from': (_liquidity_v1_AccountKey__Output | null);
  'to': (_liquidity_v1_AccountKey__Output | null);
  'amount': (string);
  'currency': (string);
  'speed': (string);
  'approval_required': (boolean);
  'reference': (string);
  'created_by': (string);
  'created_at_ms': (string);
  'updated_at_ms': (string);
  'event_seq': (string);
  'execute_at_ms': (string);
}
