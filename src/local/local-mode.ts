import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { type Bot, startBot } from "../bootstrap.js";
import type { Config } from "../config/env.js";
import type { Database } from "../db/client.js";
import { renderMessage, renderView } from "../emulator/render-text.js";
import { createSlackDriver, type SlackActor, type SlackDriver } from "../emulator/slack-driver.js";
import { type EmulatedTeam, type SlackApiServer, startSlackApiServer } from "../emulator/web-api-server.js";
import type { Logger } from "../infra/logger.js";
import { createLocalConsole, type LocalConsole } from "./console/console.js";

/** The person trying the bot locally; made an admin so every command can be tried. */
export const localUserId = "ULOCAL0001";

/** Whom the console starts with: you (an admin), a teammate with no role yet, a partner agency's officer. */
const consolePeople = (homeTeamId: string) => [
  { userId: localUserId, name: "you", teamId: homeTeamId },
  { userId: "U0TEAMMATE", name: "teammate", teamId: homeTeamId },
  { userId: "U0PARTNER1", name: "partner-officer", teamId: "T0PARTNER1" },
];
/** The channels the console lists before any digest is scheduled. */
const consoleChannels = [
  { id: "C0TASKF0RC", name: "task-force" },
  { id: "C0COMMAND1", name: "command-staff" },
];
const localBotToken = "xoxb-local-emulator";

export interface LocalMode {
  bot: Bot;
  /** The browser console at / on the bot's port. */
  console: LocalConsole;
  /** http://127.0.0.1:<port>/ */
  consoleUrl: string;
  emulator: SlackApiServer;
  driver: SlackDriver;
  /** The throwaway secret requests to this bot are signed with, for tools that sign their own. */
  signingSecret: string;
  /** Runs one `/tf` command (text after `/tf`) and returns the reply rendered as plain text. */
  run(text: string, actor?: Partial<SlackActor>): Promise<string>;
}

/**
 * Runs the real bot, in HTTP mode with a throwaway signing secret, against the built-in Slack
 * emulator. Commands go through the same signed HTTP path Slack uses, so what a person sees
 * here is what Slack would show.
 */
export async function startLocalMode(options: {
  config: Config;
  logger: Logger;
  database: Database;
  interactive: boolean;
  port?: number;
  quiet?: boolean;
  /** Tests: the emulator answers contract breaches with errors instead of only logging them. */
  strict?: boolean;
  /** Make the local user an admin (the default), so a newcomer can try every command. */
  localAdmin?: boolean;
  /** Post scheduled digests (on unless turned off, e.g. for a one-shot `tf run`). */
  scheduler?: boolean;
  clock?: () => Date;
  /** Tests: how many acknowledged commands may wait for their turn. */
  maxWaitingCommands?: number;
  /** Tests: the emulator's clock (epoch ms) for trigger and response_url expiry and rate limits. */
  slackNow?: () => number;
  /** The emulated workspace (e.g. one in a Grid org); the emulator's default otherwise. */
  team?: Partial<EmulatedTeam>;
}): Promise<LocalMode> {
  const { logger } = options;
  const config: Config =
    options.localAdmin === false
      ? options.config
      : { ...options.config, admins: [...options.config.admins, { userId: localUserId }] };
  const signingSecret = randomBytes(16).toString("hex");
  const emulator = await startSlackApiServer({
    botToken: localBotToken,
    strict: options.strict ?? false,
    log: (line) => logger.warn(line),
    ...(options.slackNow ? { now: options.slackNow } : {}),
    ...(options.team ? { team: options.team } : {}),
  });
  emulator.onEvent((event) => {
    if (event.type === "violation") logger.warn({ violation: event.message }, "Slack contract violation");
  });
  const localConsole = createLocalConsole({
    people: consolePeople(emulator.team.id),
    channels: consoleChannels,
  });
  const started = await startBot({
    config,
    logger,
    database: options.database,
    slackApiUrl: emulator.apiUrl,
    transport: {
      kind: "http",
      botToken: localBotToken,
      signingSecret,
      port: options.port ?? config.port,
      host: "127.0.0.1",
    },
    clock: options.clock,
    scheduler: options.scheduler,
    maxWaitingCommands: options.maxWaitingCommands,
    extraRoutes: localConsole.routes,
  });
  const bot: Bot = {
    ...started,
    async stop() {
      localConsole.stop();
      await started.stop();
      await emulator.close();
    },
  };
  const driver = createSlackDriver({
    url: `http://127.0.0.1:${bot.slack.port}/slack/events`,
    signingSecret,
    api: emulator,
    actor: { userId: localUserId, userName: "you" },
  });
  // The channel commands come from, with the bot in it, and the person at the prompt: known to the emulator, so
  // the checks that need membership apply to them as to any channel and user a test describes.
  emulator.setChannel(driver.actor.channelId, { name: driver.actor.channelName, isMember: true });
  emulator.setUser(localUserId, { name: driver.actor.userName });
  localConsole.attach({ bot, emulator, driver });
  const consoleUrl = `http://127.0.0.1:${bot.slack.port}/`;

  let sequence = 0;
  const run = async (text: string, actor: Partial<SlackActor> = {}): Promise<string> => {
    const responseUrlId = `local-${++sequence}`;
    const reply = awaitReply(emulator, responseUrlId);
    const result = await driver.command(text, { ...actor, responseUrlId });
    if (result.status !== 200) {
      reply.cancel();
      return `(the bot answered HTTP ${result.status})`;
    }
    return reply.text;
  };

  if (!options.quiet) printBanner(bot.slack.port, emulator.url, consoleUrl);
  if (options.interactive) startPrompt(run);
  return { bot, console: localConsole, consoleUrl, emulator, driver, signingSecret, run };
}

