import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ListValue as _google_protobuf_ListValue, ListValue__Output as _google_protobuf_ListValue__Output } from './google/protobuf/ListValue.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from './google/protobuf/Struct.js';
import type { Value as _google_protobuf_Value, Value__Output as _google_protobuf_Value__Output } from './google/protobuf/Value.js';
import type { ApproveSuggestionRequest as _liquidity_v1_ApproveSuggestionRequest, ApproveSuggestionRequest__Output as _liquidity_v1_ApproveSuggestionRequest__Output } from './liquidity/v1/ApproveSuggestionRequest.js';
import type { GetSuggestionRequest as _liquidity_v1_GetSuggestionRequest, GetSuggestionRequest__Output as _liquidity_v1_GetSuggestionRequest__Output } from './liquidity/v1/GetSuggestionRequest.js';
import type { ListSuggestionsRequest as _liquidity_v1_ListSuggestionsRequest, ListSuggestionsRequest__Output as _liquidity_v1_ListSuggestionsRequest__Output } from './liquidity/v1/ListSuggestionsRequest.js';
import type { ListSuggestionsResponse as _liquidity_v1_ListSuggestionsResponse, ListSuggestionsResponse__Output as _liquidity_v1_ListSuggestionsResponse__Output } from './liquidity/v1/ListSuggestionsResponse.js';
import type { RejectSuggestionRequest as _liquidity_v1_RejectSuggestionRequest, RejectSuggestionRequest__Output as _liquidity_v1_RejectSuggestionRequest__Output } from './liquidity/v1/RejectSuggestionRequest.js';
import type { SuggestedTransfer as _liquidity_v1_SuggestedTransfer, SuggestedTransfer__Output as _liquidity_v1_SuggestedTransfer__Output } from './liquidity/v1/SuggestedTransfer.js';
import type { Suggestion as _liquidity_v1_Suggestion, Suggestion__Output as _liquidity_v1_Suggestion__Output } from './liquidity/v1/Suggestion.js';
import type { SuggestionApproval as _liquidity_v1_SuggestionApproval, SuggestionApproval__Output as _liquidity_v1_SuggestionApproval__Output } from './liquidity/v1/SuggestionApproval.js';
import type { SuggestionEnding as _liquidity_v1_SuggestionEnding, SuggestionEnding__Output as _liquidity_v1_SuggestionEnding__Output } from './liquidity/v1/SuggestionEnding.js';
import type { SuggestionFailure as _liquidity_v1_SuggestionFailure, SuggestionFailure__Output as _liquidity_v1_SuggestionFailure__Output } from './liquidity/v1/SuggestionFailure.js';
import type { SuggestionResult as _liquidity_v1_SuggestionResult, SuggestionResult__Output as _liquidity_v1_SuggestionResult__Output } from './liquidity/v1/SuggestionResult.js';
import type { SuggestionUpdate as _liquidity_v1_SuggestionUpdate, SuggestionUpdate__Output as _liquidity_v1_SuggestionUpdate__Output } from './liquidity/v1/SuggestionUpdate.js';
import type { SuggestionsClient as _liquidity_v1_SuggestionsClient, SuggestionsDefinition as _liquidity_v1_SuggestionsDefinition } from './liquidity/v1/Suggestions.js';
import type { WatchSuggestionsRequest as _liquidity_v1_WatchSuggestionsRequest, WatchSuggestionsRequest__Output as _liquidity_v1_WatchSuggestionsRequest__Output } from './liquidity/v1/WatchSuggestionsRequest.js';

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
      ApproveSuggestionRequest: MessageTypeDefinition<_liquidity_v1_ApproveSuggestionRequest, _liquidity_v1_ApproveSuggestionRequest__Output>
      GetSuggestionRequest: MessageTypeDefinition<_liquidity_v1_GetSuggestionRequest, _liquidity_v1_GetSuggestionRequest__Output>
      ListSuggestionsRequest: MessageTypeDefinition<_liquidity_v1_ListSuggestionsRequest, _liquidity_v1_ListSuggestionsRequest__Output>
      ListSuggestionsResponse: MessageTypeDefinition<_liquidity_v1_ListSuggestionsResponse, _liquidity_v1_ListSuggestionsResponse__Output>
      RejectSuggestionRequest: MessageTypeDefinition<_liquidity_v1_RejectSuggestionRequest, _liquidity_v1_RejectSuggestionRequest__Output>
      SuggestedTransfer: MessageTypeDefinition<_liquidity_v1_SuggestedTransfer, _liquidity_v1_SuggestedTransfer__Output>
      Suggestion: MessageTypeDefinition<_liquidity_v1_Suggestion, _liquidity_v1_Suggestion__Output>
      SuggestionApproval: MessageTypeDefinition<_liquidity_v1_SuggestionApproval, _liquidity_v1_SuggestionApproval__Output>
      SuggestionEnding: MessageTypeDefinition<_liquidity_v1_SuggestionEnding, _liquidity_v1_SuggestionEnding__Output>
      SuggestionFailure: MessageTypeDefinition<_liquidity_v1_SuggestionFailure, _liquidity_v1_SuggestionFailure__Output>
      SuggestionResult: MessageTypeDefinition<_liquidity_v1_SuggestionResult, _liquidity_v1_SuggestionResult__Output>
      SuggestionUpdate: MessageTypeDefinition<_liquidity_v1_SuggestionUpdate, _liquidity_v1_SuggestionUpdate__Output>
      Suggestions: SubtypeConstructor<typeof grpc.Client, _liquidity_v1_SuggestionsClient> & { service: _liquidity_v1_SuggestionsDefinition }
      WatchSuggestionsRequest: MessageTypeDefinition<_liquidity_v1_WatchSuggestionsRequest, _liquidity_v1_WatchSuggestionsRequest__Output>
    }
  }
}

