import { App, type CustomRoute, HTTPReceiver, LogLevel, SocketModeReceiver, webApi } from "@slack/bolt";
import { workQueue } from "../infra/concurrency.js";
import { operationalRoutes } from "../infra/http/routes.js";
import { startOperationalServer } from "../infra/http/server.js";
import type { Metrics } from "../infra/metrics.js";
import type { Services } from "../usecases/services.js";
import { boltLogger } from "./bolt-logger.js";
import { commandsAcknowledgedFirst } from "./commands-acknowledged-first.js";
import { registerCommandListener } from "./listeners/commands.js";
import { registerHomeListeners } from "./listeners/home.js";
import { registerInstallationListeners } from "./listeners/installation.js";
import { registerViewListeners } from "./listeners/views.js";
import { registerDeduplication } from "./middleware/deduplicate.js";
import { slackFetch } from "./slack-fetch.js";
import { unacknowledgedRequests } from "./unacknowledged-requests.js";

/** Commands worked on at once (after their acks); the rest wait. */
const commandConcurrency = 8;
/**
 * Commands acknowledged but not yet worked on, at most. About 5 s of /tf trends work at the rate
 * measured on 2 cores (bench/ack.ts); a longer wait would be answered too late to be of use.
 */
const maxWaitingCommands = 5000;
/**
 * The longest a command's work gives way to acks still owed. Short: a command that opens a modal
 * must call views.open within 3 s of the person's trigger.
 */
const maxDeferMs = 1000;
/** Where Slack sends commands, interactions and events in HTTP mode. */
const eventsPath = "/slack/events";

export type SlackTransport =
  | { kind: "http"; botToken: string; signingSecret: string; port: number; host?: string }
  | { kind: "socket"; botToken: string; appToken: string; port: number; host?: string };

export interface SlackAppOptions {
  transport: SlackTransport;
  /** The bot's own ids, from checkBotToken. */
  identity: BotIdentity;
  slackApiUrl: string;
  services: Services;
  metrics: Metrics;
  clock?: () => Date;
  /** Overrides how many acknowledged commands may wait for their turn (tests of the busy answer). */
  maxWaitingCommands?: number;
  /** More routes on the same HTTP server: local mode's console. */
  extraRoutes?: CustomRoute[];
}

export interface RunningSlackApp {
  app: App;
  /** The port the HTTP server (events in HTTP mode; health and metrics in both) listens on. */
  port: number;
  stop(): Promise<void>;
}

/**
 * Builds the one Bolt app. Receivers do transport only; every listener calls into routeCommand
 * or a use case. In HTTP mode Slack calls POST /slack/events; in Socket Mode the bot dials out and
 * the same port serves only /healthz and /metrics.
 */
