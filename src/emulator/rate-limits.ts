// Slack's Web API rate limits, kept here once for the emulator and the tests. Source: "Rate limits",
// https://docs.slack.dev/apis/web-api/rate-limits (limits apply per method, per workspace, per app). Each method's
// tier is in its reference, ../shared/slack/web-api-methods/<method>.json, as "rate_limits": "t1" … "t5".

/**
 * Requests per minute each tier allows. Slack writes these as minimums ("20+ per minute") and tolerates some burst
 * above them; the emulator holds an app to the minimum, the most it can count on.
 */
export const TIER_REQUESTS_PER_MINUTE = { t1: 1, t2: 20, t3: 50, t4: 100 } as const;

/**
 * chat.postMessage's own ("Special", t5) limit: "1 per second" per channel, "short bursts >1 allowed". Slack names no
 * burst size; 3 lets a message, its thread reply and one more through at once. The other t5 methods (auth.test,
 * chat.getPermalink) have no published figure and are not limited.
 */
export const POST_MESSAGE_PER_CHANNEL = { perSecond: 1, burst: 3 } as const;
