// Original file: liquidity/v1/statements.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ImportStatementRequest as _liquidity_v1_ImportStatementRequest, ImportStatementRequest__Output as _liquidity_v1_ImportStatementRequest__Output } from '../../liquidity/v1/ImportStatementRequest.js';
import type { ImportStatementResponse as _liquidity_v1_ImportStatementResponse, ImportStatementResponse__Output as _liquidity_v1_ImportStatementResponse__Output } from '../../liquidity/v1/ImportStatementResponse.js';
import type { ListStatementsRequest as _liquidity_v1_ListStatementsRequest, ListStatementsRequest__Output as _liquidity_v1_ListStatementsRequest__Output } from '../../liquidity/v1/ListStatementsRequest.js';
import type { ListStatementsResponse as _liquidity_v1_ListStatementsResponse, ListStatementsResponse__Output as _liquidity_v1_ListStatementsResponse__Output } from '../../liquidity/v1/ListStatementsResponse.js';

export interface StatementsClient extends grpc.Client {
  ImportStatement(argument: _liquidity_v1_ImportStatementRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ImportStatementResponse__Output>): grpc.ClientUnaryCall;
  ImportStatement(argument: _liquidity_v1_ImportStatementRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_ImportStatementResponse__Output>): grpc.ClientUnaryCall;
  ImportStatement(argument: _liquidity_v1_ImportStatementRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ImportStatementResponse__Output>): grpc.ClientUnaryCall;
  ImportStatement(argument: _liquidity_v1_ImportStatementRequest, callback: grpc.requestCallback<_liquidity_v1_ImportStatementResponse__Output>): grpc.ClientUnaryCall;
  importStatement(argument: _liquidity_v1_ImportStatementRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ImportStatementResponse__Output>): grpc.ClientUnaryCall;
  importStatement(argument: _liquidity_v1_ImportStatementRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_ImportStatementResponse__Output>): grpc.ClientUnaryCall;
  importStatement(argument: _liquidity_v1_ImportStatementRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ImportStatementResponse__Output>): grpc.ClientUnaryCall;
  importStatement(argument: _liquidity_v1_ImportStatementRequest, callback: grpc.requestCallback<_liquidity_v1_ImportStatementResponse__Output>): grpc.ClientUnaryCall;
  
  ListStatements(argument: _liquidity_v1_ListStatementsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListStatementsResponse__Output>): grpc.ClientUnaryCall;
  ListStatements(argument: _liquidity_v1_ListStatementsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_ListStatementsResponse__Output>): grpc.ClientUnaryCall;
  ListStatements(argument: _liquidity_v1_ListStatementsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListStatementsResponse__Output>): grpc.ClientUnaryCall;
  ListStatements(argument: _liquidity_v1_ListStatementsRequest, callback: grpc.requestCallback<_liquidity_v1_ListStatementsResponse__Output>): grpc.ClientUnaryCall;
  listStatements(argument: _liquidity_v1_ListStatementsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListStatementsResponse__Output>): grpc.ClientUnaryCall;
  listStatements(argument: _liquidity_v1_ListStatementsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_ListStatementsResponse__Output>): grpc.ClientUnaryCall;
  listStatements(argument: _liquidity_v1_ListStatementsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListStatementsResponse__Output>): grpc.ClientUnaryCall;
  listStatements(argument: _liquidity_v1_ListStatementsRequest, callback: grpc.requestCallback<_liquidity_v1_ListStatementsResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface StatementsHandlers extends grpc.UntypedServiceImplementation {
  ImportStatement: grpc.handleUnaryCall<_liquidity_v1_ImportStatementRequest__Output, _liquidity_v1_ImportStatementResponse>;
  
  ListStatements: grpc.handleUnaryCall<_liquidity_v1_ListStatementsRequest__Output, _liquidity_v1_ListStatementsResponse>;
  
}

export interface StatementsDefinition extends grpc.ServiceDefinition {
  ImportStatement: MethodDefinition<_liquidity_v1_ImportStatementRequest, _liquidity_v1_ImportStatementResponse, _liquidity_v1_ImportStatementRequest__Output, _liquidity_v1_ImportStatementResponse__Output>
  ListStatements: MethodDefinition<_liquidity_v1_ListStatementsRequest, _liquidity_v1_ListStatementsResponse, _liquidity_v1_ListStatementsRequest__Output, _liquidity_v1_ListStatementsResponse__Output>
}
