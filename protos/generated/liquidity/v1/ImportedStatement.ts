// Original file: liquidity/v1/statements.proto

import type { Long } from '@grpc/proto-loader';

export interface ImportedStatement {
  'account_id'?: (string);
  'statement_id'?: (string);
  'digest'?: (string);
  'version'?: (number);
  'already_imported'?: (boolean);
  'line_count'?: (number | string | Long);
  'supersedes'?: (string);
}

export interface ImportedStatement__Output {
  'account_id': (string);
  'statement_id': (string);
  'digest': (string);
  'version': (number);
  'already_imported': (boolean);
  'line_count': (string);
  'supersedes': (string);
}
