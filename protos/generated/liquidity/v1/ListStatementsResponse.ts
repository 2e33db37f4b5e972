// Original file: liquidity/v1/statements.proto

import type { StatementVersion as _liquidity_v1_StatementVersion, StatementVersion__Output as _liquidity_v1_StatementVersion__Output } from '../../liquidity/v1/StatementVersion.js';

export interface ListStatementsResponse {
  'account_id'?: (string);
  'versions'?: (_liquidity_v1_StatementVersion)[];
}

export interface ListStatementsResponse__Output {
  'account_id': (string);
  'versions': (_liquidity_v1_StatementVersion__Output)[];
}
