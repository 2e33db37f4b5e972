// Original file: liquidity/v1/positions.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AccountView as _liquidity_v1_AccountView, AccountView__Output as _liquidity_v1_AccountView__Output } from '../../liquidity/v1/AccountView.js';
import type { CloseAccountRequest as _liquidity_v1_CloseAccountRequest, CloseAccountRequest__Output as _liquidity_v1_CloseAccountRequest__Output } from '../../liquidity/v1/CloseAccountRequest.js';
import type { CommandResult as _liquidity_v1_CommandResult, CommandResult__Output as _liquidity_v1_CommandResult__Output } from '../../liquidity/v1/CommandResult.js';
import type { FreezeRequest as _liquidity_v1_FreezeRequest, FreezeRequest__Output as _liquidity_v1_FreezeRequest__Output } from '../../liquidity/v1/FreezeRequest.js';
import type { GetAccountHistoryRequest as _liquidity_v1_GetAccountHistoryRequest, GetAccountHistoryRequest__Output as _liquidity_v1_GetAccountHistoryRequest__Output } from '../../liquidity/v1/GetAccountHistoryRequest.js';
import type { GetAccountHistoryResponse as _liquidity_v1_GetAccountHistoryResponse, GetAccountHistoryResponse__Output as _liquidity_v1_GetAccountHistoryResponse__Output } from '../../liquidity/v1/GetAccountHistoryResponse.js';
import type { GetLedgerAsOfRequest as _liquidity_v1_GetLedgerAsOfRequest, GetLedgerAsOfRequest__Output as _liquidity_v1_GetLedgerAsOfRequest__Output } from '../../liquidity/v1/GetLedgerAsOfRequest.js';
import type { GetPositionRequest as _liquidity_v1_GetPositionRequest, GetPositionRequest__Output as _liquidity_v1_GetPositionRequest__Output } from '../../liquidity/v1/GetPositionRequest.js';
import type { LedgerAsOf as _liquidity_v1_LedgerAsOf, LedgerAsOf__Output as _liquidity_v1_LedgerAsOf__Output } from '../../liquidity/v1/LedgerAsOf.js';
import type { ListPositionsRequest as _liquidity_v1_ListPositionsRequest, ListPositionsRequest__Output as _liquidity_v1_ListPositionsRequest__Output } from '../../liquidity/v1/ListPositionsRequest.js';
import type { ListPositionsResponse as _liquidity_v1_ListPositionsResponse, ListPositionsResponse__Output as _liquidity_v1_ListPositionsResponse__Output } from '../../liquidity/v1/ListPositionsResponse.js';
import type { OpenAccountRequest as _liquidity_v1_OpenAccountRequest, OpenAccountRequest__Output as _liquidity_v1_OpenAccountRequest__Output } from '../../liquidity/v1/OpenAccountRequest.js';
import type { PositionUpdate as _liquidity_v1_PositionUpdate, PositionUpdate__Output as _liquidity_v1_PositionUpdate__Output } from '../../liquidity/v1/PositionUpdate.js';
import type { RecordEntryRequest as _liquidity_v1_RecordEntryRequest, RecordEntryRequest__Output as _liquidity_v1_RecordEntryRequest__Output } from '../../liquidity/v1/RecordEntryRequest.js';
import type { SyncStatementRequest as _liquidity_v1_SyncStatementRequest, SyncStatementRequest__Output as _liquidity_v1_SyncStatementRequest__Output } from '../../liquidity/v1/SyncStatementRequest.js';
import type { UnfreezeRequest as _liquidity_v1_UnfreezeRequest, UnfreezeRequest__Output as _liquidity_v1_UnfreezeRequest__Output } from '../../liquidity/v1/UnfreezeRequest.js';
import type { WatchPositionsRequest as _liquidity_v1_WatchPositionsRequest, WatchPositionsRequest__Output as _liquidity_v1_WatchPositionsRequest__Output } from '../../liquidity/v1/WatchPositionsRequest.js';

