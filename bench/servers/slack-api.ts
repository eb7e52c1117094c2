// Slack's side of the ack benchmark, in a process of its own as Slack is in production: the in-repo
// Slack Web API emulator, which also receives the bot's posts to response_url. It counts them (the
// bench waits on that count) and drops each recording as it arrives, so it can run for hours.
import { startSlackApiServer } from "../../src/emulator/web-api-server.js";
import { serve } from "./harness.js";

await serve(async () => {
  const botToken = process.env.BENCH_BOT_TOKEN;
  if (!botToken) throw new Error("BENCH_BOT_TOKEN is not set");
  // Rate limits off: the benchmark measures the bot under load, not Slack's per-method quotas.
  const emulator = await startSlackApiServer({
    botToken,
    strict: false,
    rateLimits: false,
    log: (line) => console.error(line),
  });
  let responses = 0;
  let errorReplies = 0;
  let busyReplies = 0;
  const calls: Record<string, number> = {};
  emulator.onEvent((event) => {
    if (event.type === "response") {
      responses++;
      const text = (event.body as { text?: unknown } | undefined)?.text;
      if (typeof text === "string" && text.startsWith(":hourglass:")) busyReplies++;
      else if (typeof text !== "string" || text.includes(":warning:")) {
        // The first few, on stderr (the bench's log of this process) to say what went wrong.
        if (++errorReplies <= 3) console.error(`error reply: ${String(text).slice(0, 300)}`);
      }
      emulator.responses.delete(event.id);
    } else if (event.type === "call") {
      const key = `call:${event.call.method}`;
      calls[key] = (calls[key] ?? 0) + 1;
      emulator.calls.length = 0;
    } else if (event.type === "violation") {
      console.error(`Slack contract violation: ${event.message}`);
    }
  });
  return {
    port: Number(new URL(emulator.url).port),
    signingSecret: "",
    info: { apiUrl: emulator.apiUrl, responseUrlBase: emulator.responseUrl("ID").replace(/ID$/, "") },
    counters: () => ({ responses, errorReplies, busyReplies, ...calls }),
    stop: () => emulator.close(),
  };
});
