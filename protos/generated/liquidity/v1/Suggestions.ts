// Original file: liquidity/v1/suggestions.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ApproveSuggestionRequest as _liquidity_v1_ApproveSuggestionRequest, ApproveSuggestionRequest__Output as _liquidity_v1_ApproveSuggestionRequest__Output } from '../../liquidity/v1/ApproveSuggestionRequest.js';
import type { GetSuggestionRequest as _liquidity_v1_GetSuggestionRequest, GetSuggestionRequest__Output as _liquidity_v1_GetSuggestionRequest__Output } from '../../liquidity/v1/GetSuggestionRequest.js';
import type { ListSuggestionsRequest as _liquidity_v1_ListSuggestionsRequest, ListSuggestionsRequest__Output as _liquidity_v1_ListSuggestionsRequest__Output } from '../../liquidity/v1/ListSuggestionsRequest.js';
import type { ListSuggestionsResponse as _liquidity_v1_ListSuggestionsResponse, ListSuggestionsResponse__Output as _liquidity_v1_ListSuggestionsResponse__Output } from '../../liquidity/v1/ListSuggestionsResponse.js';
import type { RejectSuggestionRequest as _liquidity_v1_RejectSuggestionRequest, RejectSuggestionRequest__Output as _liquidity_v1_RejectSuggestionRequest__Output } from '../../liquidity/v1/RejectSuggestionRequest.js';
import type { Suggestion as _liquidity_v1_Suggestion, Suggestion__Output as _liquidity_v1_Suggestion__Output } from '../../liquidity/v1/Suggestion.js';
import type { SuggestionResult as _liquidity_v1_SuggestionResult, SuggestionResult__Output as _liquidity_v1_SuggestionResult__Output } from '../../liquidity/v1/SuggestionResult.js';
import type { SuggestionUpdate as _liquidity_v1_SuggestionUpdate, SuggestionUpdate__Output as _liquidity_v1_SuggestionUpdate__Output } from '../../liquidity/v1/SuggestionUpdate.js';
import type { WatchSuggestionsRequest as _liquidity_v1_WatchSuggestionsRequest, WatchSuggestionsRequest__Output as _liquidity_v1_WatchSuggestionsRequest__Output } from '../../liquidity/v1/WatchSuggestionsRequest.js';

export interface SuggestionsClient extends grpc.Client {
  ApproveSuggestion(argument: _liquidity_v1_ApproveSuggestionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_SuggestionResult__Output>): grpc.ClientUnaryCall;
  ApproveSuggestion(argument: _liquidity_v1_ApproveSuggestionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_SuggestionResult__Output>): grpc.ClientUnaryCall;
  ApproveSuggestion(argument: _liquidity_v1_ApproveSuggestionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_SuggestionResult__Output>): grpc.ClientUnaryCall;
  ApproveSuggestion(argument: _liquidity_v1_ApproveSuggestionRequest, callback: grpc.requestCallback<_liquidity_v1_SuggestionResult__Output>): grpc.ClientUnaryCall;
  approveSuggestion(argument: _liquidity_v1_ApproveSuggestionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_SuggestionResult__Output>): grpc.ClientUnaryCall;
  approveSuggestion(argument: _liquidity_v1_ApproveSuggestionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_SuggestionResult__Output>): grpc.ClientUnaryCall;
  approveSuggestion(argument: _liquidity_v1_ApproveSuggestionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_SuggestionResult__Output>): grpc.ClientUnaryCall;
  approveSuggestion(argument: _liquidity_v1_ApproveSuggestionRequest, callback: grpc.requestCallback<_liquidity_v1_SuggestionResult__Output>): grpc.ClientUnaryCall;
  
  GetSuggestion(argument: _liquidity_v1_GetSuggestionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_Suggestion__Output>): grpc.ClientUnaryCall;
  GetSuggestion(argument: _liquidity_v1_GetSuggestionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_Suggestion__Output>): grpc.ClientUnaryCall;
  GetSuggestion(argument: _liquidity_v1_GetSuggestionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_Suggestion__Output>): grpc.ClientUnaryCall;
  GetSuggestion(argument: _liquidity_v1_GetSuggestionRequest, callback: grpc.requestCallback<_liquidity_v1_Suggestion__Output>): grpc.ClientUnaryCall;
  getSuggestion(argument: _liquidity_v1_GetSuggestionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_Suggestion__Output>): grpc.ClientUnaryCall;
  getSuggestion(argument: _liquidity_v1_GetSuggestionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_Suggestion__Output>): grpc.ClientUnaryCall;
  getSuggestion(argument: _liquidity_v1_GetSuggestionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_Suggestion__Output>): grpc.ClientUnaryCall;
  getSuggestion(argument: _liquidity_v1_GetSuggestionRequest, callback: grpc.requestCallback<_liquidity_v1_Suggestion__Output>): grpc.ClientUnaryCall;
  
