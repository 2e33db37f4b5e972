import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Channel as _liquidity_v1_Channel, Channel__Output as _liquidity_v1_Channel__Output } from './liquidity/v1/Channel.js';
import type { ChannelBreaker as _liquidity_v1_ChannelBreaker, ChannelBreaker__Output as _liquidity_v1_ChannelBreaker__Output } from './liquidity/v1/ChannelBreaker.js';
import type { ChannelHealth as _liquidity_v1_ChannelHealth, ChannelHealth__Output as _liquidity_v1_ChannelHealth__Output } from './liquidity/v1/ChannelHealth.js';
import type { ChannelSpeed as _liquidity_v1_ChannelSpeed, ChannelSpeed__Output as _liquidity_v1_ChannelSpeed__Output } from './liquidity/v1/ChannelSpeed.js';
import type { ChannelUsage as _liquidity_v1_ChannelUsage, ChannelUsage__Output as _liquidity_v1_ChannelUsage__Output } from './liquidity/v1/ChannelUsage.js';
import type { ChannelsClient as _liquidity_v1_ChannelsClient, ChannelsDefinition as _liquidity_v1_ChannelsDefinition } from './liquidity/v1/Channels.js';
import type { GetChannelRequest as _liquidity_v1_GetChannelRequest, GetChannelRequest__Output as _liquidity_v1_GetChannelRequest__Output } from './liquidity/v1/GetChannelRequest.js';
import type { ListChannelsRequest as _liquidity_v1_ListChannelsRequest, ListChannelsRequest__Output as _liquidity_v1_ListChannelsRequest__Output } from './liquidity/v1/ListChannelsRequest.js';
import type { ListChannelsResponse as _liquidity_v1_ListChannelsResponse, ListChannelsResponse__Output as _liquidity_v1_ListChannelsResponse__Output } from './liquidity/v1/ListChannelsResponse.js';
import type { MaintenanceWindow as _liquidity_v1_MaintenanceWindow, MaintenanceWindow__Output as _liquidity_v1_MaintenanceWindow__Output } from './liquidity/v1/MaintenanceWindow.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  liquidity: {
    v1: {
      Channel: MessageTypeDefinition<_liquidity_v1_Channel, _liquidity_v1_Channel__Output>
      ChannelBreaker: MessageTypeDefinition<_liquidity_v1_ChannelBreaker, _liquidity_v1_ChannelBreaker__Output>
      ChannelHealth: MessageTypeDefinition<_liquidity_v1_ChannelHealth, _liquidity_v1_ChannelHealth__Output>
      ChannelSpeed: MessageTypeDefinition<_liquidity_v1_ChannelSpeed, _liquidity_v1_ChannelSpeed__Output>
      ChannelUsage: MessageTypeDefinition<_liquidity_v1_ChannelUsage, _liquidity_v1_ChannelUsage__Output>
      Channels: SubtypeConstructor<typeof grpc.Client, _liquidity_v1_ChannelsClient> & { service: _liquidity_v1_ChannelsDefinition }
      GetChannelRequest: MessageTypeDefinition<_liquidity_v1_GetChannelRequest, _liquidity_v1_GetChannelRequest__Output>
      ListChannelsRequest: MessageTypeDefinition<_liquidity_v1_ListChannelsRequest, _liquidity_v1_ListChannelsRequest__Output>
      ListChannelsResponse: MessageTypeDefinition<_liquidity_v1_ListChannelsResponse, _liquidity_v1_ListChannelsResponse__Output>
      MaintenanceWindow: MessageTypeDefinition<_liquidity_v1_MaintenanceWindow, _liquidity_v1_MaintenanceWindow__Output>
    }
  }
}

