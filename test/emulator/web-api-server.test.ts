import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { webApi } from "@slack/bolt";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadSlackReference } from "../../src/emulator/slack-reference.js";
import { type SlackApiServer, startSlackApiServer } from "../../src/emulator/web-api-server.js";

const { WebClient, LogLevel } = webApi;
const reference = loadSlackReference();
if (!reference.available) {
  console.log(
    `Slack references absent at ${reference.root}: skipping the emulator tests that check calls against them.`,
  );
}

const TOKEN = "xoxb-emulator-test";
const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });

// WebClient logs the emulator's "[ERROR] …" messages; the tests read them from server.violations instead.
const silent = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  setLevel() {},
  getLevel: () => LogLevel.ERROR,
  setName() {},
};

function clientFor(server: SlackApiServer, options: webApi.WebClientOptions = {}) {
  return new WebClient(TOKEN, { slackApiUrl: server.apiUrl, logger: silent, ...options });
}

function manifestWithScopes(scopes: string[]): string {
  const path = join(mkdtempSync(join(tmpdir(), "tf-emulator-")), "manifest.yml");
  writeFileSync(path, `oauth_config:\n  scopes:\n    bot:\n${scopes.map((s) => `      - ${s}\n`).join("")}`);
  return path;
}

describe("Slack Web API emulator (strict)", () => {
  let server: SlackApiServer;

  beforeAll(async () => {
    server = await startSlackApiServer({
      strict: true,
      manifestPath: manifestWithScopes(["commands", "chat:write"]),
    });
  });
  afterEach(() => server.reset());
  afterAll(() => server.close());

  it("records a real WebClient's chat.postMessage with the exact arguments it sent", async () => {
    const blocks = [section("*3* shootings this week")];

    const result = await clientFor(server).chat.postMessage({
      channel: "C0DIGEST01",
      text: "3 shootings this week",
      blocks,
      unfurl_links: false,
    });

    expect(result).toMatchObject({
      ok: true,
      channel: "C0DIGEST01",
      ts: expect.stringMatching(/^\d+\.\d{6}$/),
    });
    expect(server.calls).toHaveLength(1);
    expect(server.calls[0]).toMatchObject({
      method: "chat.postMessage",
      // @slack/web-api sends a form body: blocks as a JSON string, booleans as "true"/"false".
      encoding: "form",
      token: TOKEN,
      ok: true,
      args: { channel: "C0DIGEST01", text: "3 shootings this week", blocks, unfurl_links: "false" },
    });
    expect(Object.keys(server.calls[0]?.args ?? {}).sort()).toEqual([
      "blocks",
      "channel",
      "text",
      "unfurl_links",
    ]);
    expect(server.violations).toEqual([]);
  });

  it("accepts JSON bodies with the token in the Authorization header", async () => {
    const response = await fetch(`${server.apiUrl}chat.postMessage`, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8", authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ channel: "C0DIGEST01", text: "hello", blocks: [section("hello")] }),
    });

    expect(await response.json()).toMatchObject({ ok: true, channel: "C0DIGEST01" });
    expect(server.calls[0]).toMatchObject({ encoding: "json", args: { blocks: [section("hello")] } });
    expect(server.violations).toEqual([]);
  });

  it("answers auth.test the way Bolt expects", async () => {
    const result = await clientFor(server).auth.test();
    expect(result).toMatchObject({
      ok: true,
      user_id: server.bot.userId,
      bot_id: server.bot.botId,
      team_id: server.team.id,
    });
  });

  it.skipIf(!reference.available)("reports a missing required argument and rejects the call", async () => {
    await expect(clientFor(server).apiCall("chat.postMessage", { text: "no channel" })).rejects.toMatchObject(
      {
        data: { ok: false, error: "invalid_arguments" },
      },
    );
    expect(server.violations).toContain("chat.postMessage: missing required argument `channel`");
  });

  it.skipIf(!reference.available)("reports an argument of the wrong type", async () => {
    await expect(
      clientFor(server).apiCall("files.getUploadURLExternal", { filename: "a.png", length: "many" }),
    ).rejects.toThrow();
    expect(server.violations).toContainEqual(expect.stringContaining("argument `length` should be integer"));
  });

  it.skipIf(!reference.available)(
    "reports a method whose bot scope manifest.yml does not declare",
    async () => {
      await expect(clientFor(server).users.info({ user: "U0MEMBER01" })).rejects.toThrow();
      expect(server.violations).toEqual([
        "users.info: needs bot scope users:read, which manifest.yml does not declare (it has: commands, chat:write)",
      ]);
    },
  );

  it("reports 51 blocks in a message", async () => {
    const blocks = Array.from({ length: 51 }, (_, i) => section(`row ${i}`));
    await expect(
      clientFor(server).chat.postMessage({ channel: "C1", text: "rows", blocks }),
    ).rejects.toMatchObject({
      data: {
        error: "invalid_arguments",
        response_metadata: { messages: [expect.stringContaining("51 blocks")] },
      },
    });
    expect(server.violations).toEqual([
      "chat.postMessage: blocks: 51 blocks (a message allows at most 50) [blocks.max]",
    ]);
  });

  it("reports blocks sent without a text fallback", async () => {
    await expect(
      clientFor(server).chat.postMessage({ channel: "C1", blocks: [section("hi")] }),
    ).rejects.toThrow();
    expect(server.violations).toEqual([
      "chat.postMessage: blocks sent without a non-empty `text` fallback (used by notifications and screen readers) [message.fallback]",
    ]);
  });

  it("reports Block Kit limits in modals", async () => {
    const view = {
      type: "modal",
      title: { type: "plain_text", text: "Report a seizure of firearms" },
      blocks: [
        { type: "input", label: { type: "plain_text", text: "Guns" }, element: { type: "plain_text_input" } },
      ],
      private_metadata: "x".repeat(3001),
    };
    await expect(clientFor(server).apiCall("views.open", { trigger_id: "1.2.abc", view })).rejects.toThrow();
    expect(server.violations).toEqual([
      "views.open: view: title is 28 characters (max 24) [modal.title]",
      "views.open: view: a modal with input blocks needs a submit button [modal.submit.required]",
      "views.open: view: private_metadata is 3001 characters (max 3000) [view.private_metadata]",
    ]);
  });

  it("honours Retry-After through WebClient: it waits, retries and the message is recorded once", async () => {
    server.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 1 });
    // No backoff of its own, so the wait measured is the Retry-After wait.
    const client = clientFor(server, { retryConfig: { retries: 2, minTimeout: 0, maxTimeout: 0 } });
    const started = Date.now();

    const result = await client.chat.postMessage({ channel: "C1", text: "after the rate limit" });

    expect(result.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(server.calls.filter((c) => c.method === "chat.postMessage")).toHaveLength(1);
  });

  it("injects platform errors", async () => {
    server.failNext("chat.postMessage", { error: "channel_not_found" });
    await expect(clientFor(server).chat.postMessage({ channel: "C404", text: "x" })).rejects.toMatchObject({
      data: { ok: false, error: "channel_not_found" },
    });
    expect(await clientFor(server).chat.postMessage({ channel: "C404", text: "x" })).toMatchObject({
      ok: true,
    });
  });

  it("answers unknown methods with unknown_method and a violation", async () => {
    await expect(clientFor(server).apiCall("chat.postTelegram", { channel: "C1" })).rejects.toMatchObject({
      data: { error: "unknown_method" },
    });
    expect(server.violations).toHaveLength(1);
  });

  it("serves response URLs and hands each post to waitForResponse in order", async () => {
    const url = server.responseUrl("cmd-1");
    const post = (body: unknown) =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });

    const first = server.waitForResponse("cmd-1");
    expect((await post({ text: "one" })).status).toBe(200);
    await post({ text: "two", blocks: [section("two")] });

    expect(await first).toEqual({ text: "one" });
    expect(await server.waitForResponse("cmd-1")).toEqual({ text: "two", blocks: [section("two")] });
    expect(server.responses.get("cmd-1")).toHaveLength(2);
    await expect(server.waitForResponse("cmd-1", 50)).rejects.toThrow(
      'no post to response_url "cmd-1" within 50 ms',
    );
  });

  it("rejects a response_url post with blocks and no text with a 4xx, so Bolt's respond() throws", async () => {
    const response = await fetch(server.responseUrl("cmd-2"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ blocks: [section("no fallback")] }),
    });
    expect(response.status).toBe(400);
    expect(server.violations).toEqual([
      "response_url cmd-2: blocks sent without a non-empty `text` fallback (used by notifications and screen readers) [message.fallback]",
    ]);
  });
});

