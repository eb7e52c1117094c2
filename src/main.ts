import { type Bot, openDatabase, StartupError, startBot } from "./bootstrap.js";
import { ConfigError, loadConfig } from "./config/env.js";
import type { Database } from "./db/client.js";
import { createLogger } from "./infra/logger.js";
import { SlackTokenError } from "./slack/app.js";

/** How long in-flight work may take to finish after SIGTERM before we exit anyway. */
const shutdownGraceMs = 10_000;

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const database = await openDatabase(config.databaseUrl, logger);

  let bot: Bot;
  if (config.slack.kind === "local") {
    // Local mode's Slack emulator is loaded only in local mode.
    const { startLocalMode } = await import("./local/local-mode.js");
    bot = (await startLocalMode({ config, logger, database, interactive: process.stdin.isTTY === true })).bot;
  } else {
    const slack = config.slack;
    bot = await startBot({
      config,
      logger,
      database,
      slackApiUrl: config.slackApiUrl,
      transport:
        slack.kind === "socket"
          ? { kind: "socket", botToken: slack.botToken, appToken: slack.appToken, port: config.port }
          : { kind: "http", botToken: slack.botToken, signingSecret: slack.signingSecret, port: config.port },
    });
    logger.info({ mode: slack.kind, port: bot.slack.port }, "Task Force Bot started");
  }
  installShutdown(bot, database, logger);
}

function installShutdown(bot: Bot, database: Database, logger: ReturnType<typeof createLogger>): void {
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const forced = setTimeout(() => {
      logger.error({ graceMs: shutdownGraceMs }, "in-flight work did not finish in time; exiting");
      process.exit(1);
    }, shutdownGraceMs);
    forced.unref();
    bot
      .stop()
      .then(() => database.close())
      .then(
        () => {
          logger.info("stopped cleanly");
          process.exit(0);
        },
        (error) => {
          logger.error({ err: error }, "error while shutting down");
          process.exit(1);
        },
      );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError || error instanceof SlackTokenError) {
    console.error(error.message);
  } else {
    console.error("Task Force Bot failed to start:", error);
  }
  process.exit(1);
});
