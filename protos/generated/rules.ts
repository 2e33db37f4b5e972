import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ActiveHours as _liquidity_v1_ActiveHours, ActiveHours__Output as _liquidity_v1_ActiveHours__Output } from './liquidity/v1/ActiveHours.js';
import type { ConsideredChannel as _liquidity_v1_ConsideredChannel, ConsideredChannel__Output as _liquidity_v1_ConsideredChannel__Output } from './liquidity/v1/ConsideredChannel.js';
import type { DeleteRuleRequest as _liquidity_v1_DeleteRuleRequest, DeleteRuleRequest__Output as _liquidity_v1_DeleteRuleRequest__Output } from './liquidity/v1/DeleteRuleRequest.js';
import type { DryRunRequest as _liquidity_v1_DryRunRequest, DryRunRequest__Output as _liquidity_v1_DryRunRequest__Output } from './liquidity/v1/DryRunRequest.js';
import type { DryRunResponse as _liquidity_v1_DryRunResponse, DryRunResponse__Output as _liquidity_v1_DryRunResponse__Output } from './liquidity/v1/DryRunResponse.js';
import type { GetRuleHistoryRequest as _liquidity_v1_GetRuleHistoryRequest, GetRuleHistoryRequest__Output as _liquidity_v1_GetRuleHistoryRequest__Output } from './liquidity/v1/GetRuleHistoryRequest.js';
import type { GetRuleHistoryResponse as _liquidity_v1_GetRuleHistoryResponse, GetRuleHistoryResponse__Output as _liquidity_v1_GetRuleHistoryResponse__Output } from './liquidity/v1/GetRuleHistoryResponse.js';
import type { GetRuleRequest as _liquidity_v1_GetRuleRequest, GetRuleRequest__Output as _liquidity_v1_GetRuleRequest__Output } from './liquidity/v1/GetRuleRequest.js';
import type { IdleAccount as _liquidity_v1_IdleAccount, IdleAccount__Output as _liquidity_v1_IdleAccount__Output } from './liquidity/v1/IdleAccount.js';
import type { ListRulesRequest as _liquidity_v1_ListRulesRequest, ListRulesRequest__Output as _liquidity_v1_ListRulesRequest__Output } from './liquidity/v1/ListRulesRequest.js';
import type { ListRulesResponse as _liquidity_v1_ListRulesResponse, ListRulesResponse__Output as _liquidity_v1_ListRulesResponse__Output } from './liquidity/v1/ListRulesResponse.js';
import type { PlannedTransfer as _liquidity_v1_PlannedTransfer, PlannedTransfer__Output as _liquidity_v1_PlannedTransfer__Output } from './liquidity/v1/PlannedTransfer.js';
import type { PutRuleRequest as _liquidity_v1_PutRuleRequest, PutRuleRequest__Output as _liquidity_v1_PutRuleRequest__Output } from './liquidity/v1/PutRuleRequest.js';
import type { Rule as _liquidity_v1_Rule, Rule__Output as _liquidity_v1_Rule__Output } from './liquidity/v1/Rule.js';
import type { RuleChange as _liquidity_v1_RuleChange, RuleChange__Output as _liquidity_v1_RuleChange__Output } from './liquidity/v1/RuleChange.js';
import type { RuleDecision as _liquidity_v1_RuleDecision, RuleDecision__Output as _liquidity_v1_RuleDecision__Output } from './liquidity/v1/RuleDecision.js';
import type { RuleHistoryEntry as _liquidity_v1_RuleHistoryEntry, RuleHistoryEntry__Output as _liquidity_v1_RuleHistoryEntry__Output } from './liquidity/v1/RuleHistoryEntry.js';
import type { RuleScope as _liquidity_v1_RuleScope, RuleScope__Output as _liquidity_v1_RuleScope__Output } from './liquidity/v1/RuleScope.js';
import type { RuleView as _liquidity_v1_RuleView, RuleView__Output as _liquidity_v1_RuleView__Output } from './liquidity/v1/RuleView.js';
import type { RulesClient as _liquidity_v1_RulesClient, RulesDefinition as _liquidity_v1_RulesDefinition } from './liquidity/v1/Rules.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  liquidity: {
    v1: {
      ActiveHours: MessageTypeDefinition<_liquidity_v1_ActiveHours, _liquidity_v1_ActiveHours__Output>
      ConsideredChannel: MessageTypeDefinition<_liquidity_v1_ConsideredChannel, _liquidity_v1_ConsideredChannel__Output>
      DeleteRuleRequest: MessageTypeDefinition<_liquidity_v1_DeleteRuleRequest, _liquidity_v1_DeleteRuleRequest__Output>
      DryRunRequest: MessageTypeDefinition<_liquidity_v1_DryRunRequest, _liquidity_v1_DryRunRequest__Output>
      DryRunResponse: MessageTypeDefinition<_liquidity_v1_DryRunResponse, _liquidity_v1_DryRunResponse__Output>
      GetRuleHistoryRequest: MessageTypeDefinition<_liquidity_v1_GetRuleHistoryRequest, _liquidity_v1_GetRuleHistoryRequest__Output>
      GetRuleHistoryResponse: MessageTypeDefinition<_liquidity_v1_GetRuleHistoryResponse, _liquidity_v1_GetRuleHistoryResponse__Output>
      GetRuleRequest: MessageTypeDefinition<_liquidity_v1_GetRuleRequest, _liquidity_v1_GetRuleRequest__Output>
      IdleAccount: MessageTypeDefinition<_liquidity_v1_IdleAccount, _liquidity_v1_IdleAccount__Output>
      ListRulesRequest: MessageTypeDefinition<_liquidity_v1_ListRulesRequest, _liquidity_v1_ListRulesRequest__Output>
      ListRulesResponse: MessageTypeDefinition<_liquidity_v1_ListRulesResponse, _liquidity_v1_ListRulesResponse__Output>
      PlannedTransfer: MessageTypeDefinition<_liquidity_v1_PlannedTransfer, _liquidity_v1_PlannedTransfer__Output>
      PutRuleRequest: MessageTypeDefinition<_liquidity_v1_PutRuleRequest, _liquidity_v1_PutRuleRequest__Output>
      Rule: MessageTypeDefinition<_liquidity_v1_Rule, _liquidity_v1_Rule__Output>
      RuleChange: MessageTypeDefinition<_liquidity_v1_RuleChange, _liquidity_v1_RuleChange__Output>
      RuleDecision: MessageTypeDefinition<_liquidity_v1_RuleDecision, _liquidity_v1_RuleDecision__Output>
      RuleHistoryEntry: MessageTypeDefinition<_liquidity_v1_RuleHistoryEntry, _liquidity_v1_RuleHistoryEntry__Output>
      RuleScope: MessageTypeDefinition<_liquidity_v1_RuleScope, _liquidity_v1_RuleScope__Output>
      RuleView: MessageTypeDefinition<_liquidity_v1_RuleView, _liquidity_v1_RuleView__Output>
      Rules: SubtypeConstructor<typeof grpc.Client, _liquidity_v1_RulesClient> & { service: _liquidity_v1_RulesDefinition }
    }
  }
}

