import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ClassCount as _liquidity_v1_ClassCount, ClassCount__Output as _liquidity_v1_ClassCount__Output } from './liquidity/v1/ClassCount.js';
import type { ComparedBalance as _liquidity_v1_ComparedBalance, ComparedBalance__Output as _liquidity_v1_ComparedBalance__Output } from './liquidity/v1/ComparedBalance.js';
import type { EvidenceSent as _liquidity_v1_EvidenceSent, EvidenceSent__Output as _liquidity_v1_EvidenceSent__Output } from './liquidity/v1/EvidenceSent.js';
import type { GetReportRequest as _liquidity_v1_GetReportRequest, GetReportRequest__Output as _liquidity_v1_GetReportRequest__Output } from './liquidity/v1/GetReportRequest.js';
import type { GetReportResponse as _liquidity_v1_GetReportResponse, GetReportResponse__Output as _liquidity_v1_GetReportResponse__Output } from './liquidity/v1/GetReportResponse.js';
import type { PendingLine as _liquidity_v1_PendingLine, PendingLine__Output as _liquidity_v1_PendingLine__Output } from './liquidity/v1/PendingLine.js';
import type { ReconcileNowRequest as _liquidity_v1_ReconcileNowRequest, ReconcileNowRequest__Output as _liquidity_v1_ReconcileNowRequest__Output } from './liquidity/v1/ReconcileNowRequest.js';
import type { ReconcileNowResponse as _liquidity_v1_ReconcileNowResponse, ReconcileNowResponse__Output as _liquidity_v1_ReconcileNowResponse__Output } from './liquidity/v1/ReconcileNowResponse.js';
import type { ReconciliationClient as _liquidity_v1_ReconciliationClient, ReconciliationDefinition as _liquidity_v1_ReconciliationDefinition } from './liquidity/v1/Reconciliation.js';
import type { ReconciliationSummary as _liquidity_v1_ReconciliationSummary, ReconciliationSummary__Output as _liquidity_v1_ReconciliationSummary__Output } from './liquidity/v1/ReconciliationSummary.js';
import type { ReportDifference as _liquidity_v1_ReportDifference, ReportDifference__Output as _liquidity_v1_ReportDifference__Output } from './liquidity/v1/ReportDifference.js';
import type { ReportMatch as _liquidity_v1_ReportMatch, ReportMatch__Output as _liquidity_v1_ReportMatch__Output } from './liquidity/v1/ReportMatch.js';
import type { RuleCount as _liquidity_v1_RuleCount, RuleCount__Output as _liquidity_v1_RuleCount__Output } from './liquidity/v1/RuleCount.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  liquidity: {
    v1: {
      ClassCount: MessageTypeDefinition<_liquidity_v1_ClassCount, _liquidity_v1_ClassCount__Output>
      ComparedBalance: MessageTypeDefinition<_liquidity_v1_ComparedBalance, _liquidity_v1_ComparedBalance__Output>
      EvidenceSent: MessageTypeDefinition<_liquidity_v1_EvidenceSent, _liquidity_v1_EvidenceSent__Output>
      GetReportRequest: MessageTypeDefinition<_liquidity_v1_GetReportRequest, _liquidity_v1_GetReportRequest__Output>
      GetReportResponse: MessageTypeDefinition<_liquidity_v1_GetReportResponse, _liquidity_v1_GetReportResponse__Output>
      PendingLine: MessageTypeDefinition<_liquidity_v1_PendingLine, _liquidity_v1_PendingLine__Output>
      ReconcileNowRequest: MessageTypeDefinition<_liquidity_v1_ReconcileNowRequest, _liquidity_v1_ReconcileNowRequest__Output>
      ReconcileNowResponse: MessageTypeDefinition<_liquidity_v1_ReconcileNowResponse, _liquidity_v1_ReconcileNowResponse__Output>
      Reconciliation: SubtypeConstructor<typeof grpc.Client, _liquidity_v1_ReconciliationClient> & { service: _liquidity_v1_ReconciliationDefinition }
      ReconciliationSummary: MessageTypeDefinition<_liquidity_v1_ReconciliationSummary, _liquidity_v1_ReconciliationSummary__Output>
      ReportDifference: MessageTypeDefinition<_liquidity_v1_ReportDifference, _liquidity_v1_ReportDifference__Output>
      ReportMatch: MessageTypeDefinition<_liquidity_v1_ReportMatch, _liquidity_v1_ReportMatch__Output>
      RuleCount: MessageTypeDefinition<_liquidity_v1_RuleCount, _liquidity_v1_RuleCount__Output>
    }
  }
}

