import { assert } from "../../runtime/assert.js";

export interface RateLimit {
  /** Calls per second a principal may make on average. */
  readonly perSecond: number;
  /** Calls it may make at once after being idle. */
  readonly burst: number;
}

/** One token bucket per key; a bucket that is full again is forgotten, so idle principals cost nothing. */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly limit: RateLimit,
    private readonly now: () => number,
  ) {
    assert(limit.perSecond > 0 && limit.burst >= 1, "rate limit must be positive with a burst of at least 1");
  }

  take(key: string): boolean {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.limit.burst, at: now };
    bucket.tokens = Math.min(this.limit.burst, bucket.tokens + ((now - bucket.at) / 1_000) * this.limit.perSecond);
    bucket.at = now;
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      return false;
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.forgetFull(now);
    return true;
  }

  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + ((now - bucket.at) / 1_000) * this.limit.perSecond >= this.limit.burst)
        this.buckets.delete(key);
    }
  }
}
