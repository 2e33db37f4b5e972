// Original file: liquidity/v1/reconciliation.proto

import type { ReconciliationSummary as _liquidity_v1_ReconciliationSummary, ReconciliationSummary__Output as _liquidity_v1_ReconciliationSummary__Output } from '../../liquidity/v1/ReconciliationSummary.js';
import type { ReportMatch as _liquidity_v1_ReportMatch, ReportMatch__Output as _liquidity_v1_ReportMatch__Output } from '../../liquidity/v1/ReportMatch.js';
import type { ReportDifference as _liquidity_v1_ReportDifference, ReportDifference__Output as _liquidity_v1_ReportDifference__Output } from '../../liquidity/v1/ReportDifference.js';
import type { PendingLine as _liquidity_v1_PendingLine, PendingLine__Output as _liquidity_v1_PendingLine__Output } from '../../liquidity/v1/PendingLine.js';

export interface GetReportResponse {
  'summary'?: (_liquidity_v1_ReconciliationSummary | null);
  'matches'?: (_liquidity_v1_ReportMatch)[];
  'differences'?: (_liquidity_v1_ReportDifference)[];
  'pending'?: (_liquidity_v1_PendingLine)[];
  'page'?: (number);
  'pages'?: (number);
}

export interface GetReportResponse__Output {
  'summary': (_liquidity_v1_ReconciliationSummary__Output | null);
  'matches': (_liquidity_v1_ReportMatch__Output)[];
  'differences': (_liquidity_v1_ReportDifference__Output)[];
  'pending': (_liquidity_v1_PendingLine__Output)[];
  'page': (number);
  'pages': (number);
}