export async function startSlackApp(options: SlackAppOptions): Promise<RunningSlackApp> {
  const { transport, services, metrics } = options;
  const logger = boltLogger(services.logger);
  const customRoutes = [
    ...operationalRoutes({ metrics, databaseHealthy: services.databaseHealthy }),
    ...(options.extraRoutes ?? []),
  ];

  const receiver =
    transport.kind === "http"
      ? new HTTPReceiver({
          signingSecret: transport.signingSecret,
          endpoints: eventsPath,
          customRoutes,
          logger,
        })
      : new SocketModeReceiver({
          appToken: transport.appToken,
          // The socket client takes its own client options: without them apps.connections.open
          // would go to slack.com whatever SLACK_API_URL says (GovSlack, the emulator). A fresh
          // object, because the client adds a 100-retry policy to the one it is given.
          installerOptions: { clientOptions: { slackApiUrl: options.slackApiUrl } },
          logger,
        });

  const { identity } = options;
  const app = new App({
    token: transport.botToken,
    // Known up front, so Bolt does not call auth.test for every incoming request (it does when
    // token verification is off and these are missing: measured, one call per slash command).
    botId: identity.botId,
    botUserId: identity.botUserId,
    receiver,
    logger,
    logLevel: LogLevel.INFO,
    clientOptions: {
      slackApiUrl: options.slackApiUrl,
      // Retry 429s (after Retry-After) and 5xx for about 15 s, not the client's default half hour:
      // a digest that still fails is retried by the next scheduler tick, and a tick must not stall.
      retryConfig: { retries: 4, factor: 2, minTimeout: 1000, maxTimeout: 8000 },
      fetch: slackFetch,
    },
    // Verified once by botIdentity, with an error that says what is wrong.
    tokenVerificationEnabled: false,
  });

  app.error(async (error) => {
    services.logger.error({ err: error }, "unhandled Slack listener error");
  });

  const listenerDeps = { services, metrics, clock: options.clock ?? (() => new Date()) };
  // In Socket Mode acks go back over the socket, not as HTTP responses, and nothing is counted.
  const openRequests = transport.kind === "http" ? unacknowledgedRequests(eventsPath) : undefined;
  const commandWork = workQueue({
    concurrency: commandConcurrency,
    maxWaiting: options.maxWaitingCommands ?? maxWaitingCommands,
    yieldTo: openRequests,
    maxDeferMs,
  });
  if (receiver instanceof HTTPReceiver && transport.kind === "http") {
    receiver.requestListener = commandsAcknowledgedFirst({
      path: eventsPath,
      signingSecret: transport.signingSecret,
      bolt: receiver.requestListener,
      dispatch: (event) => app.processEvent(event),
      work: commandWork,
      logger: services.logger,
    });
  }
  registerDeduplication(app, listenerDeps);
  registerCommandListener(app, { ...listenerDeps, work: commandWork });
  registerViewListeners(app, listenerDeps);
  registerHomeListeners(app, listenerDeps);
  registerInstallationListeners(app, { ...listenerDeps, botUserId: identity.botUserId });

  if (transport.kind === "http") {
    const server = await app.start({ port: transport.port, host: transport.host });
    openRequests?.watch(server);
    const address = server.address();
    return {
      app,
      port: address && typeof address === "object" ? address.port : transport.port,
      stop: () => app.stop().then(() => undefined),
    };
  }
  // Socket Mode: /healthz and /metrics on a server of our own, started before the socket so a
  // taken port stops start-up before anything connects.
  const operational = await startOperationalServer(customRoutes, {
    port: transport.port,
    host: transport.host,
  });
  await app.start();
  return {
    app,
    port: operational.port,
    async stop() {
      await app.stop();
      await operational.close();
    },
  };
}

export class SlackTokenError extends Error {
  override name = "SlackTokenError";
}

export interface BotIdentity {
  botId: string;
  botUserId: string;
  /** The workspace the token belongs to: bare TF_ADMINS ids mean users of it. */
  teamId: string;
  /** Its Enterprise Grid org, when it is in one: user ids are then unique across the org. */
  enterpriseId?: string;
}

/** Checks the bot token once at start (auth.test) and returns the bot's ids and workspace. */
export async function checkBotToken(token: string, slackApiUrl: string): Promise<BotIdentity> {
  const client = new webApi.WebClient(token, { slackApiUrl, retryConfig: { retries: 2 } });
  try {
    const result = await client.auth.test();
    if (!result.bot_id || !result.user_id)
      throw new SlackTokenError("auth.test did not name a bot: is SLACK_BOT_TOKEN a bot (xoxb-) token?");
    // An org-wide install answers with the org and no workspace of its own.
    const teamId = result.team_id || result.enterprise_id;
    if (!teamId) throw new SlackTokenError("auth.test named no workspace for SLACK_BOT_TOKEN.");
    return {
      botId: result.bot_id,
      botUserId: result.user_id,
      teamId,
      ...(result.enterprise_id ? { enterpriseId: result.enterprise_id } : {}),
    };
  } catch (error) {
    if (error instanceof SlackTokenError) throw error;
    const code = (error as { data?: { error?: string } }).data?.error;
    throw new SlackTokenError(
      code
        ? `Slack rejected SLACK_BOT_TOKEN (${code}) at ${slackApiUrl}.`
        : `Cannot reach Slack at ${slackApiUrl} to check SLACK_BOT_TOKEN: ${(error as Error).message}`,
    );
  }
}
