// Original file: liquidity/v1/reconciliation.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetReportRequest as _liquidity_v1_GetReportRequest, GetReportRequest__Output as _liquidity_v1_GetReportRequest__Output } from '../../liquidity/v1/GetReportRequest.js';
import type { GetReportResponse as _liquidity_v1_GetReportResponse, GetReportResponse__Output as _liquidity_v1_GetReportResponse__Output } from '../../liquidity/v1/GetReportResponse.js';
import type { ReconcileNowRequest as _liquidity_v1_ReconcileNowRequest, ReconcileNowRequest__Output as _liquidity_v1_ReconcileNowRequest__Output } from '../../liquidity/v1/ReconcileNowRequest.js';
import type { ReconcileNowResponse as _liquidity_v1_ReconcileNowResponse, ReconcileNowResponse__Output as _liquidity_v1_ReconcileNowResponse__Output } from '../../liquidity/v1/ReconcileNowResponse.js';

export interface ReconciliationClient extends grpc.Client {
  GetReport(argument: _liquidity_v1_GetReportRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_GetReportResponse__Output>): grpc.ClientUnaryCall;
  GetReport(argument: _liquidity_v1_GetReportRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_GetReportResponse__Output>): grpc.ClientUnaryCall;
  GetReport(argument: _liquidity_v1_GetReportRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_GetReportResponse__Output>): grpc.ClientUnaryCall;
  GetReport(argument: _liquidity_v1_GetReportRequest, callback: grpc.requestCallback<_liquidity_v1_GetReportResponse__Output>): grpc.ClientUnaryCall;
  getReport(argument: _liquidity_v1_GetReportRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_GetReportResponse__Output>): grpc.ClientUnaryCall;
  getReport(argument: _liquidity_v1_GetReportRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_GetReportResponse__Output>): grpc.ClientUnaryCall;
  getReport(argument: _liquidity_v1_GetReportRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_GetReportResponse__Output>): grpc.ClientUnaryCall;
  getReport(argument: _liquidity_v1_GetReportRequest, callback: grpc.requestCallback<_liquidity_v1_GetReportResponse__Output>): grpc.ClientUnaryCall;
  
  ReconcileNow(argument: _liquidity_v1_ReconcileNowRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ReconcileNowResponse__Output>): grpc.ClientUnaryCall;
  ReconcileNow(argument: _liquidity_v1_ReconcileNowRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_ReconcileNowResponse__Output>): grpc.ClientUnaryCall;
  ReconcileNow(argument: _liquidity_v1_ReconcileNowRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ReconcileNowResponse__Output>): grpc.ClientUnaryCall;
  ReconcileNow(argument: _liquidity_v1_ReconcileNowRequest, callback: grpc.requestCallback<_liquidity_v1_ReconcileNowResponse__Output>): grpc.ClientUnaryCall;
  reconcileNow(argument: _liquidity_v1_ReconcileNowRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ReconcileNowResponse__Output>): grpc.ClientUnaryCall;
  reconcileNow(argument: _liquidity_v1_ReconcileNowRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_ReconcileNowResponse__Output>): grpc.ClientUnaryCall;
  reconcileNow(argument: _liquidity_v1_ReconcileNowRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ReconcileNowResponse__Output>): grpc.ClientUnaryCall;
  reconcileNow(argument: _liquidity_v1_ReconcileNowRequest, callback: grpc.requestCallback<_liquidity_v1_ReconcileNowResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface ReconciliationHandlers extends grpc.UntypedServiceImplementation {
  GetReport: grpc.handleUnaryCall<_liquidity_v1_GetReportRequest__Output, _liquidity_v1_GetReportResponse>;
  
  ReconcileNow: grpc.handleUnaryCall<_liquidity_v1_ReconcileNowRequest__Output, _liquidity_v1_ReconcileNowResponse>;
  
}

export interface ReconciliationDefinition extends grpc.ServiceDefinition {
  GetReport: MethodDefinition<_liquidity_v1_GetReportRequest, _liquidity_v1_GetReportResponse, _liquidity_v1_GetReportRequest__Output, _liquidity_v1_GetReportResponse__Output>
  ReconcileNow: MethodDefinition<_liquidity_v1_ReconcileNowRequest, _liquidity_v1_ReconcileNowResponse, _liquidity_v1_ReconcileNowRequest__Output, _liquidity_v1_ReconcileNowResponse__Output>
}
