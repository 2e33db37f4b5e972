// Original file: liquidity/v1/differences.proto

import type { DifferenceExplanation as _liquidity_v1_DifferenceExplanation, DifferenceExplanation__Output as _liquidity_v1_DifferenceExplanation__Output } from '../../liquidity/v1/DifferenceExplanation.js';
import type { DifferenceProposal as _liquidity_v1_DifferenceProposal, DifferenceProposal__Output as _liquidity_v1_DifferenceProposal__Output } from '../../liquidity/v1/DifferenceProposal.js';
import type { DifferenceResolution as _liquidity_v1_DifferenceResolution, DifferenceResolution__Output as _liquidity_v1_DifferenceResolution__Output } from '../../liquidity/v1/DifferenceResolution.js';
import type { DifferenceBooking as _liquidity_v1_DifferenceBooking, DifferenceBooking__Output as _liquidity_v1_DifferenceBooking__Output } from '../../liquidity/v1/DifferenceBooking.js';
import type { DifferenceHistoryEntry as _liquidity_v1_DifferenceHistoryEntry, DifferenceHistoryEntry__Output as _liquidity_v1_DifferenceHistoryEntry__Output } from '../../liquidity/v1/DifferenceHistoryEntry.js';
import type { Long } from '@grpc/proto-loader';

export interface Difference {
  'difference_id'?: (string);
  'account_id'?: (string);
  'date'?: (string);
  'difference_class'?: (string);
  'amount'?: (string);
  'currency'?: (string);
  'status'?: (string);
  'detail'?: (string);
  'lines'?: (number)[];
  'records'?: (string)[];
  'statement_version'?: (string);
  'found_at_ms'?: (number | string | Long);
  'found_in_run'?: (number);
  'explanation'?: (_liquidity_v1_DifferenceExplanation | null);
  'proposal'?: (_liquidity_v1_DifferenceProposal | null);
  'resolution'?: (_liquidity_v1_DifferenceResolution | null);
  'booking'?: (_liquidity_v1_DifferenceBooking | null);
  'history'?: (_liquidity_v1_DifferenceHistoryEntry)[];
  'history_omitted'?: (number);
}

export interface Difference__Output {
  'difference_id': (string);
  'account_id': (string);
  'date': (string);
  'difference_class': (string);
  'amount': (string);
  'currency': (string);
  'status': (string);
  'detail': (string);
  'lines': (number)[];
  'records': (string)[];
  'statement_version': (string);
  'found_at_ms': (string);
  'found_in_run': (number);
  'explanation': (_liquidity_v1_DifferenceExplanation__Output | null);
  'proposal': (_liquidity_v1_DifferenceProposal__Output | null);
  'resolution': (_liquidity_v1_DifferenceResolution__Output | null);
  'booking': (_liquidity_v1_DifferenceBooking__Output | null);
  'history': (_liquidity_v1_DifferenceHistoryEntry__Output)[];
  'history_omitted': (number);
}