/** The bot's answer to a command: its post to the command's response_url, or a modal it opened. */
function awaitReply(emulator: SlackApiServer, responseUrlId: string, timeoutMs = 15_000) {
  let unsubscribe: () => void = () => undefined;
  const text = new Promise<string>((resolve) => {
    const timer = setTimeout(() => finish(`(no reply within ${timeoutMs / 1000} seconds)`), timeoutMs);
    const finish = (rendered: string) => {
      clearTimeout(timer);
      unsubscribe();
      resolve(rendered);
    };
    unsubscribe = emulator.onEvent((event) => {
      if (event.type === "response" && event.id === responseUrlId) {
        finish(renderMessage(event.body as Parameters<typeof renderMessage>[0]));
      } else if (event.type === "call" && event.call.method === "views.open" && event.call.ok) {
        finish(`(a modal opened)\n${renderView(event.call.args.view)}`);
      }
    });
  });
  return { text, cancel: () => unsubscribe() };
}

function printBanner(port: number, emulatorUrl: string, consoleUrl: string): void {
  console.log(`
Task Force Bot is running in LOCAL MODE: no Slack credentials are set, so it talks to a built-in
Slack emulator (${emulatorUrl}) instead of Slack. Bot HTTP endpoint: http://127.0.0.1:${port}/slack/events

Open the console in a browser to see every reply, form and Home as Slack draws them:
  ${consoleUrl}

Or type a command at the prompt, for example:
  /tf help
  as U0TEAMMATE /tf help        (run it as another Slack user)
From another terminal:  npx tf run "/tf help" --as U123
You are ${localUserId}, an admin in local mode. Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (HTTP) or
SLACK_APP_TOKEN (Socket Mode) to connect to a real workspace. Ctrl-C stops the bot.
`);
}

function startPrompt(run: LocalMode["run"]): void {
  const prompt = createInterface({ input: process.stdin, output: process.stdout, prompt: "tf> " });
  prompt.prompt();
  prompt.on("line", (line) => {
    const match = /^\s*(?:as\s+(\S+)\s+)?(.*)$/.exec(line);
    const text = (match?.[2] ?? "").trim();
    if (!text) return prompt.prompt();
    if (!text.startsWith("/tf")) {
      console.log('Commands start with /tf, e.g. "/tf help".');
      return prompt.prompt();
    }
    const userId = match?.[1];
    void run(text.replace(/^\/tf\s*/, ""), userId ? { userId } : {}).then((reply) => {
      console.log(reply);
      prompt.prompt();
    });
  });
  prompt.on("close", () => process.kill(process.pid, "SIGTERM"));
}
