// Starts the real bot the way local mode does — HTTP mode, signed requests, the Slack emulator —
// on a fresh database of the engine under test, with the emulator in strict mode so any call
// that breaks Slack's contract fails the test.
import type { Config } from "../../src/config/env.js";
import { loadConfig } from "../../src/config/env.js";
import { seedReferenceData } from "../../src/db/seed/seed.js";
import type { SlackActor } from "../../src/emulator/slack-driver.js";
import type { EmulatedTeam } from "../../src/emulator/web-api-server.js";
import { createLogger, type Logger } from "../../src/infra/logger.js";
import { type LocalMode, startLocalMode } from "../../src/local/local-mode.js";
import { createTestDatabase, type TestDatabase } from "./database.js";

export interface TestBot extends LocalMode {
  database: TestDatabase;
  config: Config;
  /** The bot's request URL. */
  url: string;
  /** Runs a command and returns the mrkdwn text the bot posted to its response_url. */
  reply(text: string, actor?: Partial<SlackActor>): Promise<string>;
  stop(): Promise<void>;
}

export async function startTestBot(
  options: {
    env?: Record<string, string>;
    clock?: () => Date;
    /** Run the digest scheduler, as a real start does (off by default: tests drive ticks). */
    scheduler?: boolean;
    /** Start on this database (e.g. to restart a bot) instead of a fresh one; stop() leaves it. */
    database?: TestDatabase;
    /** How many acknowledged commands may wait for their turn (the busy answer beyond it). */
    maxWaitingCommands?: number;
    /** The Slack emulator's clock (epoch ms): trigger and response_url expiry, rate limits. Real time otherwise. */
    slackNow?: () => number;
    /** The emulated workspace the bot is installed in (e.g. one in a Grid org). */
    team?: Partial<EmulatedTeam>;
    /** The bot's logger, e.g. captureLogs().logger to read what it logged; silent otherwise. */
    logger?: Logger;
  } = {},
): Promise<TestBot> {
  const database = options.database ?? (await createTestDatabase());
  if (!options.database) await seedReferenceData(database.db.prisma);
  const config = loadConfig({ LOG_LEVEL: "silent", ...options.env });
  const local = await startLocalMode({
    config,
    logger: options.logger ?? createLogger(config.logLevel),
    database: database.db,
    interactive: false,
    quiet: true,
    strict: true,
    localAdmin: false,
    scheduler: options.scheduler ?? false,
    port: 0,
    clock: options.clock,
    maxWaitingCommands: options.maxWaitingCommands,
    slackNow: options.slackNow,
    team: options.team,
  });
  return {
    ...local,
    database,
    config,
    url: `http://127.0.0.1:${local.bot.slack.port}/slack/events`,
    async reply(text, actor = {}) {
      const result = await local.driver.command(text, actor);
      if (result.status !== 200) throw new Error(`the bot answered HTTP ${result.status}`);
      const body = (await local.emulator.waitForResponse(result.responseUrlId, 10_000)) as { text?: string };
      return body.text ?? "";
    },
    async stop() {
      await local.bot.stop();
      if (!options.database) await database.drop();
    },
  };
}
