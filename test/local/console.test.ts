// The local console's API, over real HTTP against the real bot in local mode: what a page sends
// reaches the bot as Slack's signed payloads, and what the bot sent comes back as the page draws it.
// (test/browser/ drives the page itself in Chromium.)
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/env.js";
import { createLogger } from "../../src/infra/logger.js";
import { createMetrics } from "../../src/infra/metrics.js";
import { startSlackApp } from "../../src/slack/app.js";
import { createServices } from "../../src/usecases/services.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { testEngine } from "../helpers/database.js";
import { eventually } from "../helpers/eventually.js";

const you = "ULOCAL0001";
const admin = "U0ADMIN001";
const channel = "C0TASKF0RC";

describe(`the local console (${testEngine})`, () => {
  let bot: TestBot;
  const url = (path: string) => `${bot.consoleUrl}${path.replace(/^\//, "")}`;
  const post = async (path: string, body: Record<string, unknown>) => {
    const response = await fetch(url(path), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };
  const state = async (user: string, extra = "") =>
    (await (await fetch(url(`/console/state?user=${user}&channel=${channel}${extra}`))).json()) as {
      version: number;
      channelHtml: string;
      homeHtml: string;
      modal: { id: string; html: string } | null;
      people: Array<{ userId: string; role: string | null; unmappedWorkspace: string | null }>;
      channels: Array<{ id: string; name: string }>;
    };

  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: admin } });
    await post("/console/people", { user: admin, name: "chief", team: bot.emulator.team.id });
  });
  afterAll(() => bot?.stop());

  it("serves the page and its script and styles at / on the bot's own port", async () => {
    const page = await fetch(bot.consoleUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await page.text()).toContain('<script src="/console/console.js"></script>');
    for (const asset of ["/console/console.js", "/console/layout.css", "/console/blocks.css"]) {
      expect((await fetch(url(asset))).status).toBe(200);
    }
  });

  it("runs a typed command as the chosen person and shows the reply to them alone", async () => {
    const sent = await post("/console/command", { user: admin, channel, text: "/tf help" });
    expect(sent).toEqual({ status: 200, json: { status: 200, body: "" } });
    const mine = await eventually(
      () => state(admin),
      (s) => s.channelHtml.includes("Task Force Bot commands you can run"),
    );
    expect(mine.channelHtml).toContain("Only visible to you");
    expect((await state("U0TEAMMATE")).channelHtml).not.toContain("commands you can run");
  });

  it("shows each person's role, and a partner workspace as not mapped", async () => {
    const { people } = await state(admin);
    expect(people.map((p) => [p.userId, p.role, p.unmappedWorkspace])).toEqual([
      [you, null, null],
      ["U0TEAMMATE", null, null],
      ["U0PARTNER1", null, "T0PARTNER1"],
      [admin, "admin", null],
    ]);
  });

  it("opens a form, shows the bot's field errors, and closes it when the bot accepts the submission", async () => {
    await post("/console/command", { user: admin, channel, text: "/tf assign" });
    const opened = await eventually(
      () => state(admin),
      (s) => s.modal !== null,
    );
    const viewId = opened.modal?.id as string;
    const refused = await post("/console/submit", { user: admin, viewId, values: {} });
    expect(refused.json.status).toBe(200);
    expect((refused.json.body as { response_action: string }).response_action).toBe("errors");
    expect((await state(admin)).modal?.id).toBe(viewId);
  });

  it("answers a malformed request with what was wrong, never a blank", async () => {
    const noText = await post("/console/command", { user: admin, channel });
    expect(noText).toEqual({ status: 400, json: { error: 'Missing "text".' } });
    const notTf = await post("/console/command", { user: admin, channel, text: "hello" });
    expect(notTf).toEqual({ status: 400, json: { error: 'Commands start with /tf, e.g. "/tf help".' } });
    const response = await fetch(url("/console/command"), { method: "POST", body: "{not json" });
    expect([response.status, await response.json()]).toEqual([
      400,
      { error: "The console sent something that is not JSON." },
    ]);
    const badPerson = await post("/console/people", { user: "alice" });
    expect(badPerson).toEqual({ status: 400, json: { error: "A Slack user id looks like U012ABCDEF." } });
  });

  it("pushes a change to the page's event stream as soon as the bot posts", async () => {
    const controller = new AbortController();
    const stream = await fetch(url("/console/events"), { signal: controller.signal });
    expect(stream.headers.get("content-type")).toBe("text/event-stream");
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    const before = Number(/data: (\d+)/.exec(first)?.[1]);
    await post("/console/command", { user: admin, channel, text: "/tf roster" });
    let seen = before;
    while (seen === before) {
      const chunk = new TextDecoder().decode((await reader.read()).value);
      seen = Number(/data: (\d+)/.exec(chunk)?.[1] ?? before);
    }
    expect(seen).toBeGreaterThan(before);
    controller.abort();
  });

  it("refuses anyone but this machine", async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === "IPv4" && !i.internal)?.address;
    if (!external) return; // no other interface here to come from
    const handler = bot.console.routes.find((r) => r.path === "/")?.handler;
    const server = createServer((req, res) => handler?.(req as never, res));
    await new Promise<void>((resolve) => server.listen(0, "0.0.0.0", resolve));
    try {
      const response = await fetch(`http://${external}:${(server.address() as AddressInfo).port}/`);
      expect([response.status, await response.text()]).toEqual([
        403,
        "The local console answers only on this machine.\n",
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe(`the console against real Slack (${testEngine})`, () => {
  it("is not served in HTTP mode", async () => {
    const local = await startTestBot();
    try {
      const config = loadConfig({ LOG_LEVEL: "silent" });
      const app = await startSlackApp({
        transport: { kind: "http", botToken: "xoxb-t", signingSecret: "s", port: 0, host: "127.0.0.1" },
        identity: { botId: "B1", botUserId: "U0BOT", teamId: "T0TASKF0RC" },
        slackApiUrl: local.emulator.apiUrl,
        services: createServices({
          config,
          home: { teamId: "T0TASKF0RC" },
          database: local.database.db,
          logger: createLogger("silent"),
        }),
        metrics: createMetrics(),
      });
      try {
        const response = await fetch(`http://127.0.0.1:${app.port}/`);
        expect(response.status).toBe(404);
        expect((await fetch(`http://127.0.0.1:${app.port}/console/state`)).status).toBe(404);
      } finally {
        await app.stop();
      }
    } finally {
      await local.stop();
    }
  });
});
