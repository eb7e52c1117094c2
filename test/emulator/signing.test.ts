import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signSlackRequest } from "../../src/emulator/signing.js";

describe("signSlackRequest", () => {
  it("signs v0:<timestamp>:<body> with HMAC-SHA256 of the signing secret", () => {
    const signingSecret = "test-signing-secret";
    const body = "payload=%7B%22type%22%3A%22block_actions%22%7D";
    const timestamp = 1_700_000_000;
    const expected = `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;

    expect(signSlackRequest({ signingSecret, body, timestamp })).toEqual({
      "x-slack-signature": expected,
      "x-slack-request-timestamp": "1700000000",
    });
  });

  it("matches the example in Slack's documentation", () => {
    const body =
      "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V" +
      "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=" +
      "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN" +
      "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    const headers = signSlackRequest({
      signingSecret: "8f742231b10e8888abcd99yyyzzz85a5",
      body,
      timestamp: 1531420618,
    });

    expect(headers["x-slack-signature"]).toBe(
      "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
    );
    expect(headers["x-slack-request-timestamp"]).toBe("1531420618");
  });

  it("defaults the timestamp to now, in seconds", () => {
    const before = Math.floor(Date.now() / 1000);
    const { "x-slack-request-timestamp": ts } = signSlackRequest({ signingSecret: "s", body: "" });
    expect(Number(ts)).toBeGreaterThanOrEqual(before);
    expect(Number(ts)).toBeLessThanOrEqual(before + 1);
  });
});
