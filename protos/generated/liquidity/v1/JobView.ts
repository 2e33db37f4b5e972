// Original file: liquidity/v1/jobs.proto

import type { Job as _liquidity_v1_Job, Job__Output as _liquidity_v1_Job__Output } from '../../liquidity/v1/Job.js';
import type { SlotOutcome as _liquidity_v1_SlotOutcome, SlotOutcome__Output as _liquidity_v1_SlotOutcome__Output } from '../../liquidity/v1/SlotOutcome.js';
import type { PendingSlot as _liquidity_v1_PendingSlot, PendingSlot__Output as _liquidity_v1_PendingSlot__Output } from '../../liquidity/v1/PendingSlot.js';
import type { SkippedSlots as _liquidity_v1_SkippedSlots, SkippedSlots__Output as _liquidity_v1_SkippedSlots__Output } from '../../liquidity/v1/SkippedSlots.js';
import type { JobChange as _liquidity_v1_JobChange, JobChange__Output as _liquidity_v1_JobChange__Output } from '../../liquidity/v1/JobChange.js';
import type { Long } from '@grpc/proto-loader';

export interface JobView {
  'job_id'?: (string);
  'status'?: (string);
  'version'?: (number | string | Long);
  'job'?: (_liquidity_v1_Job | null);
  'paused'?: (boolean);
  'next_slot_ms'?: (number | string | Long);
  'last_slot_ms'?: (number | string | Long);
  'last_outcome'?: (_liquidity_v1_SlotOutcome | null);
  'pending'?: (_liquidity_v1_PendingSlot)[];
  'last_skipped'?: (_liquidity_v1_SkippedSlots | null);
  'slots_fired'?: (number | string | Long);
  'slots_applied'?: (number | string | Long);
  'slots_refused'?: (number | string | Long);
  'slots_undelivered'?: (number | string | Long);
  'skips_missed'?: (number | string | Long);
  'skips_backlog'?: (number | string | Long);
  'last_change'?: (_liquidity_v1_JobChange | null);
}

export interface JobView__Output {
  'job_id': (string);
  'status': (string);
  'version': (string);
  'job': (_liquidity_v1_Job__Output | null);
  'paused': (boolean);
  'next_slot_ms': (string);
  'last_slot_ms': (string);
  'last_outcome': (_liquidity_v1_SlotOutcome__Output | null);
  'pending': (_liquidity_v1_PendingSlot__Output)[];
  'last_skipped': (_liquidity_v1_SkippedSlots__Output | null);
  'slots_fired': (string);
  'slots_applied': (string);
  'slots_refused': (string);
  'slots_undelivered': (string);
  'skips_missed': (string);
  'skips_backlog': (string);
  'last_change': (_liquidity_v1_JobChange__Output | null);
}
