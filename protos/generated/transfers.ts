import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ListValue as _google_protobuf_ListValue, ListValue__Output as _google_protobuf_ListValue__Output } from './google/protobuf/ListValue.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from './google/protobuf/Struct.js';
import type { Value as _google_protobuf_Value, Value__Output as _google_protobuf_Value__Output } from './google/protobuf/Value.js';
import type { AccountKey as _liquidity_v1_AccountKey, AccountKey__Output as _liquidity_v1_AccountKey__Output } from './liquidity/v1/AccountKey.js';
import type { AccountView as _liquidity_v1_AccountView, AccountView__Output as _liquidity_v1_AccountView__Output } from './liquidity/v1/AccountView.js';
import type { ApproveTransferRequest as _liquidity_v1_ApproveTransferRequest, ApproveTransferRequest__Output as _liquidity_v1_ApproveTransferRequest__Output } from './liquidity/v1/ApproveTransferRequest.js';
import type { CancelTransferRequest as _liquidity_v1_CancelTransferRequest, CancelTransferRequest__Output as _liquidity_v1_CancelTransferRequest__Output } from './liquidity/v1/CancelTransferRequest.js';
import type { CloseAccountRequest as _liquidity_v1_CloseAccountRequest, CloseAccountRequest__Output as _liquidity_v1_CloseAccountRequest__Output } from './liquidity/v1/CloseAccountRequest.js';
import type { CommandResult as _liquidity_v1_CommandResult, CommandResult__Output as _liquidity_v1_CommandResult__Output } from './liquidity/v1/CommandResult.js';
import type { ConfirmResolutionRequest as _liquidity_v1_ConfirmResolutionRequest, ConfirmResolutionRequest__Output as _liquidity_v1_ConfirmResolutionRequest__Output } from './liquidity/v1/ConfirmResolutionRequest.js';
import type { CreateTransferRequest as _liquidity_v1_CreateTransferRequest, CreateTransferRequest__Output as _liquidity_v1_CreateTransferRequest__Output } from './liquidity/v1/CreateTransferRequest.js';
import type { FreezeRequest as _liquidity_v1_FreezeRequest, FreezeRequest__Output as _liquidity_v1_FreezeRequest__Output } from './liquidity/v1/FreezeRequest.js';
import type { GetAccountHistoryRequest as _liquidity_v1_GetAccountHistoryRequest, GetAccountHistoryRequest__Output as _liquidity_v1_GetAccountHistoryRequest__Output } from './liquidity/v1/GetAccountHistoryRequest.js';
import type { GetAccountHistoryResponse as _liquidity_v1_GetAccountHistoryResponse, GetAccountHistoryResponse__Output as _liquidity_v1_GetAccountHistoryResponse__Output } from './liquidity/v1/GetAccountHistoryResponse.js';
import type { GetLedgerAsOfRequest as _liquidity_v1_GetLedgerAsOfRequest, GetLedgerAsOfRequest__Output as _liquidity_v1_GetLedgerAsOfRequest__Output } from './liquidity/v1/GetLedgerAsOfRequest.js';
import type { GetPositionRequest as _liquidity_v1_GetPositionRequest, GetPositionRequest__Output as _liquidity_v1_GetPositionRequest__Output } from './liquidity/v1/GetPositionRequest.js';
import type { GetTransferRequest as _liquidity_v1_GetTransferRequest, GetTransferRequest__Output as _liquidity_v1_GetTransferRequest__Output } from './liquidity/v1/GetTransferRequest.js';
import type { HistoryEntry as _liquidity_v1_HistoryEntry, HistoryEntry__Output as _liquidity_v1_HistoryEntry__Output } from './liquidity/v1/HistoryEntry.js';
import type { HistoryEvent as _liquidity_v1_HistoryEvent, HistoryEvent__Output as _liquidity_v1_HistoryEvent__Output } from './liquidity/v1/HistoryEvent.js';
import type { LedgerAsOf as _liquidity_v1_LedgerAsOf, LedgerAsOf__Output as _liquidity_v1_LedgerAsOf__Output } from './liquidity/v1/LedgerAsOf.js';
import type { ListPositionsRequest as _liquidity_v1_ListPositionsRequest, ListPositionsRequest__Output as _liquidity_v1_ListPositionsRequest__Output } from './liquidity/v1/ListPositionsRequest.js';
import type { ListPositionsResponse as _liquidity_v1_ListPositionsResponse, ListPositionsResponse__Output as _liquidity_v1_ListPositionsResponse__Output } from './liquidity/v1/ListPositionsResponse.js';
import type { ListTransfersRequest as _liquidity_v1_ListTransfersRequest, ListTransfersRequest__Output as _liquidity_v1_ListTransfersRequest__Output } from './liquidity/v1/ListTransfersRequest.js';
import type { ListTransfersResponse as _liquidity_v1_ListTransfersResponse, ListTransfersResponse__Output as _liquidity_v1_ListTransfersResponse__Output } from './liquidity/v1/ListTransfersResponse.js';
import type { OpenAccountRequest as _liquidity_v1_OpenAccountRequest, OpenAccountRequest__Output as _liquidity_v1_OpenAccountRequest__Output } from './liquidity/v1/OpenAccountRequest.js';
import type { Position as _liquidity_v1_Position, Position__Output as _liquidity_v1_Position__Output } from './liquidity/v1/Position.js';
import type { PositionSummary as _liquidity_v1_PositionSummary, PositionSummary__Output as _liquidity_v1_PositionSummary__Output } from './liquidity/v1/PositionSummary.js';
import type { PositionUpdate as _liquidity_v1_PositionUpdate, PositionUpdate__Output as _liquidity_v1_PositionUpdate__Output } from './liquidity/v1/PositionUpdate.js';
import type { PositionsClient as _liquidity_v1_PositionsClient, PositionsDefinition as _liquidity_v1_PositionsDefinition } from './liquidity/v1/Positions.js';
import type { RecordEntryRequest as _liquidity_v1_RecordEntryRequest, RecordEntryRequest__Output as _liquidity_v1_RecordEntryRequest__Output } from './liquidity/v1/RecordEntryRequest.js';
import type { ResolveTransferRequest as _liquidity_v1_ResolveTransferRequest, ResolveTransferRequest__Output as _liquidity_v1_ResolveTransferRequest__Output } from './liquidity/v1/ResolveTransferRequest.js';
import type { RetryTransferRequest as _liquidity_v1_RetryTransferRequest, RetryTransferRequest__Output as _liquidity_v1_RetryTransferRequest__Output } from './liquidity/v1/RetryTransferRequest.js';
import type { RouteChannel as _liquidity_v1_RouteChannel, RouteChannel__Output as _liquidity_v1_RouteChannel__Output } from './liquidity/v1/RouteChannel.js';
import type { SyncStatementRequest as _liquidity_v1_SyncStatementRequest, SyncStatementRequest__Output as _liquidity_v1_SyncStatementRequest__Output } from './liquidity/v1/SyncStatementRequest.js';
import type { TimelineItem as _liquidity_v1_TimelineItem, TimelineItem__Output as _liquidity_v1_TimelineItem__Output } from './liquidity/v1/TimelineItem.js';
import type { Transfer as _liquidity_v1_Transfer, Transfer__Output as _liquidity_v1_Transfer__Output } from './liquidity/v1/Transfer.js';
import type { TransferFailure as _liquidity_v1_TransferFailure, TransferFailure__Output as _liquidity_v1_TransferFailure__Output } from './liquidity/v1/TransferFailure.js';
import type { TransferResolution as _liquidity_v1_TransferResolution, TransferResolution__Output as _liquidity_v1_TransferResolution__Output } from './liquidity/v1/TransferResolution.js';
import type { TransferResult as _liquidity_v1_TransferResult, TransferResult__Output as _liquidity_v1_TransferResult__Output } from './liquidity/v1/TransferResult.js';
import type { TransferRoute as _liquidity_v1_TransferRoute, TransferRoute__Output as _liquidity_v1_TransferRoute__Output } from './liquidity/v1/TransferRoute.js';
import type { TransferStep as _liquidity_v1_TransferStep, TransferStep__Output as _liquidity_v1_TransferStep__Output } from './liquidity/v1/TransferStep.js';
import type { TransferSummary as _liquidity_v1_TransferSummary, TransferSummary__Output as _liquidity_v1_TransferSummary__Output } from './liquidity/v1/TransferSummary.js';
import type { TransferUpdate as _liquidity_v1_TransferUpdate, TransferUpdate__Output as _liquidity_v1_TransferUpdate__Output } from './liquidity/v1/TransferUpdate.js';
import type { TransfersClient as _liquidity_v1_TransfersClient, TransfersDefinition as _liquidity_v1_TransfersDefinition } from './liquidity/v1/Transfers.js';
import type { UnfreezeRequest as _liquidity_v1_UnfreezeRequest, UnfreezeRequest__Output as _liquidity_v1_UnfreezeRequest__Output } from './liquidity/v1/UnfreezeRequest.js';
import type { WatchPositionsRequest as _liquidity_v1_WatchPositionsRequest, WatchPositionsRequest__Output as _liquidity_v1_WatchPositionsRequest__Output } from './liquidity/v1/WatchPositionsRequest.js';
import type { WatchTransfersRequest as _liquidity_v1_WatchTransfersRequest, WatchTransfersRequest__Output as _liquidity_v1_WatchTransfersRequest__Output } from './liquidity/v1/WatchTransfersRequest.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  google: {
    protobuf: {
      ListValue: MessageTypeDefinition<_google_protobuf_ListValue, _google_protobuf_ListValue__Output>
      NullValue: EnumTypeDefinition
      Struct: MessageTypeDefinition<_google_protobuf_Struct, _google_protobuf_Struct__Output>
      Value: MessageTypeDefinition<_google_protobuf_Value, _google_protobuf_Value__Output>
    }
  }
  liquidity: {
    v1: {
      AccountKey: MessageTypeDefinition<_liquidity_v1_AccountKey, _liquidity_v1_AccountKey__Output>
      AccountView: MessageTypeDefinition<_liquidity_v1_AccountView, _liquidity_v1_AccountView__Output>
      ApproveTransferRequest: MessageTypeDefinition<_liquidity_v1_ApproveTransferRequest, _liquidity_v1_ApproveTransferRequest__Output>
      CancelTransferRequest: MessageTypeDefinition<_liquidity_v1_CancelTransferRequest, _liquidity_v1_CancelTransferRequest__Output>
      CloseAccountRequest: MessageTypeDefinition<_liquidity_v1_CloseAccountRequest, _liquidity_v1_CloseAccountRequest__Output>
      CommandResult: MessageTypeDefinition<_liquidity_v1_CommandResult, _liquidity_v1_CommandResult__Output>
      ConfirmResolutionRequest: MessageTypeDefinition<_liquidity_v1_ConfirmResolutionRequest, _liquidity_v1_ConfirmResolutionRequest__Output>
      CreateTransferRequest: MessageTypeDefinition<_liquidity_v1_CreateTransferRequest, _liquidity_v1_CreateTransferRequest__Output>
      FreezeRequest: MessageTypeDefinition<_liquidity_v1_FreezeRequest, _liquidity_v1_FreezeRequest__Output>
      GetAccountHistoryRequest: MessageTypeDefinition<_liquidity_v1_GetAccountHistoryRequest, _liquidity_v1_GetAccountHistoryRequest__Output>
      GetAccountHistoryResponse: MessageTypeDefinition<_liquidity_v1_GetAccountHistoryResponse, _liquidity_v1_GetAccountHistoryResponse__Output>
      GetLedgerAsOfRequest: MessageTypeDefinition<_liquidity_v1_GetLedgerAsOfRequest, _liquidity_v1_GetLedgerAsOfRequest__Output>
      GetPositionRequest: MessageTypeDefinition<_liquidity_v1_GetPositionRequest, _liquidity_v1_GetPositionRequest__Output>
      GetTransferRequest: MessageTypeDefinition<_liquidity_v1_GetTransferRequest, _liquidity_v1_GetTransferRequest__Output>
      HistoryEntry: MessageTypeDefinition<_liquidity_v1_HistoryEntry, _liquidity_v1_HistoryEntry__Output>
      HistoryEvent: MessageTypeDefinition<_liquidity_v1_HistoryEvent, _liquidity_v1_HistoryEvent__Output>
      LedgerAsOf: MessageTypeDefinition<_liquidity_v1_LedgerAsOf, _liquidity_v1_LedgerAsOf__Output>
      ListPositionsRequest: MessageTypeDefinition<_liquidity_v1_ListPositionsRequest, _liquidity_v1_ListPositionsRequest__Output>
      ListPositionsResponse: MessageTypeDefinition<_liquidity_v1_ListPositionsResponse, _liquidity_v1_ListPositionsResponse__Output>
      ListTransfersRequest: MessageTypeDefinition<_liquidity_v1_ListTransfersRequest, _liquidity_v1_ListTransfersRequest__Output>
      ListTransfersResponse: MessageTypeDefinition<_liquidity_v1_ListTransfersResponse, _liquidity_v1_ListTransfersResponse__Output>
      OpenAccountRequest: MessageTypeDefinition<_liquidity_v1_OpenAccountRequest, _liquidity_v1_OpenAccountRequest__Output>
      Position: MessageTypeDefinition<_liquidity_v1_Position, _liquidity_v1_Position__Output>
      PositionSummary: MessageTypeDefinition<_liquidity_v1_PositionSummary, _liquidity_v1_PositionSummary__Output>
      PositionUpdate: MessageTypeDefinition<_liquidity_v1_PositionUpdate, _liquidity_v1_PositionUpdate__Output>
      Positions: SubtypeConstructor<typeof grpc.Client, _liquidity_v1_PositionsClient> & { service: _liquidity_v1_PositionsDefinition }
      RecordEntryRequest: MessageTypeDefinition<_liquidity_v1_RecordEntryRequest, _liquidity_v1_RecordEntryRequest__Output>
      ResolveTransferRequest: MessageTypeDefinition<_liquidity_v1_ResolveTransferRequest, _liquidity_v1_ResolveTransferRequest__Output>
      RetryTransferRequest: MessageTypeDefinition<_liquidity_v1_RetryTransferRequest, _liquidity_v1_RetryTransferRequest__Output>
      RouteChannel: MessageTypeDefinition<_liquidity_v1_RouteChannel, _liquidity_v1_RouteChannel__Output>
      SyncStatementRequest: MessageTypeDefinition<_liquidity_v1_SyncStatementRequest, _liquidity_v1_SyncStatementRequest__Output>
      TimelineItem: MessageTypeDefinition<_liquidity_v1_TimelineItem, _liquidity_v1_TimelineItem__Output>
      Transfer: MessageTypeDefinition<_liquidity_v1_Transfer, _liquidity_v1_Transfer__Output>
      TransferFailure: MessageTypeDefinition<_liquidity_v1_TransferFailure, _liquidity_v1_TransferFailure__Output>
      TransferResolution: MessageTypeDefinition<_liquidity_v1_TransferResolution, _liquidity_v1_TransferResolution__Output>
      TransferResult: MessageTypeDefinition<_liquidity_v1_TransferResult, _liquidity_v1_TransferResult__Output>
      TransferRoute: MessageTypeDefinition<_liquidity_v1_TransferRoute, _liquidity_v1_TransferRoute__Output>
      TransferStep: MessageTypeDefinition<_liquidity_v1_TransferStep, _liquidity_v1_TransferStep__Output>
      TransferSummary: MessageTypeDefinition<_liquidity_v1_TransferSummary, _liquidity_v1_TransferSummary__Output>
      TransferUpdate: MessageTypeDefinition<_liquidity_v1_TransferUpdate, _liquidity_v1_TransferUpdate__Output>
      Transfers: SubtypeConstructor<typeof grpc.Client, _liquidity_v1_TransfersClient> & { service: _liquidity_v1_TransfersDefinition }
      UnfreezeRequest: MessageTypeDefinition<_liquidity_v1_UnfreezeRequest, _liquidity_v1_UnfreezeRequest__Output>
      WatchPositionsRequest: MessageTypeDefinition<_liquidity_v1_WatchPositionsRequest, _liquidity_v1_WatchPositionsRequest__Output>
      WatchTransfersRequest: MessageTypeDefinition<_liquidity_v1_WatchTransfersRequest, _liquidity_v1_WatchTransfersRequest__Output>
    }
  }
}

