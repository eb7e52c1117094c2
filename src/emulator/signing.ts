import { createHmac } from "node:crypto";

export interface SlackSignatureHeaders {
  "x-slack-signature": string;
  "x-slack-request-timestamp": string;
}

export interface SignSlackRequestInput {
  signingSecret: string;
  /** The exact bytes that will be sent: the signature covers the raw body, not a re-serialisation of it. */
  body: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
}

/** The headers Slack adds to every request it sends to an app (signature version v0). */
export function signSlackRequest({
  signingSecret,
  body,
  timestamp = Math.floor(Date.now() / 1000),
}: SignSlackRequestInput): SlackSignatureHeaders {
  const digest = createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex");
  return { "x-slack-signature": `v0=${digest}`, "x-slack-request-timestamp": String(timestamp) };
}
