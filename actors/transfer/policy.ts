import { fnv1a32 } from "../../runtime/subjects.js";

/** Timing and retry bounds of the saga (ADR 006 §2); the engine's configuration, the same for every transfer. */
export interface TransferPolicy {
  /** How long to wait for an effect's result before acting as if it was lost (must exceed the bank call timeout). */
  readonly effectGuardMs: number;
  /** Backoff between polls, queries and retries: from this, doubling, up to the max, with jitter. */
  readonly retryDelayMsMin: number;
  readonly retryDelayMsMax: number;
  /** Sends of one step (the first and each resend after the bank said "not found"). */
  readonly sendsMax: number;
  /** Status queries and polls of one step before MANUAL_INTERVENTION. */
  readonly queriesMax: number;
  /** Times one step asks channels for permission before giving up. */
  readonly channelAsksMax: number;
  /** Longest single wait for a refusing channel (circuit open, maintenance, cut-off). */
  readonly channelWaitMsMax: number;
  /** Deliveries of one position task (a command to an account) before it is reported as stuck. */
  readonly taskAttemptsMax: number;
  /** A transfer waiting for approval longer than this is cancelled. */
  readonly approvalTimeoutMs: number;
}

export const defaultTransferPolicy: TransferPolicy = {
  effectGuardMs: 15_000,
  retryDelayMsMin: 500,
  retryDelayMsMax: 60_000,
  sendsMax: 3,
  queriesMax: 30,
  channelAsksMax: 50,
  channelWaitMsMax: 3_600_000,
  taskAttemptsMax: 20,
  approvalTimeoutMs: 24 * 3_600_000,
};

/**
 * Exponential backoff with "equal jitter" (half fixed, half spread), so that polls of many transfers do not
 * synchronize. The spread comes from a hash of `seed` (transfer, step, attempt): actors read no randomness, and a
 * replay decides the same delay.
 */
export function retryDelayMs(policy: TransferPolicy, seed: string, attempt: number): number {
  const ceiling = Math.min(policy.retryDelayMsMax, policy.retryDelayMsMin * 2 ** Math.min(Math.max(attempt, 0), 30));
  return Math.floor(ceiling / 2 + (fnv1a32(seed) / 2 ** 32) * (ceiling / 2));
}
