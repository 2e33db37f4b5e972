// Original file: liquidity/v1/transfers.proto

import type { AccountKey as _liquidity_v1_AccountKey, AccountKey__Output as _liquidity_v1_AccountKey__Output } from '../../liquidity/v1/AccountKey.js';
import type { Long } from '@grpc/proto-loader';

export interface CreateTransferRequest {
  'request_id'?: (string);
  'from'?: (_liquidity_v1_AccountKey | null);
  'to'?: (_liquidity_v1_AccountKey | null);
  'amount'?: (string);
  'currency'?: (string);
  'speed'?: (string);
  'debit_channel'?: (string);
  'credit_channel'?: (string);
  'approval_required'?: (boolean);
  'failover'?: (string);
  'reference'?: (string);
  'validate_only'?: (boolean);
  'execute_at_ms'?: (number | string | Long);
}

export interface CreateTransferRequest__Output {
  'request_id': (string);
  'from': (_liquidity_v1_AccountKey__Output | null);
  'to': (_liquidity_v1_AccountKey__Output | null);
  'amount': (string);
  'currency': (string);
  'speed': (string);
  'debit_channel': (string);
  'credit_channel': (string);
  'approval_required': (boolean);
  'failover': (string);
  'reference': (string);
  'validate_only': (boolean);
  'execute_at_ms': (string);
}
