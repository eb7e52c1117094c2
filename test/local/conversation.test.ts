// The console's reading of what a bot sent Slack (src/local/console/conversation.ts), driven by real
// Web API calls and response_url posts to the emulator: modals stack and redraw, threads gather,
// response_url answers add, replace or delete messages as Slack's client shows them.
import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SlackApiServer, startSlackApiServer } from "../../src/emulator/web-api-server.js";
import { type Conversation, trackConversation } from "../../src/local/console/conversation.js";

const token = "xoxb-conversation-test";
const viewer = "U0VIEWER01";
const channel = "C0TASKF0RC";

describe("the console's conversation", () => {
  let emulator: SlackApiServer;
  let conversation: Conversation;
  let client: webApi.WebClient;
  const respond = (id: string, body: Record<string, unknown>) =>
    fetch(emulator.responseUrl(id), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    emulator = await startSlackApiServer({ botToken: token, rateLimits: false });
    conversation = trackConversation(emulator);
    client = new webApi.WebClient(token, { slackApiUrl: emulator.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(async () => {
    conversation.stop();
    await emulator.close();
  });

  const modal = (title: string) => ({
    type: "modal" as const,
    title: { type: "plain_text" as const, text: title },
    blocks: [],
  });

  it("stacks a pushed modal over the one opened, and redraws one updated in place", async () => {
    const first = emulator.mintTriggerId();
    conversation.expect({ userId: viewer, channelId: channel, triggerId: first });
    const opened = await client.views.open({ trigger_id: first, view: modal("First") });
    const second = emulator.mintTriggerId();
    conversation.expect({ userId: viewer, channelId: channel, triggerId: second });
    const pushed = await client.views.push({ trigger_id: second, view: modal("Second") });
    expect(conversation.modals(viewer)).toEqual([opened.view?.id, pushed.view?.id]);
    await client.views.update({ view_id: pushed.view?.id as string, view: modal("Second, redrawn") });
    expect(conversation.modals(viewer)).toEqual([opened.view?.id, pushed.view?.id]);
    expect(emulator.views.get(pushed.view?.id as string)?.view.title).toEqual({
      type: "plain_text",
      text: "Second, redrawn",
    });
    conversation.closeModal(viewer, pushed.view?.id as string);
    expect(conversation.modals(viewer)).toEqual([opened.view?.id]);
    expect(conversation.modals("U0SOMEONE1")).toEqual([]);
  });

  it("adds a response_url answer for its asker alone, or for everyone in_channel", async () => {
    conversation.expect({ userId: viewer, channelId: channel, responseUrlId: "r-1", command: "/tf help" });
    await respond("r-1", { text: "just you" });
    conversation.expect({ userId: viewer, channelId: channel, responseUrlId: "r-2" });
    await respond("r-2", { text: "everyone", response_type: "in_channel" });
    const seen = (who: string) => conversation.messages(channel, who).map((m) => [m.text, m.visibleTo]);
    expect(seen(viewer)).toEqual([
      ["/tf help", viewer],
      ["just you", viewer],
      ["everyone", undefined],
    ]);
    expect(seen("U0SOMEONE1")).toEqual([["everyone", undefined]]);
  });

  it("replaces or deletes the message a button was on, when the answer says so", async () => {
    const posted = await client.chat.postMessage({ channel, text: "a message with a button" });
    const original = conversation.messages(channel, viewer).find((m) => m.ts === posted.ts);
    if (!original) throw new Error("the post is not in the conversation");
    conversation.expect({
      userId: viewer,
      channelId: channel,
      responseUrlId: "r-3",
      messageKey: original.key,
    });
    await respond("r-3", { text: "replaced", replace_original: true });
    expect(conversation.message(original.key)?.text).toBe("replaced");
    conversation.expect({
      userId: viewer,
      channelId: channel,
      responseUrlId: "r-4",
      messageKey: original.key,
    });
    await respond("r-4", { delete_original: true });
    expect(conversation.message(original.key)).toBeUndefined();
  });

  it("gathers a thread's replies under its parent, and keeps them out of the channel", async () => {
    const parent = await client.chat.postMessage({ channel, text: "Daily digest" });
    await client.chat.postMessage({ channel, text: "the chart", thread_ts: parent.ts as string });
    expect(conversation.thread(channel, parent.ts as string, viewer).map((m) => m.text)).toEqual([
      "Daily digest",
      "the chart",
    ]);
    expect(conversation.messages(channel, viewer).map((m) => m.text)).not.toContain("the chart");
  });

  it("shows an ephemeral post to the one it is for", async () => {
    await client.chat.postEphemeral({ channel, user: viewer, text: "only for the viewer" });
    expect(conversation.messages(channel, viewer).at(-1)?.text).toBe("only for the viewer");
    expect(conversation.messages(channel, "U0SOMEONE1").map((m) => m.text)).not.toContain(
      "only for the viewer",
    );
  });
});
