// Original file: liquidity/v1/channels.proto

import type { Channel as _liquidity_v1_Channel, Channel__Output as _liquidity_v1_Channel__Output } from '../../liquidity/v1/Channel.js';

export interface ListChannelsResponse {
  'channels'?: (_liquidity_v1_Channel)[];
}

export interface ListChannelsResponse__Output {
  'channels': (_liquidity_v1_Channel__Output)[];
}
