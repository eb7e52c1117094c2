import { App, HTTPReceiver, LogLevel, SocketModeReceiver } from "@slack/bolt";
import { operationalRoutes } from "../infra/http/routes.js";
import type { Metrics } from "../infra/metrics.js";
import type { Services } from "../usecases/services.js";
import { boltLogger } from "./bolt-logger.js";
import { registerCommandListener } from "./listeners/commands.js";
import { registerViewListeners } from "./listeners/views.js";

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
          customRoutes,
          installerOptions: { port: transport.port },
          logger,
        });

  const app = new App({
    token: transport.botToken,
    receiver,
    logger,
    logLevel: LogLevel.INFO,
    clientOptions: { slackApiUrl: options.slackApiUrl },
    // auth.test at construction would make a network call before we have logged anything useful;
    // the first real call fails loudly instead.
    tokenVerificationEnabled: false,
  });

  app.error(async (error) => {
    services.logger.error({ err: error }, "unhandled Slack listener error");
  });

  const listenerDeps = { services, metrics, clock: options.clock ?? (() => new Date()) };
  registerCommandListener(app, listenerDeps);
  registerViewListeners(app, listenerDeps);

  let port = transport.port;
  if (transport.kind === "http") {
    const server = await app.start({ port: transport.port, host: transport.host });
    const address = server.address();
    if (address && typeof address === "object") port = address.port;
  } else {
    await app.start();
  }
  return {
    app,
    port,
    stop: () => app.stop().then(() => undefined),
  };
}
