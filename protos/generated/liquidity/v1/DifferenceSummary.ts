// Original file: liquidity/v1/differences.proto

import type { DifferenceChange as _liquidity_v1_DifferenceChange, DifferenceChange__Output as _liquidity_v1_DifferenceChange__Output } from '../../liquidity/v1/DifferenceChange.js';
import type { DifferenceProposal as _liquidity_v1_DifferenceProposal, DifferenceProposal__Output as _liquidity_v1_DifferenceProposal__Output } from '../../liquidity/v1/DifferenceProposal.js';
import type { DifferenceResolution as _liquidity_v1_DifferenceResolution, DifferenceResolution__Output as _liquidity_v1_DifferenceResolution__Output } from '../../liquidity/v1/DifferenceResolution.js';
import type { Long } from '@grpc/proto-loader';

export interface DifferenceSummary {
  'difference_id'?: (string);
  'account_id'?: (string);
  'date'?: (string);
  'difference_class'?: (string);
  'amount'?: (string);
  'currency'?: (string);
  'status'?: (string);
  'detail'?: (string);
  'found_at_ms'?: (number | string | Long);
  'last_change'?: (_liquidity_v1_DifferenceChange | null);
  'proposal'?: (_liquidity_v1_DifferenceProposal | null);
  'resolution'?: (_liquidity_v1_DifferenceResolution | null);
  'booking_status'?: (string);
}

export interface DifferenceSummary__Output {
  'difference_id': (string);
  'account_id': (string);
  'date': (string);
  'difference_class': (string);
  'amount': (string);
  'currency': (string);
  'status': (string);
  'detail': (string);
  'found_at_ms': (string);
  'last_change': (_liquidity_v1_DifferenceChange__Output | null);
  'proposal': (_liquidity_v1_DifferenceProposal__Output | null);
  'resolution': (_liquidity_v1_DifferenceResolution__Output | null);
  'booking_status': (string);
}
