// The emulator refuses what Slack refuses, with Slack's own error codes: posting where the bot or the recipient is
// not a member, stale or reused triggers, spent response URLs, uploads never sent, and calls over a rate limit.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { webApi } from "@slack/bolt";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { POST_MESSAGE_PER_CHANNEL, TIER_REQUESTS_PER_MINUTE } from "../../src/emulator/rate-limits.js";
import { loadSlackReference } from "../../src/emulator/slack-reference.js";
import { type SlackApiServer, startSlackApiServer } from "../../src/emulator/web-api-server.js";
import { recordCheck } from "../helpers/conformance.js";

const { WebClient, LogLevel } = webApi;
const reference = loadSlackReference();
const TOKEN = "xoxb-strict-rules";
const silent = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => LogLevel.ERROR,
  setName() {},
};
const modal = { type: "modal" as const, title: { type: "plain_text" as const, text: "Seizure" }, blocks: [] };

function clientFor(server: SlackApiServer) {
  return new WebClient(TOKEN, { slackApiUrl: server.apiUrl, logger: silent, retryConfig: { retries: 0 } });
}

function manifestWithScopes(scopes: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), "tf-emulator-")), "manifest.yml");
  writeFileSync(path, `oauth_config:\n  scopes:\n    bot:\n${scopes.map((s) => `      - ${s}\n`).join("")}`);
  return path;
}

