// Original file: liquidity/v1/suggestions.proto

import type { SuggestedTransfer as _liquidity_v1_SuggestedTransfer, SuggestedTransfer__Output as _liquidity_v1_SuggestedTransfer__Output } from '../../liquidity/v1/SuggestedTransfer.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from '../../google/protobuf/Struct.js';
import type { SuggestionApproval as _liquidity_v1_SuggestionApproval, SuggestionApproval__Output as _liquidity_v1_SuggestionApproval__Output } from '../../liquidity/v1/SuggestionApproval.js';
import type { SuggestionEnding as _liquidity_v1_SuggestionEnding, SuggestionEnding__Output as _liquidity_v1_SuggestionEnding__Output } from '../../liquidity/v1/SuggestionEnding.js';
import type { SuggestionFailure as _liquidity_v1_SuggestionFailure, SuggestionFailure__Output as _liquidity_v1_SuggestionFailure__Output } from '../../liquidity/v1/SuggestionFailure.js';
import type { Long } from '@grpc/proto-loader';

export interface Suggestion {
  'suggestion_id'?: (string);
  'status'?: (string);
  'rule_id'?: (string);
  'rule_version'?: (number | string | Long);
  'rule_editor'?: (string);
  'pool'?: (string);
  'transfer'?: (_liquidity_v1_SuggestedTransfer | null);
  'reason'?: (_google_protobuf_Struct | null);
  'approvals_required'?: (number);
  'expires_at_ms'?: (number | string | Long);
  'created_by'?: (string);
  'created_at_ms'?: (number | string | Long);
  'updated_at_ms'?: (number | string | Long);
  'approvals'?: (_liquidity_v1_SuggestionApproval)[];
  'rejection'?: (_liquidity_v1_SuggestionEnding | null);
  'expiry'?: (_liquidity_v1_SuggestionEnding | null);
  'transfer_id'?: (string);
  'failure'?: (_liquidity_v1_SuggestionFailure | null);
  'create_attempts'?: (number);
}

export interface Suggestion__Output {
  'suggestion_id': (string);
  'status': (string);
  'rule_id': (string);
  'rule_version': (string);
  'rule_editor': (string);
  'pool': (string);
  'transfer': (_liquidity_v1_SuggestedTransfer__Output | null);
  'reason': (_google_protobuf_Struct__Output | null);
  'approvals_required': (number);
  'expires_at_ms': (string);
  'created_by': (string);
  'created_at_ms': (string);
  'updated_at_ms': (string);
  'approvals': (_liquidity_v1_SuggestionApproval__Output)[];
  'rejection': (_liquidity_v1_SuggestionEnding__Output | null);
  'expiry': (_liquidity_v1_SuggestionEnding__Output | null);
  'transfer_id': (string);
  'failure': (_liquidity_v1_SuggestionFailure__Output | null);
  'create_attempts': (number);
}
