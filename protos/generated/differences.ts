import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ConfirmDifferenceResolutionRequest as _liquidity_v1_ConfirmDifferenceResolutionRequest, ConfirmDifferenceResolutionRequest__Output as _liquidity_v1_ConfirmDifferenceResolutionRequest__Output } from './liquidity/v1/ConfirmDifferenceResolutionRequest.js';
import type { Difference as _liquidity_v1_Difference, Difference__Output as _liquidity_v1_Difference__Output } from './liquidity/v1/Difference.js';
import type { DifferenceBooking as _liquidity_v1_DifferenceBooking, DifferenceBooking__Output as _liquidity_v1_DifferenceBooking__Output } from './liquidity/v1/DifferenceBooking.js';
import type { DifferenceChange as _liquidity_v1_DifferenceChange, DifferenceChange__Output as _liquidity_v1_DifferenceChange__Output } from './liquidity/v1/DifferenceChange.js';
import type { DifferenceExplanation as _liquidity_v1_DifferenceExplanation, DifferenceExplanation__Output as _liquidity_v1_DifferenceExplanation__Output } from './liquidity/v1/DifferenceExplanation.js';
import type { DifferenceHistoryEntry as _liquidity_v1_DifferenceHistoryEntry, DifferenceHistoryEntry__Output as _liquidity_v1_DifferenceHistoryEntry__Output } from './liquidity/v1/DifferenceHistoryEntry.js';
import type { DifferenceProposal as _liquidity_v1_DifferenceProposal, DifferenceProposal__Output as _liquidity_v1_DifferenceProposal__Output } from './liquidity/v1/DifferenceProposal.js';
import type { DifferenceResolution as _liquidity_v1_DifferenceResolution, DifferenceResolution__Output as _liquidity_v1_DifferenceResolution__Output } from './liquidity/v1/DifferenceResolution.js';
import type { DifferenceResult as _liquidity_v1_DifferenceResult, DifferenceResult__Output as _liquidity_v1_DifferenceResult__Output } from './liquidity/v1/DifferenceResult.js';
import type { DifferenceSummary as _liquidity_v1_DifferenceSummary, DifferenceSummary__Output as _liquidity_v1_DifferenceSummary__Output } from './liquidity/v1/DifferenceSummary.js';
import type { DifferenceTransferStep as _liquidity_v1_DifferenceTransferStep, DifferenceTransferStep__Output as _liquidity_v1_DifferenceTransferStep__Output } from './liquidity/v1/DifferenceTransferStep.js';
import type { DifferenceUpdate as _liquidity_v1_DifferenceUpdate, DifferenceUpdate__Output as _liquidity_v1_DifferenceUpdate__Output } from './liquidity/v1/DifferenceUpdate.js';
import type { DifferencesClient as _liquidity_v1_DifferencesClient, DifferencesDefinition as _liquidity_v1_DifferencesDefinition } from './liquidity/v1/Differences.js';
import type { ExplainDifferenceRequest as _liquidity_v1_ExplainDifferenceRequest, ExplainDifferenceRequest__Output as _liquidity_v1_ExplainDifferenceRequest__Output } from './liquidity/v1/ExplainDifferenceRequest.js';
import type { GetDifferenceRequest as _liquidity_v1_GetDifferenceRequest, GetDifferenceRequest__Output as _liquidity_v1_GetDifferenceRequest__Output } from './liquidity/v1/GetDifferenceRequest.js';
import type { ListDifferencesRequest as _liquidity_v1_ListDifferencesRequest, ListDifferencesRequest__Output as _liquidity_v1_ListDifferencesRequest__Output } from './liquidity/v1/ListDifferencesRequest.js';
import type { ListDifferencesResponse as _liquidity_v1_ListDifferencesResponse, ListDifferencesResponse__Output as _liquidity_v1_ListDifferencesResponse__Output } from './liquidity/v1/ListDifferencesResponse.js';
import type { RejectDifferenceResolutionRequest as _liquidity_v1_RejectDifferenceResolutionRequest, RejectDifferenceResolutionRequest__Output as _liquidity_v1_RejectDifferenceResolutionRequest__Output } from './liquidity/v1/RejectDifferenceResolutionRequest.js';
import type { ResolveDifferenceRequest as _liquidity_v1_ResolveDifferenceRequest, ResolveDifferenceRequest__Output as _liquidity_v1_ResolveDifferenceRequest__Output } from './liquidity/v1/ResolveDifferenceRequest.js';
import type { WatchDifferencesRequest as _liquidity_v1_WatchDifferencesRequest, WatchDifferencesRequest__Output as _liquidity_v1_WatchDifferencesRequest__Output } from './liquidity/v1/WatchDifferencesRequest.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  liquidity: {
    v1: {
      ConfirmDifferenceResolutionRequest: MessageTypeDefinition<_liquidity_v1_ConfirmDifferenceResolutionRequest, _liquidity_v1_ConfirmDifferenceResolutionRequest__Output>
      Difference: MessageTypeDefinition<_liquidity_v1_Difference, _liquidity_v1_Difference__Output>
      DifferenceBooking: MessageTypeDefinition<_liquidity_v1_DifferenceBooking, _liquidity_v1_DifferenceBooking__Output>
      DifferenceChange: MessageTypeDefinition<_liquidity_v1_DifferenceChange, _liquidity_v1_DifferenceChange__Output>
      DifferenceExplanation: MessageTypeDefinition<_liquidity_v1_DifferenceExplanation, _liquidity_v1_DifferenceExplanation__Output>
      DifferenceHistoryEntry: MessageTypeDefinition<_liquidity_v1_DifferenceHistoryEntry, _liquidity_v1_DifferenceHistoryEntry__Output>
      DifferenceProposal: MessageTypeDefinition<_liquidity_v1_DifferenceProposal, _liquidity_v1_DifferenceProposal__Output>
      DifferenceResolution: MessageTypeDefinition<_liquidity_v1_DifferenceResolution, _liquidity_v1_DifferenceResolution__Output>
      DifferenceResult: MessageTypeDefinition<_liquidity_v1_DifferenceResult, _liquidity_v1_DifferenceResult__Output>
      DifferenceSummary: MessageTypeDefinition<_liquidity_v1_DifferenceSummary, _liquidity_v1_DifferenceSummary__Output>
      DifferenceTransferStep: MessageTypeDefinition<_liquidity_v1_DifferenceTransferStep, _liquidity_v1_DifferenceTransferStep__Output>
      DifferenceUpdate: MessageTypeDefinition<_liquidity_v1_DifferenceUpdate, _liquidity_v1_DifferenceUpdate__Output>
      Differences: SubtypeConstructor<typeof grpc.Client, _liquidity_v1_DifferencesClient> & { service: _liquidity_v1_DifferencesDefinition }
      ExplainDifferenceRequest: MessageTypeDefinition<_liquidity_v1_ExplainDifferenceRequest, _liquidity_v1_ExplainDifferenceRequest__Output>
      GetDifferenceRequest: MessageTypeDefinition<_liquidity_v1_GetDifferenceRequest, _liquidity_v1_GetDifferenceRequest__Output>
      ListDifferencesRequest: MessageTypeDefinition<_liquidity_v1_ListDifferencesRequest, _liquidity_v1_ListDifferencesRequest__Output>
      ListDifferencesResponse: MessageTypeDefinition<_liquidity_v1_ListDifferencesResponse, _liquidity_v1_ListDifferencesResponse__Output>
      RejectDifferenceResolutionRequest: MessageTypeDefinition<_liquidity_v1_RejectDifferenceResolutionRequest, _liquidity_v1_RejectDifferenceResolutionRequest__Output>
      ResolveDifferenceRequest: MessageTypeDefinition<_liquidity_v1_ResolveDifferenceRequest, _liquidity_v1_ResolveDifferenceRequest__Output>
      WatchDifferencesRequest: MessageTypeDefinition<_liquidity_v1_WatchDifferencesRequest, _liquidity_v1_WatchDifferencesRequest__Output>
    }
  }
}

