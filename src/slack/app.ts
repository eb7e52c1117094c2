import { App, HTTPReceiver, LogLevel, SocketModeReceiver } from "@slack/bolt";
import { operationalRoutes } from "../infra/http/routes.js";
import { startOperationalServer } from "../infra/http/server.js";
import type { Metrics } from "../infra/metrics.js";
import type { Services } from "../usecases/services.js";
import { boltLogger } from "./bolt-logger.js";
import { registerCommandListener } from "./listeners/commands.js";
import { registerHomeListeners } from "./listeners/home.js";
import { registerViewListeners } from "./listeners/views.js";
import { registerDeduplication } from "./middleware/deduplicate.js";

export type SlackTransport =
  | { kind: "http"; botToken: string; signingSecret: string; port: number; host?: string }
  | { kind: "socket"; botToken: string; appToken: string; port: number; host?: string };

export interface SlackAppOptions {
  transport: SlackTransport;
  slackApiUrl: string;
  services: Services;
  metrics: Metrics;
  clock?: () => Date;
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
  const customRoutes = operationalRoutes({ metrics, databaseHealthy: services.databaseHealthy });

  const receiver =
    transport.kind === "http"
      ? new HTTPReceiver({
          signingSecret: transport.signingSecret,
          endpoints: "/slack/events",
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

  const app = new App({
    token: transport.botToken,
    receiver,
    logger,
    logLevel: LogLevel.INFO,
    clientOptions: {
      slackApiUrl: options.slackApiUrl,
      // Retry 429s (after Retry-After) and 5xx for about 15 s, not the client's default half hour:
      // a digest that still fails is retried by the next scheduler tick, and a tick must not stall.
      retryConfig: { retries: 4, factor: 2, minTimeout: 1000, maxTimeout: 8000 },
    },
    // auth.test at construction would make a network call before we have logged anything useful;
    // the first real call fails loudly instead.
    tokenVerificationEnabled: false,
  });

  app.error(async (error) => {
    services.logger.error({ err: error }, "unhandled Slack listener error");
  });

  const listenerDeps = { services, metrics, clock: options.clock ?? (() => new Date()) };
  registerDeduplication(app, listenerDeps);
  registerCommandListener(app, listenerDeps);
  registerViewListeners(app, listenerDeps);
  registerHomeListeners(app, listenerDeps);

  if (transport.kind === "http") {
    const server = await app.start({ port: transport.port, host: transport.host });
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
