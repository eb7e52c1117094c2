// Slack's side of the digest fan-out benchmark (bench/lib/digest-fanout.ts), in a process of its own: the in-repo
// Slack Web API emulator with its rate limits ON (src/emulator/rate-limits.ts), so a bot that posts to a channel
// faster than Slack allows, or calls a method more often than its tier allows, is answered 429 and the bench counts
// it. Every message the bot puts in a channel (top-level posts, thread replies, file shares) is recorded with its
// time; on stop the record goes to BENCH_FANOUT_RECORD as JSON for the bench to read.
import { writeFileSync } from "node:fs";
import { startSlackApiServer } from "../../src/emulator/web-api-server.js";
import { serve } from "./harness.js";

/** One message in a channel, as the bench reads it back. */
export interface ChannelMessage {
  channel: string;
  /** Epoch milliseconds the emulator accepted it. */
  at: number;
  kind: "post" | "reply" | "file";
}

export interface FanoutRecord {
  messages: ChannelMessage[];
  /** 429s answered, by method. */
  rateLimited: Record<string, number>;
  violations: string[];
}

await serve(async () => {
  const { BENCH_BOT_TOKEN: botToken, BENCH_FANOUT_RECORD: recordPath } = process.env;
  if (!botToken || !recordPath) throw new Error("BENCH_BOT_TOKEN and BENCH_FANOUT_RECORD must be set");
  const emulator = await startSlackApiServer({
    botToken,
    strict: false,
    rateLimits: true,
    log: (line) => console.error(line),
  });
  const record: FanoutRecord = { messages: [], rateLimited: {}, violations: [] };
  // Channels with at least one top-level post, which the bench polls to know when the fan-out is over.
  const posted = new Set<string>();
  let rateLimitedTotal = 0;
  emulator.onEvent((event) => {
    if (event.type === "call") {
      const { method, args, ok, at } = event.call;
      if (ok && method === "chat.postMessage" && typeof args.channel === "string") {
        const reply = typeof args.thread_ts === "string";
        record.messages.push({ channel: args.channel, at, kind: reply ? "reply" : "post" });
        if (!reply) posted.add(args.channel);
      } else if (ok && method === "files.completeUploadExternal") {
        const channel =
          typeof args.channel_id === "string"
            ? args.channel_id
            : typeof args.channels === "string"
              ? args.channels
              : undefined;
        if (channel) record.messages.push({ channel, at, kind: "file" });
      }
      // The emulator keeps every call and upload otherwise; the record above is all the bench needs.
      emulator.calls.length = 0;
    } else if (event.type === "rate_limited") {
      rateLimitedTotal++;
      record.rateLimited[event.call.method] = (record.rateLimited[event.call.method] ?? 0) + 1;
    } else if (event.type === "violation") {
      if (record.violations.length < 20) record.violations.push(event.message);
      console.error(`Slack contract violation: ${event.message}`);
    }
  });
  return {
    port: Number(new URL(emulator.url).port),
    signingSecret: "",
    info: { apiUrl: emulator.apiUrl },
    counters: () => ({
      channelsPosted: posted.size,
      messages: record.messages.length,
      rateLimited: rateLimitedTotal,
    }),
    async stop() {
      writeFileSync(recordPath, JSON.stringify(record));
      await emulator.close();
    },
  };
});
