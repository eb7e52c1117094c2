import { createServer } from "node:http";
import type { CustomRoute } from "@slack/bolt";

export interface OperationalServer {
  port: number;
  close(): Promise<void>;
}

/**
 * Serves the operational routes on their own HTTP server, for Socket Mode, where no Bolt receiver
 * listens for HTTP: listening is awaited (a taken port fails start-up cleanly), the real port is
 * known when 0 was asked for, and close waits for the server to be closed.
 */
export async function startOperationalServer(
  routes: readonly CustomRoute[],
  options: { port: number; host?: string },
): Promise<OperationalServer> {
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    const route = routes.find(
      (r) =>
        r.path === path && (Array.isArray(r.method) ? r.method : [r.method]).includes(req.method ?? "GET"),
    );
    if (!route) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    route.handler(Object.assign(req, { params: {} }), res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: address && typeof address === "object" ? address.port : options.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
