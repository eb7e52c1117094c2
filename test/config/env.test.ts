import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/config/env.js";

describe("loadConfig", () => {
  it("runs in local mode with defaults when no Slack credentials are set", () => {
    const config = loadConfig({});
    expect(config.slack).toEqual({ kind: "local" });
    expect(config.databaseUrl).toBe("file:./data/taskforce.db");
    expect(config.timeZone).toBe("America/New_York");
    expect(config.port).toBe(3000);
    expect(config.slackApiUrl).toBe("https://slack.com/api/");
    expect(config.admins).toEqual([]);
    expect(config.llm).toBeUndefined();
  });

  it("chooses HTTP mode with a bot token and signing secret, Socket Mode with an app token", () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" }).slack.kind).toBe("http");
    expect(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }).slack.kind).toBe("socket");
  });

  it("parses admins and normalises the API URL for GovSlack", () => {
    const config = loadConfig({
      TF_ADMINS: "U01ABC, W02DEF,T0PARTNER:U03GHI E0GRIDORG:W04JKL",
      SLACK_API_URL: "https://slack-gov.com/api",
    });
    expect(config.admins).toEqual([
      { userId: "U01ABC" },
      { userId: "W02DEF" },
      { teamId: "T0PARTNER", userId: "U03GHI" },
      { teamId: "E0GRIDORG", userId: "W04JKL" },
    ]);
    expect(config.slackApiUrl).toBe("https://slack-gov.com/api/");
  });

  it.each([
    [{ PORT: "http" }, "PORT: expected a port number"],
    [{ PORT: "70000" }, "PORT: expected a port from 0 to 65535"],
    [
      { TASKFORCE_TIMEZONE: "Mars/Olympus" },
      "TASKFORCE_TIMEZONE: expected an IANA time zone such as America/New_York",
    ],
    [{ TF_ADMINS: "alice" }, "TF_ADMINS: expected a comma-separated list of Slack users, each T…:U…"],
    [
      { TF_ADMINS: "U01ABC:T0PARTNER" },
      "TF_ADMINS: expected a comma-separated list of Slack users, each T…:U…",
    ],
    [
      { TF_ADMINS: "T0PARTNER:U01:X" },
      "TF_ADMINS: expected a comma-separated list of Slack users, each T…:U…",
    ],
    [{ DATABASE_URL: "mysql://x" }, 'DATABASE_URL: expected "file:<path>" for SQLite'],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL: expected one of fatal, error"],
    [
      { SLACK_SIGNING_SECRET: "s" },
      "SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set",
    ],
    [{ SLACK_BOT_TOKEN: "xoxb-1" }, "SLACK_SIGNING_SECRET: required in HTTP mode"],
    [{ SLACK_BOT_TOKEN: "bot" }, 'SLACK_BOT_TOKEN: expected a bot token starting with "xoxb-"'],
    [
      { OPENAI_BASE_URL: "http://localhost:11434/v1" },
      "OPENAI_MODEL: required when OPENAI_API_KEY or OPENAI_BASE_URL is set",
    ],
  ])("rejects %o naming the variable", (env, expected) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(expected);
  });
});
