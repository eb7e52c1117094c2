import type { ServerResponse } from "node:http";
import type { CustomRoute } from "@slack/bolt";
import type { Metrics } from "../metrics.js";

/** /healthz and /metrics, served by the same HTTP server that Bolt listens on. */
export function operationalRoutes(deps: {
  metrics: Metrics;
  databaseHealthy: () => Promise<boolean>;
}): CustomRoute[] {
  return [
    {
      path: "/healthz",
      method: ["GET"],
      handler: (_req, res) => {
        void deps.databaseHealthy().then(
          (healthy) =>
            send(res, healthy ? 200 : 503, "application/json", JSON.stringify(healthBody(healthy))),
          () => send(res, 503, "application/json", JSON.stringify(healthBody(false))),
        );
      },
    },
    {
      path: "/metrics",
      method: ["GET"],
      handler: (_req, res) => {
        void deps.metrics.registry.metrics().then(
          (text) => send(res, 200, deps.metrics.registry.contentType, text),
          () => send(res, 500, "text/plain", "metrics unavailable\n"),
        );
      },
    },
  ];
}

function healthBody(databaseUp: boolean) {
  return { status: databaseUp ? "ok" : "unavailable", process: "up", database: databaseUp ? "up" : "down" };
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { "content-type": contentType, "cache-control": "no-store" });
  res.end(body);
}
