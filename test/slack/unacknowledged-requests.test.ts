import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { unacknowledgedRequests } from "../../src/slack/unacknowledged-requests.js";
import { eventually } from "../helpers/eventually.js";

describe("unacknowledgedRequests", () => {
  it("is busy from a request's arrival until its response is sent, and says when it goes idle", async () => {
    const answers: Array<() => void> = [];
    const server = createServer((_request, response) => {
      answers.push(() => response.end("ok"));
    });
    const open = unacknowledgedRequests("/slack/events");
    let idleCalls = 0;
    open.onIdle(() => idleCalls++);
    open.watch(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const get = (path = "/slack/events?x=1") =>
      new Promise<number>((resolve, reject) => {
        request({ port, host: "127.0.0.1", path, agent: false }, (response) => {
          response.resume();
          response.on("end", () => resolve(response.statusCode ?? 0));
        })
          .on("error", reject)
          .end();
      });
    try {
      expect(open.busy).toBe(false);
      const first = get();
      const second = get();
      while (answers.length < 2) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(open.busy).toBe(true);
      answers[0]?.();
      expect(await first).toBe(200);
      expect([open.busy, idleCalls]).toEqual([true, 0]);
      answers[1]?.();
      expect(await second).toBe(200);
      // The server sees its response close just around the time the client reads it.
      await eventually(
        async () => idleCalls,
        (calls) => calls > 0,
        2000,
      );
      expect([open.busy, idleCalls]).toEqual([false, 1]);
      // A health check or a metrics scrape is owed nothing by Slack's deadline.
      const scrape = get("/metrics");
      while (answers.length < 3) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(open.busy).toBe(false);
      answers[2]?.();
      expect(await scrape).toBe(200);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
