// Original file: liquidity/v1/jobs.proto

import type { JobTarget as _liquidity_v1_JobTarget, JobTarget__Output as _liquidity_v1_JobTarget__Output } from '../../liquidity/v1/JobTarget.js';

export interface Job {
  'cron'?: (string);
  'time_zone'?: (string);
  'target'?: (_liquidity_v1_JobTarget | null);
  'missed_slots'?: (string);
  'enabled'?: (boolean);
  '_enabled'?: "enabled";
}

export interface Job__Output {
  'cron': (string);
  'time_zone': (string);
  'target': (_liquidity_v1_JobTarget__Output | null);
  'missed_slots': (string);
  'enabled'?: (boolean);
  '_enabled'?: "enabled";
}
