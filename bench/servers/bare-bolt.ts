// The baseline for ack latency: a bare Bolt app on the same receiver the bot uses in HTTP mode
// (HTTPReceiver at /slack/events), whose /tf listener only acks.
import { randomBytes } from "node:crypto";
import { App, HTTPReceiver, LogLevel } from "@slack/bolt";
import { serve } from "./harness.js";

await serve(async () => {
  const signingSecret = randomBytes(16).toString("hex");
  const receiver = new HTTPReceiver({ signingSecret, endpoints: "/slack/events", logLevel: LogLevel.ERROR });
  const app = new App({
    token: "xoxb-bare-bolt",
    receiver,
    logLevel: LogLevel.ERROR,
    tokenVerificationEnabled: false,
    // Given the bot's ids, Bolt's single-workspace authorization skips auth.test; and no call of
    // any kind leaves this machine.
    botId: "B0TFB0T001",
    botUserId: "U0TFB0T001",
    clientOptions: { slackApiUrl: "http://127.0.0.1:9/api/" },
  });
  app.command("/tf", async ({ ack }) => {
    await ack();
  });
  const server = await app.start({ port: 0, host: "127.0.0.1" });
  const address = server.address();
  if (!address || typeof address !== "object") throw new Error("bare Bolt: no port");
  return {
    port: address.port,
    signingSecret,
    counters: () => ({}),
    stop: () => app.stop().then(() => undefined),
  };
});
