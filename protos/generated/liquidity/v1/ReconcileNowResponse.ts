// Original file: liquidity/v1/reconciliation.proto

import type { ReconciliationSummary as _liquidity_v1_ReconciliationSummary, ReconciliationSummary__Output as _liquidity_v1_ReconciliationSummary__Output } from '../../liquidity/v1/ReconciliationSummary.js';
import type { EvidenceSent as _liquidity_v1_EvidenceSent, EvidenceSent__Output as _liquidity_v1_EvidenceSent__Output } from '../../liquidity/v1/EvidenceSent.js';

export interface ReconcileNowResponse {
  'summary'?: (_liquidity_v1_ReconciliationSummary | null);
  'evidence'?: (_liquidity_v1_EvidenceSent)[];
}

export interface ReconcileNowResponse__Output {
  'summary': (_liquidity_v1_ReconciliationSummary__Output | null);
  'evidence': (_liquidity_v1_EvidenceSent__Output)[];
}
