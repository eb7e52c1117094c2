// Starts the real bot in Socket Mode, as production does with SLACK_APP_TOKEN: it calls apps.connections.open on the
// Slack emulator and dials the Socket Mode emulator's WebSocket. The driver plays Slack through a relay, so each
// command, interaction or event reaches the bot as a Socket Mode envelope and the driver's answer is the bot's ack.
import { type Bot, startBot } from "../../src/bootstrap.js";
import { type Config, loadConfig } from "../../src/config/env.js";
import { seedReferenceData } from "../../src/db/seed/seed.js";
import { createSlackDriver, type SlackActor, type SlackDriver } from "../../src/emulator/slack-driver.js";
import { type SocketModeServer, startSocketModeServer } from "../../src/emulator/socket-mode-server.js";
import { type SlackApiServer, startSlackApiServer } from "../../src/emulator/web-api-server.js";
import { createLogger } from "../../src/infra/logger.js";
import { createTestDatabase, type TestDatabase } from "./database.js";

export const socketBotToken = "xoxb-socket-mode-test";
export const socketAppToken = "xapp-1-test";
const startTimeoutMs = 15_000;

export interface SocketTestBot {
  bot: Bot;
  emulator: SlackApiServer;
  socket: SocketModeServer;
  driver: SlackDriver;
  database: TestDatabase;
  config: Config;
  /** The port SocketModeReceiver serves /healthz and /metrics on. */
  httpPort: number;
  /** Runs a command over Socket Mode and returns the mrkdwn text the bot posted to its response_url. */
  reply(text: string, actor?: Partial<SlackActor>): Promise<string>;
  stop(): Promise<void>;
}

export async function startSocketTestBot(
  options: { env?: Record<string, string>; clock?: () => Date } = {},
): Promise<SocketTestBot> {
  const database = await createTestDatabase();
  await seedReferenceData(database.db.prisma);
  const config = loadConfig({ LOG_LEVEL: "silent", ...options.env });
  const logger = createLogger(config.logLevel);
  const emulator = await startSlackApiServer({
    botToken: socketBotToken,
    strict: true,
    log: (line) => logger.warn(line),
  });
  const socket = await startSocketModeServer({ api: emulator });
  const cleanUp = async () => {
    await socket.close();
    await emulator.close();
    await database.drop();
  };

  let bot: Bot;
  try {
    bot = await withinStartTimeout(
      startBot({
        config,
        logger,
        database: database.db,
        slackApiUrl: emulator.apiUrl,
        transport: {
          kind: "socket",
          botToken: socketBotToken,
          appToken: socketAppToken,
          port: 0,
          host: "127.0.0.1",
        },
        clock: options.clock,
        scheduler: false,
      }),
      emulator,
      socket,
    );
  } catch (error) {
    await cleanUp();
    throw error;
  }

  const driver = createSlackDriver({
    url: socket.relayUrl,
    // Socket Mode requests are not signed; the relay ignores the signature headers the driver adds.
    signingSecret: "socket-mode-requests-are-not-signed",
    api: emulator,
  });
  return {
    bot,
    emulator,
    socket,
    driver,
    database,
    config,
    httpPort: bot.slack.port,
    async reply(text, actor = {}) {
      const result = await driver.command(text, actor);
      if (result.status !== 200)
        throw new Error(`the envelope was answered ${result.status}: ${result.body}`);
      const body = (await emulator.waitForResponse(result.responseUrlId, 10_000)) as { text?: string };
      return body.text ?? "";
    },
    async stop() {
      // The bot first: closing the WebSocket under a running client would make it reconnect.
      await bot.stop();
      await cleanUp();
    },
  };
}

/** startBot resolves once Slack's hello arrives; fail with what the emulators saw rather than hang. */
async function withinStartTimeout(
  starting: Promise<Bot>,
  emulator: SlackApiServer,
  socket: SocketModeServer,
): Promise<Bot> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const opened = emulator.calls.filter((c) => c.method === "apps.connections.open").length;
      const hint =
        opened === 0
          ? " The bot never called apps.connections.open on the emulator: SocketModeReceiver's Web API client " +
            "does not get the App's clientOptions, so startSlackApp must pass " +
            "installerOptions.clientOptions.slackApiUrl (src/slack/app.ts)."
          : "";
      reject(
        new Error(
          `The bot did not start in Socket Mode within ${startTimeoutMs} ms: ${opened} apps.connections.open ` +
            `call(s), ${socket.connections.length} WebSocket connection(s).${hint}`,
        ),
      );
    }, startTimeoutMs);
  });
  try {
    return await Promise.race([starting, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
