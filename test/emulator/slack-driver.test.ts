// The driver and the emulator together against a real Bolt app over HTTP, the way tests and local mode use them.
import { mkdtempSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSlackDriver, type SlackDriver } from "../../src/emulator/slack-driver.js";
import { type SlackApiServer, startSlackApiServer } from "../../src/emulator/web-api-server.js";

const SIGNING_SECRET = "driver-test-signing-secret";
const section = (text: string) => ({ type: "section", text: { type: "mrkdwn", text } });

describe("Slack driver against a Bolt app", () => {
  let api: SlackApiServer;
  let app: App;
  let driver: SlackDriver;
  let submitted: { values: unknown; privateMetadata: string; userId: string } | undefined;

  beforeAll(async () => {
    const manifestPath = join(mkdtempSync(join(tmpdir(), "tf-driver-")), "manifest.yml");
    writeFileSync(manifestPath, "oauth_config:\n  scopes:\n    bot:\n      - commands\n      - chat:write\n");
    api = await startSlackApiServer({ strict: true, manifestPath });

    app = new App({
      token: "xoxb-driver-test",
      receiver: new HTTPReceiver({ signingSecret: SIGNING_SECRET, logLevel: LogLevel.ERROR }),
      clientOptions: { slackApiUrl: api.apiUrl },
      logLevel: LogLevel.ERROR,
    });
    app.command("/tf", async ({ command, ack, respond, client }) => {
      await ack();
      if (command.text === "seizure") {
        await client.views.open({
          trigger_id: command.trigger_id,
          view: {
            type: "modal",
            callback_id: "seizure",
            private_metadata: JSON.stringify({ channel: command.channel_id }),
            title: { type: "plain_text", text: "Report a seizure" },
            submit: { type: "plain_text", text: "Save" },
            blocks: [
              {
                type: "input",
                block_id: "guns",
                label: { type: "plain_text", text: "Guns" },
                element: { type: "plain_text_input", action_id: "count" },
              },
            ],
          },
        });
        return;
      }
      await respond({
        response_type: "ephemeral",
        text: `You said: ${command.text}`,
        blocks: [section(command.text)],
      });
    });
    app.view("seizure", async ({ ack, view, body }) => {
      const count = view.state.values.guns?.count?.value ?? "";
      if (!/^\d+$/.test(count)) {
        await ack({ response_action: "errors", errors: { guns: "Write a whole number, e.g. 3" } });
        return;
      }
      submitted = { values: view.state.values, privateMetadata: view.private_metadata, userId: body.user.id };
      await ack();
    });
    app.action("refresh", async ({ ack, respond }) => {
      await ack();
      await respond({ replace_original: true, text: "Refreshed" });
    });
    app.event("app_home_opened", async ({ event, client }) => {
      await client.views.publish({
        user_id: event.user,
        view: { type: "home", blocks: [section("Your assignments")] },
      });
    });

    const server = (await app.start(0)) as Server;
    const { port } = server.address() as AddressInfo;
    driver = createSlackDriver({
      url: `http://127.0.0.1:${port}/slack/events`,
      signingSecret: SIGNING_SECRET,
      api,
    });
  });
  afterEach(() => {
    expect(api.violations).toEqual([]);
    api.reset();
  });
  afterAll(async () => {
    await app.stop();
    await api.close();
  });

  it("sends a slash command that Bolt acks, then collects the reply sent to response_url", async () => {
    const result = await driver.command("roster unit:VCTF", { userId: "U0DETECT01" });

    expect(result.status).toBe(200);
    expect(result.body).toBe("");
    expect(await api.waitForResponse(result.responseUrlId)).toEqual({
      response_type: "ephemeral",
      text: "You said: roster unit:VCTF",
      blocks: [section("roster unit:VCTF")],
    });
  });

  it("is refused by Bolt with a bad signature or a stale timestamp", async () => {
    expect((await driver.command("help", { signature: "v0=deadbeef" })).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await driver.command("help", { timestamp: stale })).status).toBe(401);
    expect(api.responses.size).toBe(0);
  });

  it("opens a modal with the command's trigger and submits the view the bot opened", async () => {
    await driver.command("seizure", { channelId: "C0VCTF0001" });
    const open = await api.waitForCall("views.open");
    const viewId = (open.response.view as { id: string }).id;
    expect(api.views.get(viewId)?.view).toMatchObject({ callback_id: "seizure", type: "modal" });

    const rejected = await driver.viewSubmission({ viewId, values: { guns: { count: "three" } } });
    expect(rejected.body).toEqual({
      response_action: "errors",
      errors: { guns: "Write a whole number, e.g. 3" },
    });

    const accepted = await driver.viewSubmission({
      viewId,
      values: { guns: { count: "3" } },
      userId: "U0DETECT01",
    });
    expect(accepted).toMatchObject({ status: 200, body: "" });
    expect(submitted).toEqual({
      values: { guns: { count: { type: "plain_text_input", value: "3" } } },
      privateMetadata: JSON.stringify({ channel: "C0VCTF0001" }),
      userId: "U0DETECT01",
    });
  });

  it("clicks a button on a message and collects the respond() that follows", async () => {
    const result = await driver.blockAction({
      actionId: "refresh",
      message: { ts: "1700000000.000100", text: "Old" },
    });

    expect(result.status).toBe(200);
    expect(result.responseUrlId).toBeDefined();
    expect(await api.waitForResponse(result.responseUrlId ?? "")).toEqual({
      replace_original: true,
      text: "Refreshed",
    });
  });

  it("delivers Events API callbacks as JSON", async () => {
    const result = await driver.event({
      type: "app_home_opened",
      user: "U0DETECT01",
      channel: "D0HOME0001",
      tab: "home",
    });

    expect(result.status).toBe(200);
    const publish = await api.waitForCall("views.publish");
    expect(publish.args).toMatchObject({ user_id: "U0DETECT01", view: { type: "home" } });
    expect([...api.views.values()].find((v) => v.userId === "U0DETECT01")).toBeDefined();
  });

  it("answers Slack's url_verification challenge", async () => {
    expect((await driver.urlVerification("challenge-123")).body).toEqual({ challenge: "challenge-123" });
  });
});
