// Original file: liquidity/v1/transfers.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ApproveTransferRequest as _liquidity_v1_ApproveTransferRequest, ApproveTransferRequest__Output as _liquidity_v1_ApproveTransferRequest__Output } from '../../liquidity/v1/ApproveTransferRequest.js';
import type { CancelTransferRequest as _liquidity_v1_CancelTransferRequest, CancelTransferRequest__Output as _liquidity_v1_CancelTransferRequest__Output } from '../../liquidity/v1/CancelTransferRequest.js';
import type { ConfirmResolutionRequest as _liquidity_v1_ConfirmResolutionRequest, ConfirmResolutionRequest__Output as _liquidity_v1_ConfirmResolutionRequest__Output } from '../../liquidity/v1/ConfirmResolutionRequest.js';
import type { CreateTransferRequest as _liquidity_v1_CreateTransferRequest, CreateTransferRequest__Output as _liquidity_v1_CreateTransferRequest__Output } from '../../liquidity/v1/CreateTransferRequest.js';
import type { GetTransferRequest as _liquidity_v1_GetTransferRequest, GetTransferRequest__Output as _liquidity_v1_GetTransferRequest__Output } from '../../liquidity/v1/GetTransferRequest.js';
import type { ListTransfersRequest as _liquidity_v1_ListTransfersRequest, ListTransfersRequest__Output as _liquidity_v1_ListTransfersRequest__Output } from '../../liquidity/v1/ListTransfersRequest.js';
import type { ListTransfersResponse as _liquidity_v1_ListTransfersResponse, ListTransfersResponse__Output as _liquidity_v1_ListTransfersResponse__Output } from '../../liquidity/v1/ListTransfersResponse.js';
import type { ResolveTransferRequest as _liquidity_v1_ResolveTransferRequest, ResolveTransferRequest__Output as _liquidity_v1_ResolveTransferRequest__Output } from '../../liquidity/v1/ResolveTransferRequest.js';
import type { RetryTransferRequest as _liquidity_v1_RetryTransferRequest, RetryTransferRequest__Output as _liquidity_v1_RetryTransferRequest__Output } from '../../liquidity/v1/RetryTransferRequest.js';
import type { Transfer as _liquidity_v1_Transfer, Transfer__Output as _liquidity_v1_Transfer__Output } from '../../liquidity/v1/Transfer.js';
import type { TransferResult as _liquidity_v1_TransferResult, TransferResult__Output as _liquidity_v1_TransferResult__Output } from '../../liquidity/v1/TransferResult.js';
import type { TransferUpdate as _liquidity_v1_TransferUpdate, TransferUpdate__Output as _liquidity_v1_TransferUpdate__Output } from '../../liquidity/v1/TransferUpdate.js';
import type { WatchTransfersRequest as _liquidity_v1_WatchTransfersRequest, WatchTransfersRequest__Output as _liquidity_v1_WatchTransfersRequest__Output } from '../../liquidity/v1/WatchTransfersRequest.js';

