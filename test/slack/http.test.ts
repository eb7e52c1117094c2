import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { testEngine } from "../helpers/database.js";

const admin = "U0ADMIN001";

describe(`Slack HTTP endpoint (${testEngine})`, () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: admin } });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it("acks a signed /tf help with an empty 200 and answers through response_url", async () => {
    const result = await bot.driver.command("help", { userId: admin });
    expect(result.status).toBe(200);
    expect(result.body).toBe("");
    const reply = (await bot.emulator.waitForResponse(result.responseUrlId)) as {
      response_type: string;
      text: string;
    };
    expect(reply.response_type).toBe("ephemeral");
    const lines = reply.text.split("\n").filter((l) => l.startsWith("• "));
    expect(lines.map((l) => l.split(" ")[2])).toEqual([
      "help",
      "assign",
      "unassign",
      "roster",
      "seizure",
      "tally",
      "trends",
      "shooting",
      "stolen",
      "recovered",
      "link",
      "unlink",
      "incidents",
      "void",
      "digest",
      "admin",
    ]);
    expect(reply.text.startsWith("*Task Force Bot commands you can run*\n• `/tf help [subcommand]`\n")).toBe(
      true,
    );
    expect(reply.text.endsWith("\n\n`/tf help <subcommand>` explains one in full.")).toBe(true);
  });

  it("explains one subcommand with /tf help <name>", async () => {
    const text = await bot.reply("help help", { userId: admin });
    expect(text.startsWith("*`/tf help [subcommand]`*\nList the commands you can run, or explain one.")).toBe(
      true,
    );
    expect(text).toContain("`/tf help <subcommand>` shows one in full, e.g. `/tf help seizure`.");
  });

  it("tells a caller with no role who can grant access", async () => {
    const text = await bot.reply("help", { userId: "U0NOBODY01" });
    expect(text).toContain(
      "You have no task force role yet. Ask a task force admin (<@U0ADMIN001>) to grant you access.",
    );
  });

  it("answers an unknown subcommand with a suggestion and the usage list, escaping what was typed", async () => {
    const result = await bot.driver.command("hepl", { userId: admin });
    const reply = (await bot.emulator.waitForResponse(result.responseUrlId)) as { text: string };
    expect(
      reply.text.startsWith("`/tf hepl` is not a Task Force Bot command. Did you mean `/tf help`?"),
    ).toBe(true);
    expect(reply.text).toContain("• `/tf help [subcommand]`");

    // Slack escapes &, < and > in command text; the bot must escape them again when it echoes.
    const hostile = await bot.driver.command("a&amp;b&lt;c", { userId: admin });
    const hostileReply = (await bot.emulator.waitForResponse(hostile.responseUrlId)) as { text: string };
    expect(hostileReply.text.startsWith("`/tf a&amp;b&lt;c` is not a Task Force Bot command.")).toBe(true);
  });

  it("answers malformed command text with an ephemeral explanation", async () => {
    const result = await bot.driver.command('help note:"unclosed', { userId: admin });
    const reply = (await bot.emulator.waitForResponse(result.responseUrlId)) as Record<string, unknown>;
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toBe(
      ':warning: A quoted value starting with " has no closing quote. Write it as key:"two words".',
    );
  });

  it("rejects a forged signature with 401 and does nothing", async () => {
    const result = await bot.driver.command("help", { userId: admin, signature: `v0=${"0".repeat(64)}` });
    expect(result.status).toBe(401);
    await expect(bot.emulator.waitForResponse(result.responseUrlId, 300)).rejects.toThrow();
  });

  it("rejects a request signed 10 minutes ago with 401", async () => {
    const tenMinutesAgo = Math.floor(Date.now() / 1000) - 600;
    const result = await bot.driver.command("help", { userId: admin, timestamp: tenMinutesAgo });
    expect(result.status).toBe(401);
  });

  it("refuses a body without a signature and a body of the wrong content type, without a 5xx", async () => {
    const unsigned = await fetch(bot.url, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "command=%2Ftf&text=help",
    });
    expect(unsigned.status).toBe(401);
    const wrongType = await bot.driver.post("command=%2Ftf&text=help", "text/plain");
    expect(wrongType.status).toBeGreaterThanOrEqual(400);
    expect(wrongType.status).toBeLessThan(500);
    const badJson = await bot.driver.post("{not json", "application/json");
    expect(badJson.status).toBeGreaterThanOrEqual(400);
    expect(badJson.status).toBeLessThan(500);
  });

  it("serves /healthz while the database answers, and Prometheus /metrics with command outcomes", async () => {
    const base = bot.url.replace("/slack/events", "");
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok", process: "up", database: "up" });

    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get("content-type")).toContain("text/plain");
    const text = await metrics.text();
    expect(text).toMatch(/tf_command_outcomes_total\{subcommand="help",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/tf_command_outcomes_total\{subcommand="\(unknown\)",outcome="invalid"\} 2/);
    expect(text).toMatch(/^tf_import_rows\{result="inserted"\} 0$/m);
    expect(text).toMatch(/^tf_database_errors_total 0$/m);
    expect(text).toContain("tf_slack_request_duration_seconds_bucket");
  });

  it("made no call that breaks Slack's contract, and checked its token once, not per request", () => {
    expect(bot.emulator.violations).toEqual([]);
    expect(bot.emulator.calls.filter((c) => c.method === "auth.test")).toHaveLength(1);
  });
});

describe(`Slack Events API endpoint (${testEngine})`, () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it("answers Slack's url_verification with the challenge", async () => {
    const result = await bot.driver.urlVerification("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    expect(result.status).toBe(200);
    const body = result.body as { challenge?: string } | string;
    const challenge = typeof body === "string" ? body : body.challenge;
    expect(challenge).toBe("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
  });

  it("acks a signed event callback with 200 and rejects a forged one with 401", async () => {
    const event = { type: "app_home_opened", user: "U0MEMBER01", channel: "D0HOME0001", tab: "home" };
    expect((await bot.driver.event(event)).status).toBe(200);
    expect((await bot.driver.event(event, { signature: `v0=${"f".repeat(64)}` })).status).toBe(401);
  });
});
