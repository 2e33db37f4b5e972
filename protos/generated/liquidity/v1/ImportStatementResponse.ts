// Original file: liquidity/v1/statements.proto

import type { ImportedStatement as _liquidity_v1_ImportedStatement, ImportedStatement__Output as _liquidity_v1_ImportedStatement__Output } from '../../liquidity/v1/ImportedStatement.js';

export interface ImportStatementResponse {
  'statements'?: (_liquidity_v1_ImportedStatement)[];
}

export interface ImportStatementResponse__Output {
  'statements': (_liquidity_v1_ImportedStatement__Output)[];
}
