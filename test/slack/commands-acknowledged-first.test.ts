// Slash commands on Slack's HTTP endpoint are acknowledged as soon as their signature checks out;
// their processing waits its turn behind requests still owed an answer (src/slack/commands-acknowledged-first.ts).
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { eventually } from "../helpers/eventually.js";

let bot: TestBot | undefined;
afterEach(async () => {
  await bot?.stop();
  bot = undefined;
});

/**
 * A request to the bot whose body is still on its way: until it is sent in full, the bot owes
 * an answer, so acknowledged commands wait (for at most a second). Returns the release.
 */
async function requestStillArriving(url: string): Promise<{ finish(): Promise<string> }> {
  const { port } = new URL(url);
  const socket: Socket = connect(Number(port), "127.0.0.1");
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  let answer = "";
  socket.on("data", (chunk) => {
    answer += chunk.toString();
  });
  const body = "token=x&text=unsigned";
  socket.write(
    "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
      `Content-Length: ${body.length}\r\n\r\n${body.slice(0, 5)}`,
  );
  return {
    async finish() {
      socket.write(body.slice(5));
      const status = await eventually(
        async () => answer.match(/^HTTP\/1\.1 (\d{3})/)?.[1],
        (found) => found !== undefined,
      );
      socket.destroy();
      return status ?? "";
    },
  };
}

describe("slash commands are acknowledged before they are processed", () => {
  it("answers 200 with an empty body at once, and replies once no other request is owed an answer", async () => {
    bot = await startTestBot();
    const pending = await requestStillArriving(bot.url);
    const acked = await bot.driver.command("help");
    expect([acked.status, acked.body]).toEqual([200, ""]);
    // The other request is still owed its answer, so the command has not been worked on yet: not
    // even Bolt's listener has seen it (it counts each command it is given).
    expect(bot.emulator.responses.has(acked.responseUrlId)).toBe(false);
    const metricsUrl = bot.url.replace("/slack/events", "/metrics");
    expect(await (await fetch(metricsUrl)).text()).not.toMatch(
      /^tf_slack_requests_total\{surface="command"\}/m,
    );
    // The unsigned request is refused as ever.
    expect(await pending.finish()).toBe("401");
    const reply = (await bot.emulator.waitForResponse(acked.responseUrlId, 10_000)) as { text?: string };
    expect(reply.text).toMatch(/^\*Task Force Bot commands you can run\*\n/);
    expect(await (await fetch(metricsUrl)).text()).toMatch(
      /^tf_slack_requests_total\{surface="command"\} 1$/m,
    );
  });

  it("tells the person the bot is busy, without running the command, when too many are waiting", async () => {
    bot = await startTestBot({ maxWaitingCommands: 1 });
    const pending = await requestStillArriving(bot.url);
    const first = await bot.driver.command("help");
    const second = await bot.driver.command("help");
    expect([first.status, second.status]).toEqual([200, 200]);
    const refused = (await bot.emulator.waitForResponse(second.responseUrlId, 10_000)) as {
      text?: string;
      response_type?: string;
    };
    expect(refused).toEqual({
      response_type: "ephemeral",
      text: ":hourglass: The bot is handling more requests than it can right now, so this one was not run. Try it again in a minute.",
    });
    expect(await pending.finish()).toBe("401");
    const answered = (await bot.emulator.waitForResponse(first.responseUrlId, 10_000)) as { text?: string };
    expect(answered.text).toMatch(/^\*Task Force Bot commands you can run\*\n/);
    // The refused command was never run: one reply each, and one busy outcome counted.
    expect(bot.emulator.responses.get(second.responseUrlId)).toHaveLength(1);
    const metrics = await (await fetch(bot.url.replace("/slack/events", "/metrics"))).text();
    expect(metrics).toMatch(/^tf_command_outcomes_total\{subcommand="\(queue\)",outcome="busy"\} 1$/m);
    expect(metrics).toMatch(/^tf_command_outcomes_total\{subcommand="help",outcome="ok"\} 1$/m);
  });

  it("refuses a body over Bolt's 4 MB limit with 413 and keeps answering", async () => {
    bot = await startTestBot();
    const oversized = await bot.driver.post(
      `command=%2Ftf&text=${"a".repeat(4 * 1024 * 1024)}`,
      "application/x-www-form-urlencoded",
    );
    expect(oversized.status).toBe(413);
    const reply = await bot.reply("help");
    expect(reply).toMatch(/^\*Task Force Bot commands you can run\*\n/);
  });
});
