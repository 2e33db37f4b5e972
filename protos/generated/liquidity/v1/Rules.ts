// Original file: liquidity/v1/rules.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DeleteRuleRequest as _liquidity_v1_DeleteRuleRequest, DeleteRuleRequest__Output as _liquidity_v1_DeleteRuleRequest__Output } from '../../liquidity/v1/DeleteRuleRequest.js';
import type { DryRunRequest as _liquidity_v1_DryRunRequest, DryRunRequest__Output as _liquidity_v1_DryRunRequest__Output } from '../../liquidity/v1/DryRunRequest.js';
import type { DryRunResponse as _liquidity_v1_DryRunResponse, DryRunResponse__Output as _liquidity_v1_DryRunResponse__Output } from '../../liquidity/v1/DryRunResponse.js';
import type { GetRuleHistoryRequest as _liquidity_v1_GetRuleHistoryRequest, GetRuleHistoryRequest__Output as _liquidity_v1_GetRuleHistoryRequest__Output } from '../../liquidity/v1/GetRuleHistoryRequest.js';
import type { GetRuleHistoryResponse as _liquidity_v1_GetRuleHistoryResponse, GetRuleHistoryResponse__Output as _liquidity_v1_GetRuleHistoryResponse__Output } from '../../liquidity/v1/GetRuleHistoryResponse.js';
import type { GetRuleRequest as _liquidity_v1_GetRuleRequest, GetRuleRequest__Output as _liquidity_v1_GetRuleRequest__Output } from '../../liquidity/v1/GetRuleRequest.js';
import type { ListRulesRequest as _liquidity_v1_ListRulesRequest, ListRulesRequest__Output as _liquidity_v1_ListRulesRequest__Output } from '../../liquidity/v1/ListRulesRequest.js';
import type { ListRulesResponse as _liquidity_v1_ListRulesResponse, ListRulesResponse__Output as _liquidity_v1_ListRulesResponse__Output } from '../../liquidity/v1/ListRulesResponse.js';
import type { PutRuleRequest as _liquidity_v1_PutRuleRequest, PutRuleRequest__Output as _liquidity_v1_PutRuleRequest__Output } from '../../liquidity/v1/PutRuleRequest.js';
import type { RuleView as _liquidity_v1_RuleView, RuleView__Output as _liquidity_v1_RuleView__Output } from '../../liquidity/v1/RuleView.js';

export interface RulesClient extends grpc.Client {
  DeleteRule(argument: _liquidity_v1_DeleteRuleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_RuleView__Output>): grpc.ClientUnaryCall;
  DeleteRule(argument: _liquidity_v1_DeleteRuleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_RuleView__Output>): grpc.ClientUnaryCall;
  DeleteRule(argument: _liquidity_v1_DeleteRuleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_RuleView__Output>): grpc.ClientUnaryCall;
  DeleteRule(argument: _liquidity_v1_DeleteRuleRequest, callback: grpc.requestCallback<_liquidity_v1_RuleView__Output>): grpc.ClientUnaryCall;
  deleteRule(argument: _liquidity_v1_DeleteRuleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_RuleView__Output>): grpc.ClientUnaryCall;
  deleteRule(argument: _liquidity_v1_DeleteRuleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_RuleView__Output>): grpc.ClientUnaryCall;
  deleteRule(argument: _liquidity_v1_DeleteRuleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_RuleView__Output>): grpc.ClientUnaryCall;
  deleteRule(argument: _liquidity_v1_DeleteRuleRequest, callback: grpc.requestCallback<_liquidity_v1_RuleView__Output>): grpc.ClientUnaryCall;
  
