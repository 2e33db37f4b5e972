import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ImportStatementRequest as _liquidity_v1_ImportStatementRequest, ImportStatementRequest__Output as _liquidity_v1_ImportStatementRequest__Output } from './liquidity/v1/ImportStatementRequest.js';
import type { ImportStatementResponse as _liquidity_v1_ImportStatementResponse, ImportStatementResponse__Output as _liquidity_v1_ImportStatementResponse__Output } from './liquidity/v1/ImportStatementResponse.js';
import type { ImportedStatement as _liquidity_v1_ImportedStatement, ImportedStatement__Output as _liquidity_v1_ImportedStatement__Output } from './liquidity/v1/ImportedStatement.js';
import type { ListStatementsRequest as _liquidity_v1_ListStatementsRequest, ListStatementsRequest__Output as _liquidity_v1_ListStatementsRequest__Output } from './liquidity/v1/ListStatementsRequest.js';
import type { ListStatementsResponse as _liquidity_v1_ListStatementsResponse, ListStatementsResponse__Output as _liquidity_v1_ListStatementsResponse__Output } from './liquidity/v1/ListStatementsResponse.js';
import type { StatedBalance as _liquidity_v1_StatedBalance, StatedBalance__Output as _liquidity_v1_StatedBalance__Output } from './liquidity/v1/StatedBalance.js';
import type { StatementVersion as _liquidity_v1_StatementVersion, StatementVersion__Output as _liquidity_v1_StatementVersion__Output } from './liquidity/v1/StatementVersion.js';
import type { StatementsClient as _liquidity_v1_StatementsClient, StatementsDefinition as _liquidity_v1_StatementsDefinition } from './liquidity/v1/Statements.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  liquidity: {
    v1: {
      ImportStatementRequest: MessageTypeDefinition<_liquidity_v1_ImportStatementRequest, _liquidity_v1_ImportStatementRequest__Output>
      ImportStatementResponse: MessageTypeDefinition<_liquidity_v1_ImportStatementResponse, _liquidity_v1_ImportStatementResponse__Output>
      ImportedStatement: MessageTypeDefinition<_liquidity_v1_ImportedStatement, _liquidity_v1_ImportedStatement__Output>
      ListStatementsRequest: MessageTypeDefinition<_liquidity_v1_ListStatementsRequest, _liquidity_v1_ListStatementsRequest__Output>
      ListStatementsResponse: MessageTypeDefinition<_liquidity_v1_ListStatementsResponse, _liquidity_v1_ListStatementsResponse__Output>
      StatedBalance: MessageTypeDefinition<_liquidity_v1_StatedBalance, _liquidity_v1_StatedBalance__Output>
      StatementVersion: MessageTypeDefinition<_liquidity_v1_StatementVersion, _liquidity_v1_StatementVersion__Output>
      Statements: SubtypeConstructor<typeof grpc.Client, _liquidity_v1_StatementsClient> & { service: _liquidity_v1_StatementsDefinition }
    }
  }
}

