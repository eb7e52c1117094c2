import type { Server } from "node:http";
import type { Pressure } from "../infra/concurrency.js";

/**
 * Requests on Slack's endpoint that have not been answered yet, i.e. acks still owed. Work queued
 * after earlier acks gives way while any are open (see workQueue), so a burst of commands is
 * acknowledged first and answered right after. Requests are counted from the HTTP server
 * itself, as Bolt's receiver exposes no hook before it parses and verifies a request. Only those
 * on `path` count: a /metrics scrape or a health check is owed nothing by Slack's deadline.
 */
export function unacknowledgedRequests(path: string): Pressure & { watch(server: Server): void } {
  let open = 0;
  const idleListeners: Array<() => void> = [];
  return {
    get busy() {
      return open > 0;
    },
    onIdle(listener) {
      idleListeners.push(listener);
    },
    watch(server) {
      server.on("request", (request, response) => {
        if (pathOf(request.url) !== path) return;
        open++;
        // "close" fires once for every response: sent in full, or the connection dropped.
        response.once("close", () => {
          open--;
          if (open === 0) for (const listener of idleListeners) listener();
        });
      });
    },
  };
}

/** The path of a request's URL, without its query. */
export function pathOf(url: string | undefined): string {
  if (!url) return "";
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}