export interface TransfersClient extends grpc.Client {
  ApproveTransfer(argument: _liquidity_v1_ApproveTransferRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  ApproveTransfer(argument: _liquidity_v1_ApproveTransferRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  ApproveTransfer(argument: _liquidity_v1_ApproveTransferRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  ApproveTransfer(argument: _liquidity_v1_ApproveTransferRequest, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  approveTransfer(argument: _liquidity_v1_ApproveTransferRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  approveTransfer(argument: _liquidity_v1_ApproveTransferRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  approveTransfer(argument: _liquidity_v1_ApproveTransferRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  approveTransfer(argument: _liquidity_v1_ApproveTransferRequest, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  
  CancelTransfer(argument: _liquidity_v1_CancelTransferRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  CancelTransfer(argument: _liquidity_v1_CancelTransferRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  CancelTransfer(argument: _liquidity_v1_CancelTransferRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  CancelTransfer(argument: _liquidity_v1_CancelTransferRequest, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  cancelTransfer(argument: _liquidity_v1_CancelTransferRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  cancelTransfer(argument: _liquidity_v1_CancelTransferRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  cancelTransfer(argument: _liquidity_v1_CancelTransferRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  cancelTransfer(argument: _liquidity_v1_CancelTransferRequest, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  
  ConfirmResolution(argument: _liquidity_v1_ConfirmResolutionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  ConfirmResolution(argument: _liquidity_v1_ConfirmResolutionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  ConfirmResolution(argument: _liquidity_v1_ConfirmResolutionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  ConfirmResolution(argument: _liquidity_v1_ConfirmResolutionRequest, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  confirmResolution(argument: _liquidity_v1_ConfirmResolutionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  confirmResolution(argument: _liquidity_v1_ConfirmResolutionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  confirmResolution(argument: _liquidity_v1_ConfirmResolutionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  confirmResolution(argument: _liquidity_v1_ConfirmResolutionRequest, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  
  CreateTransfer(argument: _liquidity_v1_CreateTransferRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  CreateTransfer(argument: _liquidity_v1_CreateTransferRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  CreateTransfer(argument: _liquidity_v1_CreateTransferRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  CreateTransfer(argument: _liquidity_v1_CreateTransferRequest, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  createTransfer(argument: _liquidity_v1_CreateTransferRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  createTransfer(argument: _liquidity_v1_CreateTransferRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  createTransfer(argument: _liquidity_v1_CreateTransferRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  createTransfer(argument: _liquidity_v1_CreateTransferRequest, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  
  GetTransfer(argument: _liquidity_v1_GetTransferRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_Transfer__Output>): grpc.ClientUnaryCall;
  GetTransfer(argument: _liquidity_v1_GetTransferRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_Transfer__Output>): grpc.ClientUnaryCall;
  GetTransfer(argument: _liquidity_v1_GetTransferRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_Transfer__Output>): grpc.ClientUnaryCall;
  GetTransfer(argument: _liquidity_v1_GetTransferRequest, callback: grpc.requestCallback<_liquidity_v1_Transfer__Output>): grpc.ClientUnaryCall;
  getTransfer(argument: _liquidity_v1_GetTransferRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_Transfer__Output>): grpc.ClientUnaryCall;
  getTransfer(argument: _liquidity_v1_GetTransferRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_Transfer__Output>): grpc.ClientUnaryCall;
  getTransfer(argument: _liquidity_v1_GetTransferRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_Transfer__Output>): grpc.ClientUnaryCall;
  getTransfer(argument: _liquidity_v1_GetTransferRequest, callback: grpc.requestCallback<_liquidity_v1_Transfer__Output>): grpc.ClientUnaryCall;
  
  ListTransfers(argument: _liquidity_v1_ListTransfersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListTransfersResponse__Output>): grpc.ClientUnaryCall;
  ListTransfers(argument: _liquidity_v1_ListTransfersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_ListTransfersResponse__Output>): grpc.ClientUnaryCall;
  ListTransfers(argument: _liquidity_v1_ListTransfersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListTransfersResponse__Output>): grpc.ClientUnaryCall;
  ListTransfers(argument: _liquidity_v1_ListTransfersRequest, callback: grpc.requestCallback<_liquidity_v1_ListTransfersResponse__Output>): grpc.ClientUnaryCall;
  listTransfers(argument: _liquidity_v1_ListTransfersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListTransfersResponse__Output>): grpc.ClientUnaryCall;
  listTransfers(argument: _liquidity_v1_ListTransfersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_ListTransfersResponse__Output>): grpc.ClientUnaryCall;
  listTransfers(argument: _liquidity_v1_ListTransfersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListTransfersResponse__Output>): grpc.ClientUnaryCall;
  listTransfers(argument: _liquidity_v1_ListTransfersRequest, callback: grpc.requestCallback<_liquidity_v1_ListTransfersResponse__Output>): grpc.ClientUnaryCall;
  
  ResolveTransfer(argument: _liquidity_v1_ResolveTransferRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  ResolveTransfer(argument: _liquidity_v1_ResolveTransferRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  ResolveTransfer(argument: _liquidity_v1_ResolveTransferRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  ResolveTransfer(argument: _liquidity_v1_ResolveTransferRequest, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  resolveTransfer(argument: _liquidity_v1_ResolveTransferRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  resolveTransfer(argument: _liquidity_v1_ResolveTransferRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  resolveTransfer(argument: _liquidity_v1_ResolveTransferRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  resolveTransfer(argument: _liquidity_v1_ResolveTransferRequest, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  
  RetryTransfer(argument: _liquidity_v1_RetryTransferRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  RetryTransfer(argument: _liquidity_v1_RetryTransferRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  RetryTransfer(argument: _liquidity_v1_RetryTransferRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  RetryTransfer(argument: _liquidity_v1_RetryTransferRequest, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  retryTransfer(argument: _liquidity_v1_RetryTransferRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  retryTransfer(argument: _liquidity_v1_RetryTransferRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  retryTransfer(argument: _liquidity_v1_RetryTransferRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  retryTransfer(argument: _liquidity_v1_RetryTransferRequest, callback: grpc.requestCallback<_liquidity_v1_TransferResult__Output>): grpc.ClientUnaryCall;
  
  WatchTransfers(argument: _liquidity_v1_WatchTransfersRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_liquidity_v1_TransferUpdate__Output>;
  WatchTransfers(argument: _liquidity_v1_WatchTransfersRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_liquidity_v1_TransferUpdate__Output>;
  watchTransfers(argument: _liquidity_v1_WatchTransfersRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_liquidity_v1_TransferUpdate__Output>;
  watchTransfers(argument: _liquidity_v1_WatchTransfersRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_liquidity_v1_TransferUpdate__Output>;
  
}

export interface TransfersHandlers extends grpc.UntypedServiceImplementation {
  ApproveTransfer: grpc.handleUnaryCall<_liquidity_v1_ApproveTransferRequest__Output, _liquidity_v1_TransferResult>;
  
  CancelTransfer: grpc.handleUnaryCall<_liquidity_v1_CancelTransferRequest__Output, _liquidity_v1_TransferResult>;
  
  ConfirmResolution: grpc.handleUnaryCall<_liquidity_v1_ConfirmResolutionRequest__Output, _liquidity_v1_TransferResult>;
  
  CreateTransfer: grpc.handleUnaryCall<_liquidity_v1_CreateTransferRequest__Output, _liquidity_v1_TransferResult>;
  
  GetTransfer: grpc.handleUnaryCall<_liquidity_v1_GetTransferRequest__Output, _liquidity_v1_Transfer>;
  
  ListTransfers: grpc.handleUnaryCall<_liquidity_v1_ListTransfersRequest__Output, _liquidity_v1_ListTransfersResponse>;
  
  ResolveTransfer: grpc.handleUnaryCall<_liquidity_v1_ResolveTransferRequest__Output, _liquidity_v1_TransferResult>;
  
  RetryTransfer: grpc.handleUnaryCall<_liquidity_v1_RetryTransferRequest__Output, _liquidity_v1_TransferResult>;
  
  WatchTransfers: grpc.handleServerStreamingCall<_liquidity_v1_WatchTransfersRequest__Output, _liquidity_v1_TransferUpdate>;
  
}

export interface TransfersDefinition extends grpc.ServiceDefinition {
  ApproveTransfer: MethodDefinition<_liquidity_v1_ApproveTransferRequest, _liquidity_v1_TransferResult, _liquidity_v1_ApproveTransferRequest__Output, _liquidity_v1_TransferResult__Output>
  CancelTransfer: MethodDefinition<_liquidity_v1_CancelTransferRequest, _liquidity_v1_TransferResult, _liquidity_v1_CancelTransferRequest__Output, _liquidity_v1_TransferResult__Output>
  ConfirmResolution: MethodDefinition<_liquidity_v1_ConfirmResolutionRequest, _liquidity_v1_TransferResult, _liquidity_v1_ConfirmResolutionRequest__Output, _liquidity_v1_TransferResult__Output>
  CreateTransfer: MethodDefinition<_liquidity_v1_CreateTransferRequest, _liquidity_v1_TransferResult, _liquidity_v1_CreateTransferRequest__Output, _liquidity_v1_TransferResult__Output>
  GetTransfer: MethodDefinition<_liquidity_v1_GetTransferRequest, _liquidity_v1_Transfer, _liquidity_v1_GetTransferRequest__Output, _liquidity_v1_Transfer__Output>
  ListTransfers: MethodDefinition<_liquidity_v1_ListTransfersRequest, _liquidity_v1_ListTransfersResponse, _liquidity_v1_ListTransfersRequest__Output, _liquidity_v1_ListTransfersResponse__Output>
  ResolveTransfer: MethodDefinition<_liquidity_v1_ResolveTransferRequest, _liquidity_v1_TransferResult, _liquidity_v1_ResolveTransferRequest__Output, _liquidity_v1_TransferResult__Output>
  RetryTransfer: MethodDefinition<_liquidity_v1_RetryTransferRequest, _liquidity_v1_TransferResult, _liquidity_v1_RetryTransferRequest__Output, _liquidity_v1_TransferResult__Output>
  WatchTransfers: MethodDefinition<_liquidity_v1_WatchTransfersRequest, _liquidity_v1_TransferUpdate, _liquidity_v1_WatchTransfersRequest__Output, _liquidity_v1_TransferUpdate__Output>
}