describe("Slack Web API emulator: channels", () => {
  let server: SlackApiServer;

  beforeAll(async () => {
    const scopes = ["chat:write", "channels:read", "channels:join"];
    server = await startSlackApiServer({ strict: true, manifestPath: manifestWithScopes(scopes) });
  });
  afterAll(() => server.close());

  it("treats a channel as joined only once the bot is marked a member, or joins", async () => {
    server.setChannel("C0NOTJOIN1", { name: "leadership", isMember: false });
    const client = clientFor(server);

    const info = await client.conversations.info({ channel: "C0NOTJOIN1" });
    expect(info).toMatchObject({
      ok: true,
      channel: { id: "C0NOTJOIN1", name: "leadership", is_member: false },
    });
    await expect(client.chat.postMessage({ channel: "C0NOTJOIN1", text: "digest" })).rejects.toMatchObject({
      data: { error: "not_in_channel" },
    });

    await client.conversations.join({ channel: "C0NOTJOIN1" });
    expect(await client.conversations.info({ channel: "C0NOTJOIN1" })).toMatchObject({
      channel: { is_member: true },
    });
    expect(await client.chat.postMessage({ channel: "C0NOTJOIN1", text: "digest" })).toMatchObject({
      ok: true,
    });
    expect(server.violations).toEqual([]);
  });
});