  DryRun(argument: _liquidity_v1_DryRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_DryRunResponse__Output>): grpc.ClientUnaryCall;
  DryRun(argument: _liquidity_v1_DryRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_DryRunResponse__Output>): grpc.ClientUnaryCall;
  DryRun(argument: _liquidity_v1_DryRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_DryRunResponse__Output>): grpc.ClientUnaryCall;
  DryRun(argument: _liquidity_v1_DryRunRequest, callback: grpc.requestCallback<_liquidity_v1_DryRunResponse__Output>): grpc.ClientUnaryCall;
  dryRun(argument: _liquidity_v1_DryRunRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_DryRunResponse__Output>): grpc.ClientUnaryCall;
  dryRun(argument: _liquidity_v1_DryRunRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_DryRunResponse__Output>): grpc.ClientUnaryCall;
  dryRun(argument: _liquidity_v1_DryRunRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_DryRunResponse__Output>): grpc.ClientUnaryCall;
  dryRun(argument: _liquidity_v1_DryRunRequest, callback: grpc.requestCallback<_liquidity_v1_DryRunResponse__Output>): grpc.ClientUnaryCall;
  
  GetRule(argument: _liquidity_v1_GetRuleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_RuleView__Output>): grpc.ClientUnaryCall;
  GetRule(argument: _liquidity_v1_GetRuleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_RuleView__Output>): grpc.ClientUnaryCall;
  GetRule(argument: _liquidity_v1_GetRuleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_RuleView__Output>): grpc.ClientUnaryCall;
  GetRule(argument: _liquidity_v1_GetRuleRequest, callback: grpc.requestCallback<_liquidity_v1_RuleView__Output>): grpc.ClientUnaryCall;
  getRule(argument: _liquidity_v1_GetRuleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_RuleView__Output>): grpc.ClientUnaryCall;
  getRule(argument: _liquidity_v1_GetRuleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_RuleView__Output>): grpc.ClientUnaryCall;
  getRule(argument: _liquidity_v1_GetRuleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_RuleView__Output>): grpc.ClientUnaryCall;
  getRule(argument: _liquidity_v1_GetRuleRequest, callback: grpc.requestCallback<_liquidity_v1_RuleView__Output>): grpc.ClientUnaryCall;
  
