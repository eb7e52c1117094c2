import { z } from "zod";
import { parseDatabaseUrl } from "../db/url.js";
import { type ConfiguredAdmin, parseConfiguredAdmin } from "../domain/access/identity.js";
import { isTimeZone } from "../domain/time/zones.js";

/**
 * The only reader of the process environment: main() and the CLI pass `process.env` here once and
 * hand the frozen result down. A bad value stops start-up with one message per variable.
 */

function isDatabaseUrl(url: string): boolean {
  try {
    parseDatabaseUrl(url);
    return true;
  } catch {
    return false;
  }
}

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const envSchema = z.object({
  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || /^xox[bp]-/.test(v), {
    message: 'expected a bot token starting with "xoxb-"',
  }),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith("xapp-"), {
    message: 'expected an app-level token starting with "xapp-"',
  }),
  SLACK_API_URL: z
    .url({ message: "expected an http(s) URL such as https://slack.com/api/" })
    .default("https://slack.com/api/")
    .transform((url) => (url.endsWith("/") ? url : `${url}/`)),
  PORT: z.coerce
    .number({ message: "expected a port number" })
    .int({ message: "expected a whole port number" })
    .min(0, { message: "expected a port from 0 to 65535" })
    .max(65535, { message: "expected a port from 0 to 65535" })
    .default(3000),
  DATABASE_URL: z.string().default("file:./data/taskforce.db").refine(isDatabaseUrl, {
    message: 'expected "file:<path>" for SQLite or "postgres://user@host:port/db" for PostgreSQL',
  }),
  TF_ADMINS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(/[\s,]+/)
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .refine((ids) => ids.every((id) => parseConfiguredAdmin(id) !== undefined), {
      message:
        "expected a comma-separated list of Slack users, each T…:U… (workspace and user) or a bare U… (a user of the bot's own workspace), such as U012ABCDEF,T0PARTNER:U034GHIJKL",
    })
    .transform((ids) => ids.map((id) => parseConfiguredAdmin(id) as ConfiguredAdmin)),
  TASKFORCE_TIMEZONE: z
    .string()
    .default("America/New_York")
    .refine(isTimeZone, { message: "expected an IANA time zone such as America/New_York" }),
  TF_WEEK_START: z.enum(["monday", "sunday"], { message: 'expected "monday" or "sunday"' }).default("monday"),
  LOG_LEVEL: z
    .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      message: "expected one of fatal, error, warn, info, debug, trace, silent",
    })
    .default("info"),
  OPENAI_API_KEY: optionalText,
  OPENAI_BASE_URL: optionalText.refine((v) => v === undefined || URL.canParse(v), {
    message: "expected a URL such as http://localhost:11434/v1",
  }),
  OPENAI_MODEL: optionalText,
});

export type SlackMode =
  | { kind: "socket"; botToken: string; appToken: string; signingSecret?: string }
  | { kind: "http"; botToken: string; signingSecret: string }
  | { kind: "local" };

export interface Config {
  slack: SlackMode;
  slackApiUrl: string;
  port: number;
  databaseUrl: string;
  /** From TF_ADMINS; a bare user id is resolved against the bot's own workspace at start. */
  admins: readonly ConfiguredAdmin[];
  timeZone: string;
  weekStart: "monday" | "sunday";
  logLevel: z.infer<typeof envSchema>["LOG_LEVEL"];
  /** Undefined unless a model is configured: the narrative is off by default. */
  llm?: { apiKey?: string; baseUrl?: string; model: string };
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return Object.freeze({
    slack: slackMode(e),
    slackApiUrl: e.SLACK_API_URL,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    admins: Object.freeze(e.TF_ADMINS),
    timeZone: e.TASKFORCE_TIMEZONE,
    weekStart: e.TF_WEEK_START,
    logLevel: e.LOG_LEVEL,
    llm: llmConfig(e),
  });
}

type Env = z.infer<typeof envSchema>;

function slackMode(e: Env): SlackMode {
  const { SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_APP_TOKEN: appToken } = e;
  if (!botToken && !signingSecret && !appToken) return { kind: "local" };
  if (!botToken) {
    throw new ConfigError(
      "Invalid configuration:\n  SLACK_BOT_TOKEN: required when SLACK_SIGNING_SECRET or SLACK_APP_TOKEN is set (the xoxb- token from OAuth & Permissions)",
    );
  }
  if (appToken) return { kind: "socket", botToken, appToken, signingSecret };
  if (!signingSecret) {
    throw new ConfigError(
      "Invalid configuration:\n  SLACK_SIGNING_SECRET: required in HTTP mode (Basic Information → Signing Secret); or set SLACK_APP_TOKEN for Socket Mode",
    );
  }
  return { kind: "http", botToken, signingSecret };
}

function llmConfig(e: Env): Config["llm"] {
  if (!e.OPENAI_API_KEY && !e.OPENAI_BASE_URL) return undefined;
  if (!e.OPENAI_MODEL) {
    throw new ConfigError(
      "Invalid configuration:\n  OPENAI_MODEL: required when OPENAI_API_KEY or OPENAI_BASE_URL is set (e.g. gpt-4o-mini, llama3.1)",
    );
  }
  return { apiKey: e.OPENAI_API_KEY, baseUrl: e.OPENAI_BASE_URL, model: e.OPENAI_MODEL };
}
