import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/env.js";
import { type SlackApiServer, startSlackApiServer } from "../../src/emulator/web-api-server.js";
import { createLogger } from "../../src/infra/logger.js";
import { createMetrics } from "../../src/infra/metrics.js";
import { checkBotToken, startSlackApp } from "../../src/slack/app.js";
import { createServices } from "../../src/usecases/services.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";

describe("the bot token is checked once, at start", () => {
  let emulator: SlackApiServer;
  let database: TestDatabase;
  beforeAll(async () => {
    emulator = await startSlackApiServer({ botToken: "xoxb-the-right-one", strict: true });
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await emulator?.close();
    await database?.drop();
  });

  const start = async (botToken: string) => {
    const config = loadConfig({ LOG_LEVEL: "silent" });
    const identity = await checkBotToken(botToken, emulator.apiUrl);
    return startSlackApp({
      transport: { kind: "http", botToken, signingSecret: "secret", port: 0, host: "127.0.0.1" },
      identity,
      slackApiUrl: emulator.apiUrl,
      services: createServices({
        config,
        home: { teamId: identity.teamId },
        database: database.db,
        logger: createLogger("silent"),
      }),
      metrics: createMetrics(),
    });
  };

  it("stops start-up with a message naming the variable when Slack rejects the token", async () => {
    await expect(start("xoxb-a-wrong-one")).rejects.toThrow(
      `Slack rejected SLACK_BOT_TOKEN (invalid_auth) at ${emulator.apiUrl}.`,
    );
  });

  it("calls auth.test once, not once per request", async () => {
    emulator.reset();
    const app = await start("xoxb-the-right-one");
    try {
      expect(emulator.calls.filter((c) => c.method === "auth.test")).toHaveLength(1);
    } finally {
      await app.stop();
    }
  });
});
