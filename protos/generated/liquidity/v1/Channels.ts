// Original file: liquidity/v1/channels.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { Channel as _liquidity_v1_Channel, Channel__Output as _liquidity_v1_Channel__Output } from '../../liquidity/v1/Channel.js';
import type { GetChannelRequest as _liquidity_v1_GetChannelRequest, GetChannelRequest__Output as _liquidity_v1_GetChannelRequest__Output } from '../../liquidity/v1/GetChannelRequest.js';
import type { ListChannelsRequest as _liquidity_v1_ListChannelsRequest, ListChannelsRequest__Output as _liquidity_v1_ListChannelsRequest__Output } from '../../liquidity/v1/ListChannelsRequest.js';
import type { ListChannelsResponse as _liquidity_v1_ListChannelsResponse, ListChannelsResponse__Output as _liquidity_v1_ListChannelsResponse__Output } from '../../liquidity/v1/ListChannelsResponse.js';

export interface ChannelsClient extends grpc.Client {
  GetChannel(argument: _liquidity_v1_GetChannelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_Channel__Output>): grpc.ClientUnaryCall;
  GetChannel(argument: _liquidity_v1_GetChannelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_Channel__Output>): grpc.ClientUnaryCall;
  GetChannel(argument: _liquidity_v1_GetChannelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_Channel__Output>): grpc.ClientUnaryCall;
  GetChannel(argument: _liquidity_v1_GetChannelRequest, callback: grpc.requestCallback<_liquidity_v1_Channel__Output>): grpc.ClientUnaryCall;
  
  ListChannels(argument: _liquidity_v1_ListChannelsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListChannelsResponse__Output>): grpc.ClientUnaryCall;
  ListChannels(argument: _liquidity_v1_ListChannelsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_ListChannelsResponse__Output>): grpc.ClientUnaryCall;
  ListChannels(argument: _liquidity_v1_ListChannelsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListChannelsResponse__Output>): grpc.ClientUnaryCall;
  ListChannels(argument: _liquidity_v1_ListChannelsRequest, callback: grpc.requestCallback<_liquidity_v1_ListChannelsResponse__Output>): grpc.ClientUnaryCall;
  listChannels(argument: _liquidity_v1_ListChannelsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListChannelsResponse__Output>): grpc.ClientUnaryCall;
  listChannels(argument: _liquidity_v1_ListChannelsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_liquidity_v1_ListChannelsResponse__Output>): grpc.ClientUnaryCall;
  listChannels(argument: _liquidity_v1_ListChannelsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_liquidity_v1_ListChannelsResponse__Output>): grpc.ClientUnaryCall;
  listChannels(argument: _liquidity_v1_ListChannelsRequest, callback: grpc.requestCallback<_liquidity_v1_ListChannelsResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface ChannelsHandlers extends grpc.UntypedServiceImplementation {
  GetChannel: grpc.handleUnaryCall<_liquidity_v1_GetChannelRequest__Output, _liquidity_v1_Channel>;
  
  ListChannels: grpc.handleUnaryCall<_liquidity_v1_ListChannelsRequest__Output, _liquidity_v1_ListChannelsResponse>;
  
}

export interface ChannelsDefinition extends grpc.ServiceDefinition {
  GetChannel: MethodDefinition<_liquidity_v1_GetChannelRequest, _liquidity_v1_Channel, _liquidity_v1_GetChannelRequest__Output, _liquidity_v1_Channel__Output>
  ListChannels: MethodDefinition<_liquidity_v1_ListChannelsRequest, _liquidity_v1_ListChannelsResponse, _liquidity_v1_ListChannelsRequest__Output, _liquidity_v1_ListChannelsResponse__Output>
}
