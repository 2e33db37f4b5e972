// Original file: liquidity/v1/channels.proto

import type { ChannelSpeed as _liquidity_v1_ChannelSpeed, ChannelSpeed__Output as _liquidity_v1_ChannelSpeed__Output } from '../../liquidity/v1/ChannelSpeed.js';
import type { MaintenanceWindow as _liquidity_v1_MaintenanceWindow, MaintenanceWindow__Output as _liquidity_v1_MaintenanceWindow__Output } from '../../liquidity/v1/MaintenanceWindow.js';
import type { ChannelBreaker as _liquidity_v1_ChannelBreaker, ChannelBreaker__Output as _liquidity_v1_ChannelBreaker__Output } from '../../liquidity/v1/ChannelBreaker.js';
import type { ChannelUsage as _liquidity_v1_ChannelUsage, ChannelUsage__Output as _liquidity_v1_ChannelUsage__Output } from '../../liquidity/v1/ChannelUsage.js';
import type { ChannelHealth as _liquidity_v1_ChannelHealth, ChannelHealth__Output as _liquidity_v1_ChannelHealth__Output } from '../../liquidity/v1/ChannelHealth.js';

export interface Channel {
  'channel_id'?: (string);
  'bank_code'?: (string);
  'configured'?: (boolean);
  'currency'?: (string);
  'speeds'?: (_liquidity_v1_ChannelSpeed)[];
  'utc_offset_minutes'?: (number);
  'maintenance_windows'?: (_liquidity_v1_MaintenanceWindow)[];
  'daily_maintenance'?: (_liquidity_v1_MaintenanceWindow)[];
  'alternative'?: (string);
  'breaker'?: (_liquidity_v1_ChannelBreaker | null);
  'usage'?: (_liquidity_v1_ChannelUsage | null);
  'health'?: (_liquidity_v1_ChannelHealth | null);
}

export interface Channel__Output {
  'channel_id': (string);
  'bank_code': (string);
  'configured': (boolean);
  'currency': (string);
  'speeds': (_liquidity_v1_ChannelSpeed__Output)[];
  'utc_offset_minutes': (number);
  'maintenance_windows': (_liquidity_v1_MaintenanceWindow__Output)[];
  'daily_maintenance': (_liquidity_v1_MaintenanceWindow__Output)[];
  'alternative': (string);
  'breaker': (_liquidity_v1_ChannelBreaker__Output | null);
  'usage': (_liquidity_v1_ChannelUsage__Output | null);
  'health': (_liquidity_v1_ChannelHealth__Output | null);
}
