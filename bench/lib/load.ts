// A closed-loop HTTP load generator: `connections` keep-alive connections, each sending its next
// request when the previous answer arrives, until `maxRequests` have been sent or `maxMs` has passed.
// It only ever targets 127.0.0.1, and it always stops by itself.
import http from "node:http";
import { signSlackRequest } from "../../src/emulator/signing.js";

export interface LoadOptions {
  /** http://127.0.0.1:<port>/<path> */
  url: string;
  connections: number;
  maxRequests: number;
  maxMs: number;
  /** Per-request limit; a request that takes longer counts as a timeout. */
  timeoutMs?: number;
  signingSecret: string;
  /** The form body of request number `i` (each must be unique where the server deduplicates). */
  body(i: number): string;
  /**
   * Opens the connections first with one unmeasured request each (numbered from 1,000,000), so the
   * run measures answers on open keep-alive connections. Opening them is slow and serial: 50 new
   * connections took 150–450 ms to answer in turn, on the bare app too, which alone decided the
   * p99 of a short run.
   */
  openFirst?: boolean;
}

export interface LoadResult {
  /**
   * Milliseconds from writing the request to the last byte of the answer, for every answer whatever
   * its status (Bolt answers 404 when no ack came within 3 s: that is a late ack, not a fast one).
   * A request with no answer (timeout, reset) counts with the time it was given up at: a lower bound.
   */
  latencies: number[];
  /** When each request was sent, in ms from the start of the run (same order as latencies). */
  sentAt: number[];
  statuses: Record<string, number>;
  errors: number;
  /** Requests Slack would count as failed: answered after 3 s, answered other than 2xx, or not answered. */
  late: number;
  /** Unmeasured requests that opened the connections (openFirst) and were answered 200. */
  openingAcks: number;
  elapsedMs: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.url);
  if (target.hostname !== "127.0.0.1" || target.protocol !== "http:") {
    throw new Error(`the load generator only targets http://127.0.0.1, not ${target.origin}`);
  }
  const maxRequests = Math.min(options.maxRequests, 1_000_000);
  const maxMs = Math.min(options.maxMs, 10 * 60_000);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  const sentAt: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let late = 0;
  let sent = 0;
  let started = performance.now();
  let deadline = started + maxMs;
  let measuring = true;
  let openingAcks = 0;

  const send = (i: number) =>
    new Promise<void>((resolve) => {
      const body = options.body(i);
      const headers = {
        "content-type": "application/x-www-form-urlencoded",
        "content-length": Buffer.byteLength(body),
        "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
        ...signSlackRequest({ signingSecret: options.signingSecret, body }),
      };
      const t0 = performance.now();
      let done = false;
      /** Records one request's outcome, once: a status, or undefined when no answer came. */
      const finish = (status: string | undefined) => {
        if (done) return;
        done = true;
        if (!measuring) {
          if (status === "200") openingAcks++;
          return resolve();
        }
        const ms = performance.now() - t0;
        latencies.push(ms);
        sentAt.push(t0 - started);
        if (status === undefined) errors++;
        else statuses[status] = (statuses[status] ?? 0) + 1;
        if (status === undefined || ms > 3000 || !status.startsWith("2")) late++;
        resolve();
      };
      const request = http.request(
        { host: "127.0.0.1", port: target.port, path: target.pathname, method: "POST", headers, agent },
        (response) => {
          response.on("data", () => undefined);
          response.on("end", () => finish(String(response.statusCode ?? 0)));
          response.on("error", () => finish(undefined));
        },
      );
      request.setTimeout(timeoutMs, () => request.destroy(new Error("timeout")));
      request.on("error", () => finish(undefined));
      request.end(body);
    });

  if (options.openFirst) {
    measuring = false;
    await Promise.all(Array.from({ length: options.connections }, (_, c) => send(1_000_000 + c)));
    measuring = true;
    started = performance.now();
    deadline = started + maxMs;
  }
  const worker = async () => {
    while (sent < maxRequests && performance.now() < deadline) {
      await send(sent++);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return {
    latencies,
    sentAt,
    statuses,
    errors,
    late,
    openingAcks,
    elapsedMs,
  };
}
