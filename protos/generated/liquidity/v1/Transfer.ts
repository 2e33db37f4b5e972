// Original file: liquidity/v1/transfers.proto

import type { AccountKey as _liquidity_v1_AccountKey, AccountKey__Output as _liquidity_v1_AccountKey__Output } from '../../liquidity/v1/AccountKey.js';
import type { TransferStep as _liquidity_v1_TransferStep, TransferStep__Output as _liquidity_v1_TransferStep__Output } from '../../liquidity/v1/TransferStep.js';
import type { TransferFailure as _liquidity_v1_TransferFailure, TransferFailure__Output as _liquidity_v1_TransferFailure__Output } from '../../liquidity/v1/TransferFailure.js';
import type { TransferResolution as _liquidity_v1_TransferResolution, TransferResolution__Output as _liquidity_v1_TransferResolution__Output } from '../../liquidity/v1/TransferResolution.js';
import type { TimelineItem as _liquidity_v1_TimelineItem, TimelineItem__Output as _liquidity_v1_TimelineItem__Output } from '../../liquidity/v1/TimelineItem.js';
import type { Long } from '@grpc/proto-loader';

export interface Transfer {
  'transfer_id'?: (string);
  'status'?: (string);
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
  'created_by'?: (string);
  'created_at_ms'?: (number | string | Long);
  'updated_at_ms'?: (number | string | Long);
  'approved_by'?: (string);
  'step'?: (_liquidity_v1_TransferStep | null);
  'bank_references'?: ({[key: string]: string});
  'failure'?: (_liquidity_v1_TransferFailure | null);
  'resolution'?: (_liquidity_v1_TransferResolution | null);
  'debit_reservation'?: (string);
  'credit_reservation'?: (string);
  'position_tasks_pending'?: (number);
  'timeline'?: (_liquidity_v1_TimelineItem)[];
  'execute_at_ms'?: (number | string | Long);
  'pending_resolution'?: (_liquidity_v1_TransferResolution | null);
}

export interface Transfer__Output {
  'transfer_id': (string);
  'status': (string);
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
  'created_by': (string);
  'created_at_ms': (string);
  'updated_at_ms': (string);
  'approved_by': (string);
  'step': (_liquidity_v1_TransferStep__Output | null);
  'bank_references': ({[key: string]: string});
  'failure': (_liquidity_v1_TransferFailure__Output | null);
  'resolution': (_liquidity_v1_TransferResolution__Output | null);
  'debit_reservation': (string);
  'credit_reservation': (string);
  'position_tasks_pending': (number);
  'timeline': (_liquidity_v1_TimelineItem__Output)[];
  'execute_at_ms': (string);
  'pending_resolution': (_liquidity_v1_TransferResolution__Output | null);
}