describe("Slack Web API emulator: trigger ids", () => {
  let clock = 1_700_000_000_000;
  let server: SlackApiServer;
  const modal = {
    type: "modal" as const,
    title: { type: "plain_text" as const, text: "Seizure" },
    blocks: [],
  };

  beforeAll(async () => {
    server = await startSlackApiServer({ strict: true, now: () => clock });
  });
  afterAll(() => server.close());

  it("opens one view per trigger, within 3 seconds of the interaction", async () => {
    const client = clientFor(server);
    const fresh = server.mintTriggerId();
    clock += 2_900;
    expect(await client.views.open({ trigger_id: fresh, view: modal })).toMatchObject({
      ok: true,
      view: { type: "modal" },
    });
    await expect(client.views.open({ trigger_id: fresh, view: modal })).rejects.toMatchObject({
      data: { error: "exchanged_trigger_id" },
    });

    const stale = server.mintTriggerId();
    clock += 3_001;
    await expect(client.views.open({ trigger_id: stale, view: modal })).rejects.toMatchObject({
      data: { error: "expired_trigger_id" },
    });
    expect(server.violations).toEqual([
      `views.open: trigger_id ${fresh} was already used; a trigger opens one view`,
      "views.open: trigger_id used 3001 ms after it was issued; Slack allows 3000 ms",
    ]);
  });
});

describe("Slack Web API emulator: files upload v2", () => {
  let server: SlackApiServer;

  beforeAll(async () => {
    server = await startSlackApiServer({
      strict: true,
      manifestPath: manifestWithScopes(["commands", "chat:write", "files:write"]),
    });
  });
  afterAll(() => server.close());

  it("takes WebClient.filesUploadV2 end to end and stores the exact bytes", async () => {
    const bytes = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]), randomBytes(4096)]);

    const result = await clientFor(server).filesUploadV2({
      channel_id: "C0DIGEST01",
      file: bytes,
      filename: "trend.png",
      title: "Shootings, last 8 weeks",
      initial_comment: "Trend chart",
    });

    expect(result.ok).toBe(true);
    expect(server.calls.map((c) => c.method)).toEqual([
      "files.getUploadURLExternal",
      "files.completeUploadExternal",
    ]);
    expect(server.uploads).toHaveLength(1);
    const upload = server.uploads[0];
    expect(upload).toMatchObject({
      filename: "trend.png",
      length: bytes.length,
      completed: true,
      title: "Shootings, last 8 weeks",
      channelId: "C0DIGEST01",
      initialComment: "Trend chart",
    });
    expect(upload?.bytes?.equals(bytes)).toBe(true);
    expect(server.violations).toEqual([]);
  });
});

describe("Slack Web API emulator (lenient, for local mode)", () => {
  it("records violations but still answers ok", async () => {
    const server = await startSlackApiServer({ manifestPath: manifestWithScopes(["chat:write"]) });
    try {
      const result = await clientFor(server).chat.postMessage({ channel: "C1", blocks: [section("hi")] });
      expect(result.ok).toBe(true);
      expect(server.violations).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it("says once, through a flag, when Slack's references are missing", async () => {
    const lines: string[] = [];
    const log = (line: string) => lines.push(line);
    const server = await startSlackApiServer({ referenceRoot: "/nonexistent/slack", log });
    const another = await startSlackApiServer({ referenceRoot: "/nonexistent/slack", log });
    await another.close();
    try {
      // Once per process: an earlier server in this file may have said it already.
      expect(lines.length).toBeLessThanOrEqual(1);
      expect(server.referencesAvailable).toBe(false);
      expect(server.referenceNotice).toMatch(/skips argument, type, scope and rate-tier checks/);
      // Nothing to check the call against, so only the Block Kit and fallback checks run.
      expect((await clientFor(server).apiCall("chat.postMessage", { text: "no channel" })).ok).toBe(true);
      expect(server.violations).toEqual([]);
    } finally {
      await server.close();
    }
  });
});
