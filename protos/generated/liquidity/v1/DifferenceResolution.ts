// Original file: liquidity/v1/differences.proto

import type { DifferenceTransferStep as _liquidity_v1_DifferenceTransferStep, DifferenceTransferStep__Output as _liquidity_v1_DifferenceTransferStep__Output } from '../../liquidity/v1/DifferenceTransferStep.js';
import type { Long } from '@grpc/proto-loader';

export interface DifferenceResolution {
  'action'?: (string);
  'reason'?: (string);
  'transfer'?: (_liquidity_v1_DifferenceTransferStep | null);
  'principal'?: (string);
  'confirmed_by'?: (string);
  'at_ms'?: (number | string | Long);
  'run_no'?: (number);
}

export interface DifferenceResolution__Output {
  'action': (string);
  'reason': (string);
  'transfer': (_liquidity_v1_DifferenceTransferStep__Output | null);
  'principal': (string);
  'confirmed_by': (string);
  'at_ms': (string);
  'run_no': (number);
}
