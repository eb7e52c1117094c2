// Answers a call beyond Slack's rate limits the way Slack does: HTTP 429 with the seconds to wait in Retry-After.
import { POST_MESSAGE_PER_CHANNEL, TIER_REQUESTS_PER_MINUTE } from "../rate-limits.js";
import type { RateTier } from "../slack-reference.js";

const MINUTE_MS = 60_000;

export interface RateLimiter {
  /**
   * Counts a call and returns undefined, or returns the whole seconds to wait when the call is over a limit (it is
   * then not counted). `channel` is the channel a chat.postMessage posts to.
   */
  admit(method: string, tier: RateTier | undefined, channel: string | undefined): number | undefined;
  reset(): void;
}

export function createRateLimiter(now: () => number): RateLimiter {
  // Per method: when each call in the last minute arrived, oldest first.
  const recent = new Map<string, number[]>();
  // Per channel: chat.postMessage's token bucket.
  const buckets = new Map<string, { tokens: number; at: number }>();

  function perMinute(method: string, limit: number): number | undefined {
    const at = now();
    const times = (recent.get(method) ?? []).filter((t) => at - t < MINUTE_MS);
    recent.set(method, times);
    const oldest = times[0];
    if (oldest !== undefined && times.length >= limit) return wholeSeconds(oldest + MINUTE_MS - at);
    times.push(at);
    return undefined;
  }

  function perChannel(channel: string): number | undefined {
    const at = now();
    const { perSecond, burst } = POST_MESSAGE_PER_CHANNEL;
    const bucket = buckets.get(channel) ?? { tokens: burst, at };
    bucket.tokens = Math.min(burst, bucket.tokens + ((at - bucket.at) / 1000) * perSecond);
    bucket.at = at;
    buckets.set(channel, bucket);
    if (bucket.tokens < 1) return wholeSeconds(((1 - bucket.tokens) / perSecond) * 1000);
    bucket.tokens -= 1;
    return undefined;
  }

  return {
    admit(method, tier, channel) {
      if (method === "chat.postMessage") return channel === undefined ? undefined : perChannel(channel);
      if (tier === undefined || tier === "t5") return undefined;
      return perMinute(method, TIER_REQUESTS_PER_MINUTE[tier]);
    },
    reset() {
      recent.clear();
      buckets.clear();
    },
  };
}

// Retry-After carries whole seconds; rounding down would send the client back too early.
function wholeSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
