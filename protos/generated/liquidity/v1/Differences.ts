// Original file: liquidity/v1/differences.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ConfirmDifferenceResolutionRequest as _liquidity_v1_ConfirmDifferenceResolutionRequest, ConfirmDifferenceResolutionRequest__Output as _liquidity_v1_ConfirmDifferenceResolutionRequest__Output } from '../../liquidity/v1/ConfirmDifferenceResolutionRequest.js';
import type { Difference as _liquidity_v1_Difference, Difference__Output as _liquidity_v1_Difference__Output } from '../../liquidity/v1/Difference.js';
import type { DifferenceResult as _liquidity_v1_DifferenceResult, DifferenceResult__Output as _liquidity_v1_DifferenceResult__Output } from '../../liquidity/v1/DifferenceResult.js';
import type { DifferenceUpdate as _liquidity_v1_DifferenceUpdate, DifferenceUpdate__Output as _liquidity_v1_DifferenceUpdate__Output } from '../../liquidity/v1/DifferenceUpdate.js';
import type { ExplainDifferenceRequest as _liquidity_v1_ExplainDifferenceRequest, ExplainDifferenceRequest__Output as _liquidity_v1_ExplainDifferenceRequest__Output } from '../../liquidity/v1/ExplainDifferenceRequest.js';
import type { GetDifferenceRequest as _liquidity_v1_GetDifferenceRequest, GetDifferenceRequest__Output as _liquidity_v1_GetDifferenceRequest__Output } from '../../liquidity/v1/GetDifferenceRequest.js';
import type { ListDifferencesRequest as _liquidity_v1_ListDifferencesRequest, ListDifferencesRequest__Output as _liquidity_v1_ListDifferencesRequest__Output } from '../../liquidity/v1/ListDifferencesRequest.js';
import type { ListDifferencesResponse as _liquidity_v1_ListDifferencesResponse, ListDifferencesResponse__Output as _liquidity_v1_ListDifferencesResponse__Output } from '../../liquidity/v1/ListDifferencesResponse.js';
import type { RejectDifferenceResolutionRequest as _liquidity_v1_RejectDifferenceResolutionRequest, RejectDifferenceResolutionRequest__Output as _liquidity_v1_RejectDifferenceResolutionRequest__Output } from '../../liquidity/v1/RejectDifferenceResolutionRequest.js';
import type { ResolveDifferenceRequest as _liquidity_v1_ResolveDifferenceRequest, ResolveDifferenceRequest__Output as _liquidity_v1_ResolveDifferenceRequest__Output } from '../../liquidity/v1/ResolveDifferenceRequest.js';
import type { WatchDifferencesRequest as _liquidity_v1_WatchDifferencesRequest, WatchDifferencesRequest__Output as _liquidity_v1_WatchDifferencesRequest__Output } from '../../liquidity/v1/WatchDifferencesRequest.js';