  ListSuggestions(argument: _liquidity_v1_ListSuggestionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListSuggestionsResponse__Output>): grpc.ClientUnaryCall;
  ListSuggestions(argument: _liquidity_v1_ListSuggestionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_ListSuggestionsResponse__Output>): grpc.ClientUnaryCall;
  ListSuggestions(argument: _liquidity_v1_ListSuggestionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListSuggestionsResponse__Output>): grpc.ClientUnaryCall;
  ListSuggestions(argument: _liquidity_v1_ListSuggestionsRequest, callback: grpc.requestCallback<_liquidity_v1_ListSuggestionsResponse__Output>): grpc.ClientUnaryCall;
  listSuggestions(argument: _liquidity_v1_ListSuggestionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListSuggestionsResponse__Output>): grpc.ClientUnaryCall;
  listSuggestions(argument: _liquidity_v1_ListSuggestionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_ListSuggestionsResponse__Output>): grpc.ClientUnaryCall;
  listSuggestions(argument: _liquidity_v1_ListSuggestionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListSuggestionsResponse__Output>): grpc.ClientUnaryCall;
  listSuggestions(argument: _liquidity_v1_ListSuggestionsRequest, callback: grpc.requestCallback<_liquidity_v1_ListSuggestionsResponse__Output>): grpc.ClientUnaryCall;
  
  RejectSuggestion(argument: _liquidity_v1_RejectSuggestionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_SuggestionResult__Output>): grpc.ClientUnaryCall;
  RejectSuggestion(argument: _liquidity_v1_RejectSuggestionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_SuggestionResult__Output>): grpc.ClientUnaryCall;
  RejectSuggestion(argument: _liquidity_v1_RejectSuggestionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_SuggestionResult__Output>): grpc.ClientUnaryCall;
  RejectSuggestion(argument: _liquidity_v1_RejectSuggestionRequest, callback: grpc.requestCallback<_liquidity_v1_SuggestionResult__Output>): grpc.ClientUnaryCall;
  rejectSuggestion(argument: _liquidity_v1_RejectSuggestionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_SuggestionResult__Output>): grpc.ClientUnaryCall;
  rejectSuggestion(argument: _liquidity_v1_RejectSuggestionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_SuggestionResult__Output>): grpc.ClientUnaryCall;
  rejectSuggestion(argument: _liquidity_v1_RejectSuggestionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_SuggestionResult__Output>): grpc.ClientUnaryCall;
  rejectSuggestion(argument: _liquidity_v1_RejectSuggestionRequest, callback: grpc.requestCallback<_liquidity_v1_SuggestionResult__Output>): grpc.ClientUnaryCall;
  
  WatchSuggestions(argument: _liquidity_v1_WatchSuggestionsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_liquidity_v1_SuggestionUpdate__Output>;
  WatchSuggestions(argument: _liquidity_v1_WatchSuggestionsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_liquidity_v1_SuggestionUpdate__Output>;
  watchSuggestions(argument: _liquidity_v1_WatchSuggestionsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_liquidity_v1_SuggestionUpdate__Output>;
  watchSuggestions(argument: _liquidity_v1_WatchSuggestionsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_liquidity_v1_SuggestionUpdate__Output>;
  
}

export interface SuggestionsHandlers extends grpc.UntypedServiceImplementation {
  ApproveSuggestion: grpc.handleUnaryCall<_liquidity_v1_ApproveSuggestionRequest__Output, _liquidity_v1_SuggestionResult>;
  
  GetSuggestion: grpc.handleUnaryCall<_liquidity_v1_GetSuggestionRequest__Output, _liquidity_v1_Suggestion>;
  
  ListSuggestions: grpc.handleUnaryCall<_liquidity_v1_ListSuggestionsRequest__Output, _liquidity_v1_ListSuggestionsResponse>;
  
  RejectSuggestion: grpc.handleUnaryCall<_liquidity_v1_RejectSuggestionRequest__Output, _liquidity_v1_SuggestionResult>;
  
  WatchSuggestions: grpc.handleServerStreamingCall<_liquidity_v1_WatchSuggestionsRequest__Output, _liquidity_v1_SuggestionUpdate>;
  
}

export interface SuggestionsDefinition extends grpc.ServiceDefinition {
  ApproveSuggestion: MethodDefinition<_liquidity_v1_ApproveSuggestionRequest, _liquidity_v1_SuggestionResult, _liquidity_v1_ApproveSuggestionRequest__Output, _liquidity_v1_SuggestionResult__Output>
  GetSuggestion: MethodDefinition<_liquidity_v1_GetSuggestionRequest, _liquidity_v1_Suggestion, _liquidity_v1_GetSuggestionRequest__Output, _liquidity_v1_Suggestion__Output>
  ListSuggestions: MethodDefinition<_liquidity_v1_ListSuggestionsRequest, _liquidity_v1_ListSuggestionsResponse, _liquidity_v1_ListSuggestionsRequest__Output, _liquidity_v1_ListSuggestionsResponse__Output>
  RejectSuggestion: MethodDefinition<_liquidity_v1_RejectSuggestionRequest, _liquidity_v1_SuggestionResult, _liquidity_v1_RejectSuggestionRequest__Output, _liquidity_v1_SuggestionResult__Output>
  WatchSuggestions: MethodDefinition<_liquidity_v1_WatchSuggestionsRequest, _liquidity_v1_SuggestionUpdate, _liquidity_v1_WatchSuggestionsRequest__Output, _liquidity_v1_SuggestionUpdate__Output>
}
