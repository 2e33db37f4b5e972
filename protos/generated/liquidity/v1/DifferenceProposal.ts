// Original file: liquidity/v1/differences.proto

import type { DifferenceTransferStep as _liquidity_v1_DifferenceTransferStep, DifferenceTransferStep__Output as _liquidity_v1_DifferenceTransferStep__Output } from '../../liquidity/v1/DifferenceTransferStep.js';
import type { Long } from '@grpc/proto-loader';

export interface DifferenceProposal {
  'action'?: (string);
  'reason'?: (string);
  'transfer'?: (_liquidity_v1_DifferenceTransferStep | null);
  'approval_above'?: (string);
  'principal'?: (string);
  'at_ms'?: (number | string | Long);
}

export interface DifferenceProposal__Output {
  'action': (string);
  'reason': (string);
  'transfer': (_liquidity_v1_DifferenceTransferStep__Output | null);
  'approval_above': (string);
  'principal': (string);
  'at_ms': (string);
}