/** One Web API call as raw HTTP, so the status and Retry-After are seen as Slack sends them (WebClient retries). */
async function call(server: SlackApiServer, method: string, args: Record<string, string>) {
  const response = await fetch(`${server.apiUrl}${method}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Bearer ${TOKEN}` },
    body: new URLSearchParams(args).toString(),
  });
  return {
    status: response.status,
    retryAfter: response.headers.get("retry-after"),
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe("Slack emulator: posting needs the bot, and an ephemeral its reader, in the channel", () => {
  let server: SlackApiServer;
  beforeAll(async () => {
    server = await startSlackApiServer({
      strict: true,
      manifestPath: manifestWithScopes(["chat:write", "channels:read"]),
    });
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  it("answers chat.postMessage to a public channel without the bot with not_in_channel, a private one with channel_not_found", async () => {
    recordCheck({
      checked: "chat.postMessage: not_in_channel, channel_not_found",
      source: "Slack's method reference web-api-methods/chat.postMessage.json (errors)",
    });
    server.setChannel("C0PUBLIC01", { isMember: false });
    server.setChannel("C0PRIVATE1", { isMember: false, isPrivate: true });
    const client = clientFor(server);
    await expect(client.chat.postMessage({ channel: "C0PUBLIC01", text: "x" })).rejects.toMatchObject({
      data: { ok: false, error: "not_in_channel" },
    });
    await expect(client.chat.postMessage({ channel: "C0PRIVATE1", text: "x" })).rejects.toMatchObject({
      data: { ok: false, error: "channel_not_found" },
    });
    await expect(client.conversations.info({ channel: "C0PRIVATE1" })).rejects.toMatchObject({
      data: { ok: false, error: "channel_not_found" },
    });
    expect(server.calls.map((c) => [c.method, c.error])).toEqual([
      ["chat.postMessage", "not_in_channel"],
      ["chat.postMessage", "channel_not_found"],
      ["conversations.info", "channel_not_found"],
    ]);
    expect(server.violations).toEqual([]);
  });

  it("takes a channel nobody described on trust, the bot a member of it", async () => {
    recordCheck({
      checked: "conversations.info: is_member of an undescribed channel",
      source: "Slack's method reference web-api-methods/conversations.info.json (errors)",
    });
    const client = clientFor(server);
    expect(await client.conversations.info({ channel: "C0ANYWHERE" })).toMatchObject({
      channel: { id: "C0ANYWHERE", is_member: true },
    });
    expect(await client.chat.postMessage({ channel: "C0ANYWHERE", text: "x" })).toMatchObject({ ok: true });
  });

  it("answers chat.postEphemeral for someone outside the channel with user_not_in_channel", async () => {
    recordCheck({
      checked: "chat.postEphemeral: user_not_in_channel",
      source: "Slack's method reference web-api-methods/chat.postEphemeral.json (errors)",
    });
    server.setUser("U0LEFT0001", { channels: ["C0OTHER001"] });
    const client = clientFor(server);
    await expect(
      client.chat.postEphemeral({ channel: "C0TASKF0RC", user: "U0LEFT0001", text: "Recorded" }),
    ).rejects.toMatchObject({ data: { ok: false, error: "user_not_in_channel" } });
    expect(
      await client.chat.postEphemeral({ channel: "C0OTHER001", user: "U0LEFT0001", text: "Recorded" }),
    ).toMatchObject({ ok: true, message_ts: expect.stringMatching(/^\d+\.\d{6}$/) });
    // Someone nobody described is taken to be in every channel.
    expect(
      await client.chat.postEphemeral({ channel: "C0TASKF0RC", user: "U0ANYONE01", text: "Recorded" }),
    ).toMatchObject({ ok: true });
    server.setChannel("C0NOBOT001", { isMember: false });
    await expect(
      client.chat.postEphemeral({ channel: "C0NOBOT001", user: "U0ANYONE01", text: "Recorded" }),
    ).rejects.toMatchObject({ data: { error: "not_in_channel" } });
  });

  it("lets chat:write.public post to a public channel without the bot, never to a private one", async () => {
    recordCheck({
      checked: "chat.postMessage with chat:write.public",
      source: "https://docs.slack.dev/reference/scopes/chat.write.public",
    });
    const open = await startSlackApiServer({
      strict: true,
      manifestPath: manifestWithScopes(["chat:write", "chat:write.public"]),
    });
    try {
      open.setChannel("C0PUBLIC01", { isMember: false });
      open.setChannel("C0PRIVATE1", { isMember: false, isPrivate: true });
      expect(await clientFor(open).chat.postMessage({ channel: "C0PUBLIC01", text: "x" })).toMatchObject({
        ok: true,
        channel: "C0PUBLIC01",
      });
      await expect(
        clientFor(open).chat.postMessage({ channel: "C0PRIVATE1", text: "x" }),
      ).rejects.toMatchObject({ data: { error: "channel_not_found" } });
    } finally {
      await open.close();
    }
  });
});

describe("Slack emulator: trigger ids, response URLs and uploads", () => {
  let clock = 1_700_000_000_000;
  let server: SlackApiServer;
  beforeAll(async () => {
    server = await startSlackApiServer({
      strict: true,
      now: () => clock,
      manifestPath: manifestWithScopes(["chat:write", "files:write"]),
    });
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  it("refuses views.push with a trigger older than 3 s, used before, or not one Slack issues", async () => {
    recordCheck({
      checked: "views.open/push: expired_trigger_id, exchanged_trigger_id, invalid_trigger_id",
      source: "Slack's method reference web-api-methods/views.push.json (errors)",
    });
    const client = clientFor(server);
    const stale = server.mintTriggerId();
    clock += 3_001;
    await expect(client.views.push({ trigger_id: stale, view: modal })).rejects.toMatchObject({
      data: { ok: false, error: "expired_trigger_id" },
    });
    await expect(client.views.push({ trigger_id: stale, view: modal })).rejects.toMatchObject({
      data: { ok: false, error: "exchanged_trigger_id" },
    });
    await expect(client.views.open({ trigger_id: "not-a-trigger", view: modal })).rejects.toMatchObject({
      data: { ok: false, error: "invalid_trigger_id" },
    });
    expect(server.violations).toEqual([
      "views.push: trigger_id used 3001 ms after it was issued; Slack allows 3000 ms",
      `views.push: trigger_id ${stale} was already used; a trigger opens one view`,
      'views.open: trigger_id "not-a-trigger" is not one Slack issues',
    ]);
  });

  it("answers a sixth post to a response_url, and any post after 30 minutes, with 404", async () => {
    recordCheck({
      checked: "response_url: 5 uses in 30 minutes",
      source: "https://docs.slack.dev/interactivity/handling-user-interaction#message_responses",
    });
    const post = (id: string, text: string) =>
      fetch(server.responseUrl(id), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text }),
      });
    server.responseUrl("five-uses");
    for (let use = 1; use <= 5; use++) expect((await post("five-uses", `reply ${use}`)).status).toBe(200);
    const sixth = await post("five-uses", "reply 6");
    expect([sixth.status, await sixth.json()]).toEqual([404, { ok: false, error: "used_url" }]);

    server.responseUrl("half-hour");
    clock += 30 * 60_000 + 1;
    const late = await post("half-hour", "too late");
    expect([late.status, await late.json()]).toEqual([404, { ok: false, error: "expired_url" }]);
    expect(server.responses.get("five-uses")).toHaveLength(5);
    expect(server.responses.get("half-hour")).toBeUndefined();
    expect(server.violations).toEqual([
      "response_url five-uses: used more than 5 times",
      "response_url half-hour: used more than 30 minutes after it was issued",
    ]);
  });

  it("answers files.completeUploadExternal for a file whose bytes never arrived with file_not_found", async () => {
    recordCheck({
      checked: "files.completeUploadExternal: file_not_found",
      source: "Slack's method reference web-api-methods/files.completeUploadExternal.json (errors)",
    });
    const client = clientFor(server);
    const { file_id: fileId } = await client.files.getUploadURLExternal({
      filename: "chart.png",
      length: 10,
    });
    await expect(
      client.files.completeUploadExternal({ files: [{ id: fileId as string }], channel_id: "C0DIGEST01" }),
    ).rejects.toMatchObject({ data: { ok: false, error: "file_not_found" } });
    expect(server.uploads).toMatchObject([{ id: fileId, completed: false }]);
    expect(server.violations).toEqual([
      `files.completeUploadExternal: file ${fileId}: its bytes were never uploaded`,
    ]);
  });
});

describe("Slack emulator: rate limits", () => {
  let clock = 1_700_000_000_000;
  let server: SlackApiServer;
  beforeAll(async () => {
    server = await startSlackApiServer({
      strict: true,
      now: () => clock,
      manifestPath: manifestWithScopes(["chat:write", "users:read", "channels:read"]),
    });
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  it("allows chat.postMessage a burst of 3 per channel, then 1 a second, answering 429 with Retry-After: 1", async () => {
    recordCheck({
      checked: "rate limit: chat.postMessage 1 per second per channel",
      source: "https://docs.slack.dev/apis/web-api/rate-limits",
    });
    expect(POST_MESSAGE_PER_CHANNEL).toEqual({ perSecond: 1, burst: 3 });
    const post = (channel: string) => call(server, "chat.postMessage", { channel, text: "x" });
    for (let i = 0; i < 3; i++) expect((await post("C0BUSY0001")).status).toBe(200);
    expect(await post("C0BUSY0001")).toEqual({
      status: 429,
      retryAfter: "1",
      body: { ok: false, error: "ratelimited" },
    });
    // Another channel has its own allowance.
    expect((await post("C0QUIET001")).status).toBe(200);
    clock += 999;
    expect((await post("C0BUSY0001")).status).toBe(429);
    clock += 1;
    expect((await post("C0BUSY0001")).status).toBe(200);
    expect((await post("C0BUSY0001")).status).toBe(429);
    expect(server.rateLimited).toEqual([
      { method: "chat.postMessage", channel: "C0BUSY0001", at: clock - 1000, retryAfterSeconds: 1 },
      { method: "chat.postMessage", channel: "C0BUSY0001", at: clock - 1, retryAfterSeconds: 1 },
      { method: "chat.postMessage", channel: "C0BUSY0001", at: clock, retryAfterSeconds: 1 },
    ]);
    // A refused request is not processed, so it is not among the calls.
    expect(server.calls.filter((c) => c.method === "chat.postMessage")).toHaveLength(5);
  });

  it.skipIf(!reference.available)(
    "holds a tiered method to its tier's requests per minute, then says how long until the oldest leaves the minute",
    async () => {
      for (const [method, args, tier, perMinute] of [
        ["users.info", { user: "U0MEMBER01" }, "t4", 100],
        ["conversations.info", { channel: "C0TASKF0RC" }, "t3", 50],
      ] as const) {
        recordCheck({
          checked: `rate limit: ${method} tier ${tier}`,
          source: "https://docs.slack.dev/apis/web-api/rate-limits",
        });
        expect(reference.method(method)?.rateTier).toBe(tier);
        expect(TIER_REQUESTS_PER_MINUTE[tier]).toBe(perMinute);
        const started = clock;
        for (let i = 0; i < perMinute; i++) {
          expect((await call(server, method, args)).status).toBe(200);
          clock += 100;
        }
        const over = await call(server, method, args);
        // The first call of the minute was perMinute × 100 ms ago.
        const wait = Math.ceil((60_000 - perMinute * 100) / 1000);
        expect(over).toEqual({
          status: 429,
          retryAfter: String(wait),
          body: { ok: false, error: "ratelimited" },
        });
        clock = started + 60_000;
        expect((await call(server, method, args)).status).toBe(200);
        clock += 60_000;
      }
      expect(server.rateLimited.map((r) => [r.method, r.retryAfterSeconds])).toEqual([
        ["users.info", 50],
        ["conversations.info", 55],
      ]);
    },
  );

  it("lets WebClient wait out Retry-After and retry, so the message goes through once", async () => {
    recordCheck({
      checked: "rate limit: HTTP 429 with Retry-After",
      source: "https://docs.slack.dev/apis/web-api/rate-limits",
    });
    const stop = server.onEvent((event) => {
      // Slack's clock moves on while the client waits.
      if (event.type === "rate_limited") clock += event.call.retryAfterSeconds * 1000;
    });
    try {
      const client = new WebClient(TOKEN, {
        slackApiUrl: server.apiUrl,
        logger: silent,
        retryConfig: { retries: 1, minTimeout: 0, maxTimeout: 0 },
      });
      for (let i = 1; i <= 4; i++) {
        expect(await client.chat.postMessage({ channel: "C0BUSY0001", text: `message ${i}` })).toMatchObject({
          ok: true,
        });
      }
    } finally {
      stop();
    }
    expect(server.rateLimited.map((r) => [r.method, r.retryAfterSeconds])).toEqual([["chat.postMessage", 1]]);
    expect(server.calls.map((c) => c.args.text)).toEqual([
      "message 1",
      "message 2",
      "message 3",
      "message 4",
    ]);
  });

  it("limits nothing when started with rateLimits: false", async () => {
    const unlimited = await startSlackApiServer({ rateLimits: false, now: () => clock });
    try {
      for (let i = 0; i < 120; i++) {
        expect((await call(unlimited, "users.info", { user: "U0MEMBER01" })).status).toBe(200);
        expect((await call(unlimited, "chat.postMessage", { channel: "C0BUSY0001", text: "x" })).status).toBe(
          200,
        );
      }
      expect(unlimited.rateLimited).toEqual([]);
    } finally {
      await unlimited.close();
    }
  });
});
