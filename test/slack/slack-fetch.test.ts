import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { slackFetch } from "../../src/slack/slack-fetch.js";

let server: Server | undefined;
const close = () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
afterEach(async () => {
  await close();
  server = undefined;
});

interface Seen {
  method: string | undefined;
  url: string | undefined;
  contentType: string | undefined;
  body: string;
  /** Which connection carried the request, numbered in order of opening. */
  connection: number;
}

/** A real HTTP server that answers each request with what `answer` says and records what it got. */
async function startServer(answer: (request: IncomingMessage) => { status: number; body?: string }) {
  const seen: Seen[] = [];
  let connections = 0;
  const ids = new WeakMap<object, number>();
  server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      seen.push({
        method: request.method,
        url: request.url,
        contentType: request.headers["content-type"],
        body,
        connection: ids.get(request.socket) ?? 0,
      });
      const { status, body: text } = answer(request);
      response.writeHead(status, { "content-type": "application/json", "x-answer": "yes" });
      response.end(text ?? "");
    });
  });
  server.on("connection", (socket) => ids.set(socket, ++connections));
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { base: `http://127.0.0.1:${port}`, seen };
}

describe("slackFetch", () => {
  it("posts respond()'s JSON as sent and reuses the connection for the next reply", async () => {
    const { base, seen } = await startServer(() => ({ status: 200, body: '{"ok":true}' }));
    const post = (text: string) =>
      slackFetch(`${base}/actions/T1/1/abc`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ text }),
      });
    const first = await post("a & b <c>");
    expect([first.ok, first.status, first.headers.get("x-answer"), await first.json()]).toEqual([
      true,
      200,
      "yes",
      { ok: true },
    ]);
    const second = await post("again");
    expect(second.status).toBe(200);
    expect(seen).toEqual([
      {
        method: "POST",
        url: "/actions/T1/1/abc",
        contentType: "application/json",
        body: '{"text":"a & b <c>"}',
        connection: 1,
      },
      {
        method: "POST",
        url: "/actions/T1/1/abc",
        contentType: "application/json",
        body: '{"text":"again"}',
        connection: 1,
      },
    ]);
  });

  it("reports a refused reply by its status, with an empty body", async () => {
    const { base } = await startServer(() => ({ status: 404 }));
    const response = await slackFetch(`${base}/expired`, { method: "POST", body: "{}" });
    expect([response.ok, response.status, await response.text()]).toEqual([false, 404, ""]);
  });

  it("fails, rather than hangs, when nothing listens", async () => {
    const { base } = await startServer(() => ({ status: 200 }));
    await close();
    server = undefined;
    await expect(slackFetch(`${base}/gone`, { method: "POST", body: "{}" })).rejects.toThrow(/ECONNREFUSED/);
  });

  it("sends other requests (a signal, form data) through the global fetch, body read", async () => {
    const { base, seen } = await startServer((request) => ({
      status: 200,
      body: `{"path":"${request.url}"}`,
    }));
    const form = new URLSearchParams({ channel: "C1", text: "hi" });
    const response = await slackFetch(`${base}/api/chat.postMessage`, {
      method: "POST",
      body: form,
      signal: AbortSignal.timeout(5_000),
    });
    expect(await response.json()).toEqual({ path: "/api/chat.postMessage" });
    expect(seen.map((s) => [s.contentType, s.body])).toEqual([
      ["application/x-www-form-urlencoded;charset=UTF-8", "channel=C1&text=hi"],
    ]);
  });
});
