// Original file: liquidity/v1/reconciliation.proto

import type { RuleCount as _liquidity_v1_RuleCount, RuleCount__Output as _liquidity_v1_RuleCount__Output } from '../../liquidity/v1/RuleCount.js';
import type { ClassCount as _liquidity_v1_ClassCount, ClassCount__Output as _liquidity_v1_ClassCount__Output } from '../../liquidity/v1/ClassCount.js';
import type { ComparedBalance as _liquidity_v1_ComparedBalance, ComparedBalance__Output as _liquidity_v1_ComparedBalance__Output } from '../../liquidity/v1/ComparedBalance.js';
import type { Long } from '@grpc/proto-loader';

export interface ReconciliationSummary {
  'account_id'?: (string);
  'date'?: (string);
  'outcome'?: (string);
  'message'?: (string);
  'statement_id'?: (string);
  'statement_version'?: (number);
  'statement_digest'?: (string);
  'statement_format'?: (string);
  'currency'?: (string);
  'inputs_digest'?: (string);
  'run_no'?: (number);
  'lines'?: (number);
  'records'?: (number);
  'lines_matched'?: (number);
  'records_matched'?: (number);
  'pending_lines'?: (number);
  'matched'?: (_liquidity_v1_RuleCount)[];
  'differences'?: (_liquidity_v1_ClassCount)[];
  'evidence'?: (number);
  'opening'?: (_liquidity_v1_ComparedBalance | null);
  'closing'?: (_liquidity_v1_ComparedBalance | null);
  'found'?: (number);
  'updated'?: (number);
  'reopened'?: (number);
  'cleared'?: (number);
  'sum_search_cut'?: (boolean);
  'created_at_ms'?: (number | string | Long);
}

export interface ReconciliationSummary__Output {
  'account_id': (string);
  'date': (string);
  'outcome': (string);
  'message': (string);
  'statement_id': (string);
  'statement_version': (number);
  'statement_digest': (string);
  'statement_format': (string);
  'currency': (string);
  'inputs_digest': (string);
  'run_no': (number);
  'lines': (number);
  'records': (number);
  'lines_matched': (number);
  'records_matched': (number);
  'pending_lines': (number);
  'matched': (_liquidity_v1_RuleCount__Output)[];
  'differences': (_liquidity_v1_ClassCount__Output)[];
  'evidence': (number);
  'opening': (_liquidity_v1_ComparedBalance__Output | null);
  'closing': (_liquidity_v1_ComparedBalance__Output | null);
  'found': (number);
  'updated': (number);
  'reopened': (number);
  'cleared': (number);
  'sum_search_cut': (boolean);
  'created_at_ms': (string);
}
