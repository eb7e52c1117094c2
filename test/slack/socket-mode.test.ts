import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  envelopeIdHeader,
  type SocketModeServer,
  startSocketModeServer,
} from "../../src/emulator/socket-mode-server.js";
import { type SlackApiServer, startSlackApiServer } from "../../src/emulator/web-api-server.js";
import { testEngine } from "../helpers/database.js";
import { type SocketTestBot, socketAppToken, startSocketTestBot } from "../helpers/socket-bot.js";

const admin = "U0ADMIN001";
const narc = "U0NARC0001";
const helpStart = "*Task Force Bot commands you can run*\n";
const clock = () => new Date("2025-03-10T15:00:00Z");

describe(`Socket Mode end to end (${testEngine})`, () => {
  let t: SocketTestBot;
  const db = () => t.database.db.prisma;
  const connectionsOpened = () => t.emulator.calls.filter((c) => c.method === "apps.connections.open");
  const envelope = (id: string | null) => t.socket.delivered.find((d) => d.envelope.envelope_id === id);

  beforeAll(async () => {
    t = await startSocketTestBot({ env: { TF_ADMINS: admin }, clock });
  });
  afterAll(async () => {
    await t?.stop();
  });
  afterEach(() => {
    // Every envelope acked in time, every Web API call and response_url post within Slack's contract.
    expect(t.emulator.violations).toEqual([]);
    expect(t.socket.delivered.filter((d) => d.late || !d.ack)).toEqual([]);
  });

  it("opens its connection with the app-level token and is greeted with hello", () => {
    const [open] = connectionsOpened();
    expect(connectionsOpened()).toHaveLength(1);
    expect(open).toMatchObject({ token: socketAppToken, ok: true });
    expect(open?.response.url).toMatch(
      /^ws:\/\/127\.0\.0\.1:\d+\/link\/\?ticket=[0-9a-f]{32}&app_id=A0TFB0T001$/,
    );
    expect(t.socket.connections).toHaveLength(1);
    expect(t.socket.connections[0]).toMatchObject({
      open: true,
      appToken: socketAppToken,
      hello: { type: "hello", num_connections: 1, connection_info: { app_id: t.emulator.bot.appId } },
    });
  });

  it("acks a /tf help slash command envelope within 3 s, then answers at its response_url", async () => {
    const result = await t.driver.command("help", { userId: admin });
    expect(result.status).toBe(200);
    const id = result.headers.get(envelopeIdHeader);
    expect(envelope(id)?.envelope).toMatchObject({
      type: "slash_commands",
      accepts_response_payload: true,
      payload: {
        command: "/tf",
        text: "help",
        user_id: admin,
        response_url: t.emulator.responseUrl(result.responseUrlId),
        trigger_id: result.triggerId,
      },
    });
    const ack = await t.socket.waitForAck(id ?? "");
    // Bolt acks over the socket as { envelope_id, payload }; a bare ack() sends an empty payload.
    expect(ack.raw).toEqual({ envelope_id: id, payload: {} });

    const reply = (await t.emulator.waitForResponse(result.responseUrlId, 10_000)) as Record<string, unknown>;
    expect(reply.response_type).toBe("ephemeral");
    expect(String(reply.text).startsWith(helpStart)).toBe(true);
  });

  it("records a seizure a member sends over the socket, once an admin has assigned them", async () => {
    expect(
      await t.reply(`assign <@${narc}> unit:sntf agency:CSP from:2025-01-01`, { userId: admin }),
    ).toMatch(/^Registered assignment A-1: /);
    const before = await db().seizureReport.count();
    expect(await t.reply("seizure guns:2 cash:$1,200 arrests:1", { userId: narc })).toMatch(
      /^Recorded seizure S-1 on 2025-03-10: Statewide Narcotics Task Force \(CSP\)/,
    );
    expect(await db().seizureReport.count()).toBe(before + 1);
    const report = await db().seizureReport.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(report).toMatchObject({
      firearms: 2,
      currencyCents: 120_000n,
      arrests: 1,
      occurredOn: "2025-03-10",
    });
  });

  it("acks an app_home_opened events_api envelope", async () => {
    const result = await t.driver.event({
      type: "app_home_opened",
      user: narc,
      channel: "D0NARC0001",
      tab: "home",
    });
    expect(result.status).toBe(200);
    const id = result.headers.get(envelopeIdHeader);
    expect(envelope(id)?.envelope).toMatchObject({
      type: "events_api",
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: "",
      payload: {
        type: "event_callback",
        event_id: result.eventId,
        event: { type: "app_home_opened", tab: "home" },
      },
    });
    const ack = await t.socket.waitForAck(id ?? "");
    expect(ack.raw).toEqual({ envelope_id: id, payload: {} });
    // The bot answers the event by drawing the Home tab; let it finish before the next test.
    expect((await t.emulator.waitForCall("views.publish", 10_000)).args.user_id).toBe(narc);
  });

  it("answers an invalid /tf assign form in the view_submission ack, and a valid one with an empty ack", async () => {
    const command = await t.driver.command("assign", { userId: admin, channelId: "C0OPS00001" });
    expect(command.status).toBe(200);
    const opened = await t.emulator.waitForCall("views.open", 10_000);
    expect(opened.ok).toBe(true);
    const viewId = String((opened.response.view as { id: string }).id);
    const values = (unit: string) => ({
      member: { value: { type: "users_select", selected_user: narc } },
      unit: { value: { type: "static_select", selected_option: { value: unit } } },
      agency: { value: { type: "static_select", selected_option: { value: "CSP" } } },
      from: { value: { type: "datepicker", selected_date: "2025-03-15" } },
    });
    const before = await db().assignment.count();

    // The officer already runs A-1 in the narcotics task force: the clash comes back beside the unit field.
    const clash = await t.driver.viewSubmission({ viewId, userId: admin, values: values("sntf") });
    expect(clash.status).toBe(200);
    const id = clash.headers.get(envelopeIdHeader);
    expect(envelope(id)?.envelope).toMatchObject({
      type: "interactive",
      accepts_response_payload: true,
      payload: { type: "view_submission", view: { id: viewId, callback_id: "tf_assign" } },
    });
    const errors = {
      response_action: "errors",
      // Named as Slack names the officer (the emulator makes up a lower-case name).
      errors: { unit: expect.stringContaining(`@${narc.toLowerCase()} already has assignment A-1`) },
    };
    expect(clash.body).toEqual(errors);
    const ack = await t.socket.waitForAck(id ?? "");
    expect(ack.raw).toEqual({ envelope_id: id, payload: errors });
    expect(await db().assignment.count()).toBe(before);

    const ok = await t.driver.viewSubmission({ viewId, userId: admin, values: values("vctf") });
    expect(ok.status).toBe(200);
    expect(ok.body).toBe("");
    const confirmation = await t.emulator.waitForCall("chat.postEphemeral", 10_000);
    expect(confirmation.args).toMatchObject({ channel: "C0OPS00001", user: admin });
    expect(String(confirmation.args.text)).toMatch(/^Registered assignment A-2: /);
    expect(await db().assignment.count()).toBe(before + 1);
  });

  it("reconnects after a refresh_requested disconnect and keeps answering commands", async () => {
    const second = t.socket.waitForConnection(2, 20_000);
    await t.socket.disconnect("refresh_requested");
    // @slack/socket-mode closes the socket itself on a disconnect message, then waits before dialling again.
    expect(t.socket.connections[0]).toMatchObject({ open: false, closedBy: "client", closeCode: 1000 });

    const connection = await second;
    const opens = connectionsOpened();
    expect(opens).toHaveLength(2);
    expect(opens[1]).toMatchObject({ token: socketAppToken, ok: true });
    expect(opens[1]?.response.url).not.toBe(opens[0]?.response.url);
    expect(connection).toMatchObject({ id: 2, open: true, hello: { type: "hello", num_connections: 1 } });

    expect((await t.reply("help", { userId: narc })).startsWith(helpStart)).toBe(true);
    expect(t.socket.delivered.at(-1)?.connectionId).toBe(2);
  }, 30_000);

  it("still serves /healthz and /metrics on the HTTP port in Socket Mode", async () => {
    const health = await fetch(`http://127.0.0.1:${t.httpPort}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", process: "up", database: "up" });
    const metrics = await fetch(`http://127.0.0.1:${t.httpPort}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('tf_slack_requests_total{surface="command"}');
  });
});

describe("the Socket Mode emulator", () => {
  let api: SlackApiServer;
  let socket: SocketModeServer;
  const clients: WebSocket[] = [];

  beforeAll(async () => {
    api = await startSlackApiServer({ strict: true, log: () => undefined });
    socket = await startSocketModeServer({ api, ackTimeoutMs: 200 });
  });
  afterAll(async () => {
    for (const client of clients) client.terminate();
    await socket?.close();
    await api?.close();
  });

  const open = async (token: string) => {
    const response = await fetch(`${api.apiUrl}apps.connections.open`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/x-www-form-urlencoded" },
    });
    return (await response.json()) as { ok: boolean; url?: string; error?: string };
  };
  const connect = (url: string) =>
    new Promise<{ client: WebSocket; hello: unknown }>((resolve, reject) => {
      const client = new WebSocket(url);
      clients.push(client);
      client.once("message", (data) => resolve({ client, hello: JSON.parse(String(data)) }));
      client.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
      client.once("error", reject);
    });

  it("hands out WebSocket URLs only for an app-level token, each usable once", async () => {
    expect(await open("xoxb-a-bot-token")).toEqual({ ok: false, error: "invalid_auth" });
    const opened = await open("xapp-1-A0-1-secret");
    expect(opened.ok).toBe(true);
    const { hello } = await connect(opened.url ?? "");
    expect(hello).toMatchObject({
      type: "hello",
      num_connections: 1,
      connection_info: { app_id: api.bot.appId },
    });
    await expect(connect(opened.url ?? "")).rejects.toThrow("HTTP 401");
    expect(api.violations).toEqual([expect.stringContaining("a WebSocket URL was used twice")]);
  });

  it("refuses the app-level token on other methods, and says when no Socket Mode server is attached", async () => {
    api.reset();
    const post = await fetch(`${api.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: { authorization: "Bearer xapp-1-A0-1-secret", "content-type": "application/json" },
      body: JSON.stringify({ channel: "C0TASKF0RC", text: "hi" }),
    });
    expect(await post.json()).toEqual({ ok: false, error: "not_allowed_token_type" });
    expect(api.violations).toEqual([expect.stringContaining("called with the app-level token")]);

    const bare = await startSlackApiServer({ log: () => undefined });
    try {
      const response = await fetch(`${bare.apiUrl}apps.connections.open`, {
        method: "POST",
        headers: { authorization: "Bearer xapp-1-A0-1-secret" },
      });
      expect(await response.json()).toEqual({ ok: false, error: "internal_error" });
      expect(bare.violations).toEqual([expect.stringContaining("no Socket Mode server")]);
    } finally {
      await bare.close();
    }
  });

  it("flags an envelope not acked in time, an ack for no envelope, and a payload on an events_api ack", async () => {
    api.reset();
    const { client } = await connect((await open("xapp-1-A0-1-secret")).url ?? "");
    const late = socket.deliver({ type: "slash_commands", payload: { command: "/tf", text: "help" } });
    await expect(socket.waitForAck(late)).rejects.toThrow("not acked in 200 ms");
    expect(api.violations).toEqual([
      expect.stringMatching(/slash_commands envelope .* \(\/tf help\) was not acked/),
    ]);

    const event = socket.deliver({
      type: "events_api",
      payload: { type: "event_callback", event: { type: "x" } },
    });
    client.send(JSON.stringify({ envelope_id: event, payload: { text: "hi" } }));
    client.send(JSON.stringify({ envelope_id: "no-such-envelope" }));
    expect((await socket.waitForAck(event)).payload).toEqual({ text: "hi" });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(api.violations.slice(1)).toEqual([
      expect.stringContaining("carries a payload, which Slack ignores"),
      expect.stringContaining("an ack for unknown envelope no-such-envelope"),
    ]);
  });
});