  GetRuleHistory(argument: _liquidity_v1_GetRuleHistoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_GetRuleHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetRuleHistory(argument: _liquidity_v1_GetRuleHistoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_GetRuleHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetRuleHistory(argument: _liquidity_v1_GetRuleHistoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_GetRuleHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetRuleHistory(argument: _liquidity_v1_GetRuleHistoryRequest, callback: grpc.requestCallback<_liquidity_v1_GetRuleHistoryResponse__Output>): grpc.ClientUnaryCall;
  getRuleHistory(argument: _liquidity_v1_GetRuleHistoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_GetRuleHistoryResponse__Output>): grpc.ClientUnaryCall;
  getRuleHistory(argument: _liquidity_v1_GetRuleHistoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_GetRuleHistoryResponse__Output>): grpc.ClientUnaryCall;
  getRuleHistory(argument: _liquidity_v1_GetRuleHistoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_GetRuleHistoryResponse__Output>): grpc.ClientUnaryCall;
  getRuleHistory(argument: _liquidity_v1_GetRuleHistoryRequest, callback: grpc.requestCallback<_liquidity_v1_GetRuleHistoryResponse__Output>): grpc.ClientUnaryCall;
  
  ListRules(argument: _liquidity_v1_ListRulesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListRulesResponse__Output>): grpc.ClientUnaryCall;
  ListRules(argument: _liquidity_v1_ListRulesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_ListRulesResponse__Output>): grpc.ClientUnaryCall;
  ListRules(argument: _liquidity_v1_ListRulesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListRulesResponse__Output>): grpc.ClientUnaryCall;
  ListRules(argument: _liquidity_v1_ListRulesRequest, callback: grpc.requestCallback<_liquidity_v1_ListRulesResponse__Output>): grpc.ClientUnaryCall;
  listRules(argument: _liquidity_v1_ListRulesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListRulesResponse__Output>): grpc.ClientUnaryCall;
  listRules(argument: _liquidity_v1_ListRulesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_ListRulesResponse__Output>): grpc.ClientUnaryCall;
  listRules(argument: _liquidity_v1_ListRulesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListRulesResponse__Output>): grpc.ClientUnaryCall;
  listRules(argument: _liquidity_v1_ListRulesRequest, callback: grpc.requestCallback<_liquidity_v1_ListRulesResponse__Output>): grpc.ClientUnaryCall;
  
  PutRule(argument: _liquidity_v1_PutRuleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_RuleView__Output>): grpc.ClientUnaryCall;
  PutRule(argument: _liquidity_v1_PutRuleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_RuleView__Output>): grpc.ClientUnaryCall;
  PutRule(argument: _liquidity_v1_PutRuleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_RuleView__Output>): grpc.ClientUnaryCall;
  PutRule(argument: _liquidity_v1_PutRuleRequest, callback: grpc.requestCallback<_liquidity_v1_RuleView__Output>): grpc.ClientUnaryCall;
  putRule(argument: _liquidity_v1_PutRuleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_RuleView__Output>): grpc.ClientUnaryCall;
  putRule(argument: _liquidity_v1_PutRuleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_RuleView__Output>): grpc.ClientUnaryCall;
  putRule(argument: _liquidity_v1_PutRuleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_RuleView__Output>): grpc.ClientUnaryCall;
  putRule(argument: _liquidity_v1_PutRuleRequest, callback: grpc.requestCallback<_liquidity_v1_RuleView__Output>): grpc.ClientUnaryCall;
  
}

export interface RulesHandlers extends grpc.UntypedServiceImplementation {
  DeleteRule: grpc.handleUnaryCall<_liquidity_v1_DeleteRuleRequest__Output, _liquidity_v1_RuleView>;
  
  DryRun: grpc.handleUnaryCall<_liquidity_v1_DryRunRequest__Output, _liquidity_v1_DryRunResponse>;
  
  GetRule: grpc.handleUnaryCall<_liquidity_v1_GetRuleRequest__Output, _liquidity_v1_RuleView>;
  
  GetRuleHistory: grpc.handleUnaryCall<_liquidity_v1_GetRuleHistoryRequest__Output, _liquidity_v1_GetRuleHistoryResponse>;
  
  ListRules: grpc.handleUnaryCall<_liquidity_v1_ListRulesRequest__Output, _liquidity_v1_ListRulesResponse>;
  
  PutRule: grpc.handleUnaryCall<_liquidity_v1_PutRuleRequest__Output, _liquidity_v1_RuleView>;
  
}

export interface RulesDefinition extends grpc.ServiceDefinition {
  DeleteRule: MethodDefinition<_liquidity_v1_DeleteRuleRequest, _liquidity_v1_RuleView, _liquidity_v1_DeleteRuleRequest__Output, _liquidity_v1_RuleView__Output>
  DryRun: MethodDefinition<_liquidity_v1_DryRunRequest, _liquidity_v1_DryRunResponse, _liquidity_v1_DryRunRequest__Output, _liquidity_v1_DryRunResponse__Output>
  GetRule: MethodDefinition<_liquidity_v1_GetRuleRequest, _liquidity_v1_RuleView, _liquidity_v1_GetRuleRequest__Output, _liquidity_v1_RuleView__Output>
  GetRuleHistory: MethodDefinition<_liquidity_v1_GetRuleHistoryRequest, _liquidity_v1_GetRuleHistoryResponse, _liquidity_v1_GetRuleHistoryRequest__Output, _liquidity_v1_GetRuleHistoryResponse__Output>
  ListRules: MethodDefinition<_liquidity_v1_ListRulesRequest, _liquidity_v1_ListRulesResponse, _liquidity_v1_ListRulesRequest__Output, _liquidity_v1_ListRulesResponse__Output>
  PutRule: MethodDefinition<_liquidity_v1_PutRuleRequest, _liquidity_v1_RuleView, _liquidity_v1_PutRuleRequest__Output, _liquidity_v1_RuleView__Output>
}