export interface PositionsClient extends grpc.Client {
  CloseAccount(argument: _liquidity_v1_CloseAccountRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  CloseAccount(argument: _liquidity_v1_CloseAccountRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  CloseAccount(argument: _liquidity_v1_CloseAccountRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  CloseAccount(argument: _liquidity_v1_CloseAccountRequest, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  closeAccount(argument: _liquidity_v1_CloseAccountRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  closeAccount(argument: _liquidity_v1_CloseAccountRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  closeAccount(argument: _liquidity_v1_CloseAccountRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  closeAccount(argument: _liquidity_v1_CloseAccountRequest, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  
  Freeze(argument: _liquidity_v1_FreezeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  Freeze(argument: _liquidity_v1_FreezeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  Freeze(argument: _liquidity_v1_FreezeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  Freeze(argument: _liquidity_v1_FreezeRequest, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  freeze(argument: _liquidity_v1_FreezeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  freeze(argument: _liquidity_v1_FreezeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  freeze(argument: _liquidity_v1_FreezeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  freeze(argument: _liquidity_v1_FreezeRequest, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  
  GetAccountHistory(argument: _liquidity_v1_GetAccountHistoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_GetAccountHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetAccountHistory(argument: _liquidity_v1_GetAccountHistoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_GetAccountHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetAccountHistory(argument: _liquidity_v1_GetAccountHistoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_GetAccountHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetAccountHistory(argument: _liquidity_v1_GetAccountHistoryRequest, callback: grpc.requestCallback<_liquidity_v1_GetAccountHistoryResponse__Output>): grpc.ClientUnaryCall;
  getAccountHistory(argument: _liquidity_v1_GetAccountHistoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_GetAccountHistoryResponse__Output>): grpc.ClientUnaryCall;
  getAccountHistory(argument: _liquidity_v1_GetAccountHistoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_GetAccountHistoryResponse__Output>): grpc.ClientUnaryCall;
  getAccountHistory(argument: _liquidity_v1_GetAccountHistoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_GetAccountHistoryResponse__Output>): grpc.ClientUnaryCall;
  getAccountHistory(argument: _liquidity_v1_GetAccountHistoryRequest, callback: grpc.requestCallback<_liquidity_v1_GetAccountHistoryResponse__Output>): grpc.ClientUnaryCall;
  
  GetLedgerAsOf(argument: _liquidity_v1_GetLedgerAsOfRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_LedgerAsOf__Output>): grpc.ClientUnaryCall;
  GetLedgerAsOf(argument: _liquidity_v1_GetLedgerAsOfRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_LedgerAsOf__Output>): grpc.ClientUnaryCall;
  GetLedgerAsOf(argument: _liquidity_v1_GetLedgerAsOfRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_LedgerAsOf__Output>): grpc.ClientUnaryCall;
  GetLedgerAsOf(argument: _liquidity_v1_GetLedgerAsOfRequest, callback: grpc.requestCallback<_liquidity_v1_LedgerAsOf__Output>): grpc.ClientUnaryCall;
  getLedgerAsOf(argument: _liquidity_v1_GetLedgerAsOfRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_LedgerAsOf__Output>): grpc.ClientUnaryCall;
  getLedgerAsOf(argument: _liquidity_v1_GetLedgerAsOfRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_LedgerAsOf__Output>): grpc.ClientUnaryCall;
  getLedgerAsOf(argument: _liquidity_v1_GetLedgerAsOfRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_LedgerAsOf__Output>): grpc.ClientUnaryCall;
  getLedgerAsOf(argument: _liquidity_v1_GetLedgerAsOfRequest, callback: grpc.requestCallback<_liquidity_v1_LedgerAsOf__Output>): grpc.ClientUnaryCall;
  
  GetPosition(argument: _liquidity_v1_GetPositionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_AccountView__Output>): grpc.ClientUnaryCall;
  GetPosition(argument: _liquidity_v1_GetPositionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_AccountView__Output>): grpc.ClientUnaryCall;
  GetPosition(argument: _liquidity_v1_GetPositionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_AccountView__Output>): grpc.ClientUnaryCall;
  GetPosition(argument: _liquidity_v1_GetPositionRequest, callback: grpc.requestCallback<_liquidity_v1_AccountView__Output>): grpc.ClientUnaryCall;
  getPosition(argument: _liquidity_v1_GetPositionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_AccountView__Output>): grpc.ClientUnaryCall;
  getPosition(argument: _liquidity_v1_GetPositionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_AccountView__Output>): grpc.ClientUnaryCall;
  getPosition(argument: _liquidity_v1_GetPositionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_AccountView__Output>): grpc.ClientUnaryCall;
  getPosition(argument: _liquidity_v1_GetPositionRequest, callback: grpc.requestCallback<_liquidity_v1_AccountView__Output>): grpc.ClientUnaryCall;
  
  ListPositions(argument: _liquidity_v1_ListPositionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListPositionsResponse__Output>): grpc.ClientUnaryCall;
  ListPositions(argument: _liquidity_v1_ListPositionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_ListPositionsResponse__Output>): grpc.ClientUnaryCall;
  ListPositions(argument: _liquidity_v1_ListPositionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListPositionsResponse__Output>): grpc.ClientUnaryCall;
  ListPositions(argument: _liquidity_v1_ListPositionsRequest, callback: grpc.requestCallback<_liquidity_v1_ListPositionsResponse__Output>): grpc.ClientUnaryCall;
  listPositions(argument: _liquidity_v1_ListPositionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListPositionsResponse__Output>): grpc.ClientUnaryCall;
  listPositions(argument: _liquidity_v1_ListPositionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_ListPositionsResponse__Output>): grpc.ClientUnaryCall;
  listPositions(argument: _liquidity_v1_ListPositionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListPositionsResponse__Output>): grpc.ClientUnaryCall;
  listPositions(argument: _liquidity_v1_ListPositionsRequest, callback: grpc.requestCallback<_liquidity_v1_ListPositionsResponse__Output>): grpc.ClientUnaryCall;
  
  OpenAccount(argument: _liquidity_v1_OpenAccountRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_AccountView__Output>): grpc.ClientUnaryCall;
  OpenAccount(argument: _liquidity_v1_OpenAccountRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_AccountView__Output>): grpc.ClientUnaryCall;
  OpenAccount(argument: _liquidity_v1_OpenAccountRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_AccountView__Output>): grpc.ClientUnaryCall;
  OpenAccount(argument: _liquidity_v1_OpenAccountRequest, callback: grpc.requestCallback<_liquidity_v1_AccountView__Output>): grpc.ClientUnaryCall;
  openAccount(argument: _liquidity_v1_OpenAccountRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_AccountView__Output>): grpc.ClientUnaryCall;
  openAccount(argument: _liquidity_v1_OpenAccountRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_AccountView__Output>): grpc.ClientUnaryCall;
  openAccount(argument: _liquidity_v1_OpenAccountRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_AccountView__Output>): grpc.ClientUnaryCall;
  openAccount(argument: _liquidity_v1_OpenAccountRequest, callback: grpc.requestCallback<_liquidity_v1_AccountView__Output>): grpc.ClientUnaryCall;
  
  RecordEntry(argument: _liquidity_v1_RecordEntryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  RecordEntry(argument: _liquidity_v1_RecordEntryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  RecordEntry(argument: _liquidity_v1_RecordEntryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  RecordEntry(argument: _liquidity_v1_RecordEntryRequest, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  recordEntry(argument: _liquidity_v1_RecordEntryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  recordEntry(argument: _liquidity_v1_RecordEntryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  recordEntry(argument: _liquidity_v1_RecordEntryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  recordEntry(argument: _liquidity_v1_RecordEntryRequest, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  
  SyncStatement(argument: _liquidity_v1_SyncStatementRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  SyncStatement(argument: _liquidity_v1_SyncStatementRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  SyncStatement(argument: _liquidity_v1_SyncStatementRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  SyncStatement(argument: _liquidity_v1_SyncStatementRequest, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  syncStatement(argument: _liquidity_v1_SyncStatementRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  syncStatement(argument: _liquidity_v1_SyncStatementRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  syncStatement(argument: _liquidity_v1_SyncStatementRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  syncStatement(argument: _liquidity_v1_SyncStatementRequest, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  
  Unfreeze(argument: _liquidity_v1_UnfreezeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  Unfreeze(argument: _liquidity_v1_UnfreezeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  Unfreeze(argument: _liquidity_v1_UnfreezeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  Unfreeze(argument: _liquidity_v1_UnfreezeRequest, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  unfreeze(argument: _liquidity_v1_UnfreezeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  unfreeze(argument: _liquidity_v1_UnfreezeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  unfreeze(argument: _liquidity_v1_UnfreezeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  unfreeze(argument: _liquidity_v1_UnfreezeRequest, callback: grpc.requestCallback<_liquidity_v1_CommandResult__Output>): grpc.ClientUnaryCall;
  
  WatchPositions(argument: _liquidity_v1_WatchPositionsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_liquidity_v1_PositionUpdate__Output>;
  WatchPositions(argument: _liquidity_v1_WatchPositionsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_liquidity_v1_PositionUpdate__Output>;
  watchPositions(argument: _liquidity_v1_WatchPositionsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_liquidity_v1_PositionUpdate__Output>;
  watchPositions(argument: _liquidity_v1_WatchPositionsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_liquidity_v1_PositionUpdate__Output>;
  
}

export interface PositionsHandlers extends grpc.UntypedServiceImplementation {
  CloseAccount: grpc.handleUnaryCall<_liquidity_v1_CloseAccountRequest__Output, _liquidity_v1_CommandResult>;
  
  Freeze: grpc.handleUnaryCall<_liquidity_v1_FreezeRequest__Output, _liquidity_v1_CommandResult>;
  
  GetAccountHistory: grpc.handleUnaryCall<_liquidity_v1_GetAccountHistoryRequest__Output, _liquidity_v1_GetAccountHistoryResponse>;
  
  GetLedgerAsOf: grpc.handleUnaryCall<_liquidity_v1_GetLedgerAsOfRequest__Output, _liquidity_v1_LedgerAsOf>;
  
  GetPosition: grpc.handleUnaryCall<_liquidity_v1_GetPositionRequest__Output, _liquidity_v1_AccountView>;
  
  ListPositions: grpc.handleUnaryCall<_liquidity_v1_ListPositionsRequest__Output, _liquidity_v1_ListPositionsResponse>;
  
  OpenAccount: grpc.handleUnaryCall<_liquidity_v1_OpenAccountRequest__Output, _liquidity_v1_AccountView>;
  
  RecordEntry: grpc.handleUnaryCall<_liquidity_v1_RecordEntryRequest__Output, _liquidity_v1_CommandResult>;
  
  SyncStatement: grpc.handleUnaryCall<_liquidity_v1_SyncStatementRequest__Output, _liquidity_v1_CommandResult>;
  
  Unfreeze: grpc.handleUnaryCall<_liquidity_v1_UnfreezeRequest__Output, _liquidity_v1_CommandResult>;
  
  WatchPositions: grpc.handleServerStreamingCall<_liquidity_v1_WatchPositionsRequest__Output, _liquidity_v1_PositionUpdate>;
  
}

export interface PositionsDefinition extends grpc.ServiceDefinition {
  CloseAccount: MethodDefinition<_liquidity_v1_CloseAccountRequest, _liquidity_v1_CommandResult, _liquidity_v1_CloseAccountRequest__Output, _liquidity_v1_CommandResult__Output>
  Freeze: MethodDefinition<_liquidity_v1_FreezeRequest, _liquidity_v1_CommandResult, _liquidity_v1_FreezeRequest__Output, _liquidity_v1_CommandResult__Output>
  GetAccountHistory: MethodDefinition<_liquidity_v1_GetAccountHistoryRequest, _liquidity_v1_GetAccountHistoryResponse, _liquidity_v1_GetAccountHistoryRequest__Output, _liquidity_v1_GetAccountHistoryResponse__Output>
  GetLedgerAsOf: MethodDefinition<_liquidity_v1_GetLedgerAsOfRequest, _liquidity_v1_LedgerAsOf, _liquidity_v1_GetLedgerAsOfRequest__Output, _liquidity_v1_LedgerAsOf__Output>
  GetPosition: MethodDefinition<_liquidity_v1_GetPositionRequest, _liquidity_v1_AccountView, _liquidity_v1_GetPositionRequest__Output, _liquidity_v1_AccountView__Output>
  ListPositions: MethodDefinition<_liquidity_v1_ListPositionsRequest, _liquidity_v1_ListPositionsResponse, _liquidity_v1_ListPositionsRequest__Output, _liquidity_v1_ListPositionsResponse__Output>
  OpenAccount: MethodDefinition<_liquidity_v1_OpenAccountRequest, _liquidity_v1_AccountView, _liquidity_v1_OpenAccountRequest__Output, _liquidity_v1_AccountView__Output>
  RecordEntry: MethodDefinition<_liquidity_v1_RecordEntryRequest, _liquidity_v1_CommandResult, _liquidity_v1_RecordEntryRequest__Output, _liquidity_v1_CommandResult__Output>
  SyncStatement: MethodDefinition<_liquidity_v1_SyncStatementRequest, _liquidity_v1_CommandResult, _liquidity_v1_SyncStatementRequest__Output, _liquidity_v1_CommandResult__Output>
  Unfreeze: MethodDefinition<_liquidity_v1_UnfreezeRequest, _liquidity_v1_CommandResult, _liquidity_v1_UnfreezeRequest__Output, _liquidity_v1_CommandResult__Output>
  WatchPositions: MethodDefinition<_liquidity_v1_WatchPositionsRequest, _liquidity_v1_PositionUpdate, _liquidity_v1_WatchPositionsRequest__Output, _liquidity_v1_PositionUpdate__Output>
}
