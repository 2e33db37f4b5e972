// Original file: liquidity/v1/statements.proto

import type { StatedBalance as _liquidity_v1_StatedBalance, StatedBalance__Output as _liquidity_v1_StatedBalance__Output } from '../../liquidity/v1/StatedBalance.js';
import type { Long } from '@grpc/proto-loader';

export interface StatementVersion {
  'statement_id'?: (string);
  'version'?: (number);
  'digest'?: (string);
  'format'?: (string);
  'from_date'?: (string);
  'to_date'?: (string);
  'currency'?: (string);
  'line_count'?: (number | string | Long);
  'opening'?: (_liquidity_v1_StatedBalance | null);
  'closing'?: (_liquidity_v1_StatedBalance | null);
  'source'?: (string);
  'principal'?: (string);
  'imported_at_ms'?: (number | string | Long);
}

export interface StatementVersion__Output {
  'statement_id': (string);
  'version': (number);
  'digest': (string);
  'format': (string);
  'from_date': (string);
  'to_date': (string);
  'currency': (string);
  'line_count': (string);
  'opening': (_liquidity_v1_StatedBalance__Output | null);
  'closing': (_liquidity_v1_StatedBalance__Output | null);
  'source': (string);
  'principal': (string);
  'imported_at_ms': (string);
}
