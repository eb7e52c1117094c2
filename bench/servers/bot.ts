// The real bot for the ack benchmark, started the way tests and local mode start it: startLocalMode
// (HTTP mode, signed requests, the in-repo Slack emulator) on an existing database named by
// BENCH_DATABASE_URL. Its peak RSS is this process's: the bot plus the emulator it talks to, whose
// recordings are dropped as they arrive so they do not count.
import { loadConfig } from "../../src/config/env.js";
import { createDatabase } from "../../src/db/client.js";
import { createLogger } from "../../src/infra/logger.js";
import { startLocalMode } from "../../src/local/local-mode.js";
import { serve } from "./harness.js";

await serve(async () => {
  const url = process.env.BENCH_DATABASE_URL;
  if (!url) throw new Error("BENCH_DATABASE_URL is not set");
  const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "info" });
  const logger = createLogger(config.logLevel);
  const database = await createDatabase(config.databaseUrl);
  const local = await startLocalMode({
    config,
    logger,
    database,
    interactive: false,
    quiet: true,
    scheduler: false,
    port: 0,
  });
  const { signingSecret } = local;

  let responses = 0;
  let errorReplies = 0;
  const calls: Record<string, number> = {};
  local.emulator.onEvent((event) => {
    if (event.type === "response") {
      responses++;
      const text = (event.body as { text?: unknown } | undefined)?.text;
      if (typeof text !== "string" || text.includes(":warning:")) {
        // The first few, on stderr (the bench's log of this process) to say what went wrong.
        if (++errorReplies <= 3) console.error(`error reply: ${String(text).slice(0, 300)}`);
      }
      local.emulator.responses.delete(event.id);
    } else if (event.type === "call") {
      const key = `call:${event.call.method}`;
      calls[key] = (calls[key] ?? 0) + 1;
      local.emulator.calls.length = 0;
    }
  });
  return {
    port: local.bot.slack.port,
    signingSecret,
    info: { responseUrlBase: local.emulator.responseUrl("ID").replace(/ID$/, "") },
    counters: () => ({ responses, errorReplies, ...calls }),
    async stop() {
      await local.bot.stop();
      await database.close();
    },
  };
});
