// The real bot for the ack benchmark, started as production starts it in HTTP mode (startBot:
// signed requests on /slack/events), on an existing database named by BENCH_DATABASE_URL, talking
// to the Slack emulator of bench/servers/slack-api.ts at BENCH_SLACK_API_URL. Slack's side runs in
// its own process, so this process's CPU and peak RSS are the bot's alone. BENCH_SCHEDULER=on runs
// the digest scheduler too, as a production replica does (the digest fan-out bench starts several,
// each named by BENCH_REPLICA_ID in its digest claims); the ack bench leaves it off.
import { randomBytes } from "node:crypto";
import { startBot } from "../../src/bootstrap.js";
import { loadConfig } from "../../src/config/env.js";
import { createDatabase } from "../../src/db/client.js";
import { createLogger } from "../../src/infra/logger.js";
import { serve } from "./harness.js";

await serve(async () => {
  const {
    BENCH_DATABASE_URL: url,
    BENCH_SLACK_API_URL: slackApiUrl,
    BENCH_BOT_TOKEN: botToken,
  } = process.env;
  if (!url || !slackApiUrl || !botToken)
    throw new Error("BENCH_DATABASE_URL, BENCH_SLACK_API_URL and BENCH_BOT_TOKEN must be set");
  const signingSecret = randomBytes(16).toString("hex");
  const config = loadConfig({
    DATABASE_URL: url,
    SLACK_BOT_TOKEN: botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: slackApiUrl,
    TF_ADMINS: process.env.BENCH_ADMIN ?? "",
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "info",
  });
  const logger = createLogger(config.logLevel);
  const database = await createDatabase(config.databaseUrl);
  const bot = await startBot({
    config,
    logger,
    database,
    slackApiUrl,
    transport: { kind: "http", botToken, signingSecret, port: 0, host: "127.0.0.1" },
    scheduler: process.env.BENCH_SCHEDULER === "on",
    ...(process.env.BENCH_REPLICA_ID ? { replicaId: process.env.BENCH_REPLICA_ID } : {}),
  });
  return {
    port: bot.slack.port,
    signingSecret,
    counters: () => ({}),
    async stop() {
      await bot.stop();
      await database.close();
    },
  };
});