export interface DifferencesClient extends grpc.Client {
  ConfirmResolution(argument: _liquidity_v1_ConfirmDifferenceResolutionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  ConfirmResolution(argument: _liquidity_v1_ConfirmDifferenceResolutionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  ConfirmResolution(argument: _liquidity_v1_ConfirmDifferenceResolutionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  ConfirmResolution(argument: _liquidity_v1_ConfirmDifferenceResolutionRequest, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  confirmResolution(argument: _liquidity_v1_ConfirmDifferenceResolutionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  confirmResolution(argument: _liquidity_v1_ConfirmDifferenceResolutionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  confirmResolution(argument: _liquidity_v1_ConfirmDifferenceResolutionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  confirmResolution(argument: _liquidity_v1_ConfirmDifferenceResolutionRequest, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  
  ExplainDifference(argument: _liquidity_v1_ExplainDifferenceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  ExplainDifference(argument: _liquidity_v1_ExplainDifferenceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  ExplainDifference(argument: _liquidity_v1_ExplainDifferenceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  ExplainDifference(argument: _liquidity_v1_ExplainDifferenceRequest, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  explainDifference(argument: _liquidity_v1_ExplainDifferenceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  explainDifference(argument: _liquidity_v1_ExplainDifferenceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  explainDifference(argument: _liquidity_v1_ExplainDifferenceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  explainDifference(argument: _liquidity_v1_ExplainDifferenceRequest, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  
  GetDifference(argument: _liquidity_v1_GetDifferenceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_Difference__Output>): grpc.ClientUnaryCall;
  GetDifference(argument: _liquidity_v1_GetDifferenceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_Difference__Output>): grpc.ClientUnaryCall;
  GetDifference(argument: _liquidity_v1_GetDifferenceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_Difference__Output>): grpc.ClientUnaryCall;
  GetDifference(argument: _liquidity_v1_GetDifferenceRequest, callback: grpc.requestCallback<_liquidity_v1_Difference__Output>): grpc.ClientUnaryCall;
  getDifference(argument: _liquidity_v1_GetDifferenceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_Difference__Output>): grpc.ClientUnaryCall;
  getDifference(argument: _liquidity_v1_GetDifferenceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_Difference__Output>): grpc.ClientUnaryCall;
  getDifference(argument: _liquidity_v1_GetDifferenceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_Difference__Output>): grpc.ClientUnaryCall;
  getDifference(argument: _liquidity_v1_GetDifferenceRequest, callback: grpc.requestCallback<_liquidity_v1_Difference__Output>): grpc.ClientUnaryCall;
  
  ListDifferences(argument: _liquidity_v1_ListDifferencesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListDifferencesResponse__Output>): grpc.ClientUnaryCall;
  ListDifferences(argument: _liquidity_v1_ListDifferencesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_ListDifferencesResponse__Output>): grpc.ClientUnaryCall;
  ListDifferences(argument: _liquidity_v1_ListDifferencesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListDifferencesResponse__Output>): grpc.ClientUnaryCall;
  ListDifferences(argument: _liquidity_v1_ListDifferencesRequest, callback: grpc.requestCallback<_liquidity_v1_ListDifferencesResponse__Output>): grpc.ClientUnaryCall;
  listDifferences(argument: _liquidity_v1_ListDifferencesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListDifferencesResponse__Output>): grpc.ClientUnaryCall;
  listDifferences(argument: _liquidity_v1_ListDifferencesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_ListDifferencesResponse__Output>): grpc.ClientUnaryCall;
  listDifferences(argument: _liquidity_v1_ListDifferencesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListDifferencesResponse__Output>): grpc.ClientUnaryCall;
  listDifferences(argument: _liquidity_v1_ListDifferencesRequest, callback: grpc.requestCallback<_liquidity_v1_ListDifferencesResponse__Output>): grpc.ClientUnaryCall;
  
  RejectResolution(argument: _liquidity_v1_RejectDifferenceResolutionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  RejectResolution(argument: _liquidity_v1_RejectDifferenceResolutionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  RejectResolution(argument: _liquidity_v1_RejectDifferenceResolutionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  RejectResolution(argument: _liquidity_v1_RejectDifferenceResolutionRequest, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  rejectResolution(argument: _liquidity_v1_RejectDifferenceResolutionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  rejectResolution(argument: _liquidity_v1_RejectDifferenceResolutionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  rejectResolution(argument: _liquidity_v1_RejectDifferenceResolutionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  rejectResolution(argument: _liquidity_v1_RejectDifferenceResolutionRequest, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  
  ResolveDifference(argument: _liquidity_v1_ResolveDifferenceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  ResolveDifference(argument: _liquidity_v1_ResolveDifferenceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  ResolveDifference(argument: _liquidity_v1_ResolveDifferenceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  ResolveDifference(argument: _liquidity_v1_ResolveDifferenceRequest, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  resolveDifference(argument: _liquidity_v1_ResolveDifferenceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  resolveDifference(argument: _liquidity_v1_ResolveDifferenceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  resolveDifference(argument: _liquidity_v1_ResolveDifferenceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  resolveDifference(argument: _liquidity_v1_ResolveDifferenceRequest, callback: grpc.requestCallback<_liquidity_v1_DifferenceResult__Output>): grpc.ClientUnaryCall;
  
  WatchDifferences(argument: _liquidity_v1_WatchDifferencesRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_liquidity_v1_DifferenceUpdate__Output>;
  WatchDifferences(argument: _liquidity_v1_WatchDifferencesRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_liquidity_v1_DifferenceUpdate__Output>;
  watchDifferences(argument: _liquidity_v1_WatchDifferencesRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_liquidity_v1_DifferenceUpdate__Output>;
  watchDifferences(argument: _liquidity_v1_WatchDifferencesRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_liquidity_v1_DifferenceUpdate__Output>;
  
}

export interface DifferencesHandlers extends grpc.UntypedServiceImplementation {
  ConfirmResolution: grpc.handleUnaryCall<_liquidity_v1_ConfirmDifferenceResolutionRequest__Output, _liquidity_v1_DifferenceResult>;
  
  ExplainDifference: grpc.handleUnaryCall<_liquidity_v1_ExplainDifferenceRequest__Output, _liquidity_v1_DifferenceResult>;
  
  GetDifference: grpc.handleUnaryCall<_liquidity_v1_GetDifferenceRequest__Output, _liquidity_v1_Difference>;
  
  ListDifferences: grpc.handleUnaryCall<_liquidity_v1_ListDifferencesRequest__Output, _liquidity_v1_ListDifferencesResponse>;
  
  RejectResolution: grpc.handleUnaryCall<_liquidity_v1_RejectDifferenceResolutionRequest__Output, _liquidity_v1_DifferenceResult>;
  
  ResolveDifference: grpc.handleUnaryCall<_liquidity_v1_ResolveDifferenceRequest__Output, _liquidity_v1_DifferenceResult>;
  
  WatchDifferences: grpc.handleServerStreamingCall<_liquidity_v1_WatchDifferencesRequest__Output, _liquidity_v1_DifferenceUpdate>;
  
}

export interface DifferencesDefinition extends grpc.ServiceDefinition {
  ConfirmResolution: MethodDefinition<_liquidity_v1_ConfirmDifferenceResolutionRequest, _liquidity_v1_DifferenceResult, _liquidity_v1_ConfirmDifferenceResolutionRequest__Output, _liquidity_v1_DifferenceResult__Output>
  ExplainDifference: MethodDefinition<_liquidity_v1_ExplainDifferenceRequest, _liquidity_v1_DifferenceResult, _liquidity_v1_ExplainDifferenceRequest__Output, _liquidity_v1_DifferenceResult__Output>
  GetDifference: MethodDefinition<_liquidity_v1_GetDifferenceRequest, _liquidity_v1_Difference, _liquidity_v1_GetDifferenceRequest__Output, _liquidity_v1_Difference__Output>
  ListDifferences: MethodDefinition<_liquidity_v1_ListDifferencesRequest, _liquidity_v1_ListDifferencesResponse, _liquidity_v1_ListDifferencesRequest__Output, _liquidity_v1_ListDifferencesResponse__Output>
  RejectResolution: MethodDefinition<_liquidity_v1_RejectDifferenceResolutionRequest, _liquidity_v1_DifferenceResult, _liquidity_v1_RejectDifferenceResolutionRequest__Output, _liquidity_v1_DifferenceResult__Output>
  ResolveDifference: MethodDefinition<_liquidity_v1_ResolveDifferenceRequest, _liquidity_v1_DifferenceResult, _liquidity_v1_ResolveDifferenceRequest__Output, _liquidity_v1_DifferenceResult__Output>
  WatchDifferences: MethodDefinition<_liquidity_v1_WatchDifferencesRequest, _liquidity_v1_DifferenceUpdate, _liquidity_v1_WatchDifferencesRequest__Output, _liquidity_v1_DifferenceUpdate__Output>
}
