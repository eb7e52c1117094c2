// response_url endpoints: where the bot answers a command or an interaction, 5 times at most within 30 minutes.
import type { IncomingMessage, ServerResponse } from "node:http";
import { checkMessage } from "../block-kit/check.js";
import { isRecord } from "../json-values.js";
import { readBody } from "../request-body.js";
import type { EmulatorContext } from "./context.js";
import { invalidArguments, MAX_BODY_BYTES, mediaType, sendJson } from "./http.js";
import type { Waiters } from "./waiters.js";

const RESPONSE_URL_MAX_USES = 5;
const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;

export interface ResponseUrls {
  /** Bodies posted to each response_url id, in order. */
  readonly responses: Map<string, unknown[]>;
  responseUrl(id: string): string;
  handle(id: string, req: IncomingMessage, res: ServerResponse): Promise<void>;
  waitForResponse(id: string, timeoutMs: number): Promise<unknown>;
  reset(): void;
}

export function createResponseUrls(
  context: EmulatorContext,
  strict: boolean,
  waiters: Waiters,
): ResponseUrls {
  const { now } = context;
  const responses = new Map<string, unknown[]>();
  const responseUrls = new Map<string, { mintedAt: number; uses: number }>();
  const responseCursor = new Map<string, number>();

  async function handle(id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req, MAX_BODY_BYTES);
    const usage = responseUrls.get(id) ?? { mintedAt: now(), uses: 0 };
    responseUrls.set(id, usage);
    usage.uses += 1;
    const where = `response_url ${id}`;
    if (now() - usage.mintedAt > RESPONSE_URL_LIFETIME_MS) {
      context.addViolation(`${where}: used more than 30 minutes after it was issued`);
      return sendJson(res, 404, { ok: false, error: "expired_url" });
    }
    if (usage.uses > RESPONSE_URL_MAX_USES) {
      context.addViolation(`${where}: used more than ${RESPONSE_URL_MAX_USES} times`);
      return sendJson(res, 404, { ok: false, error: "used_url" });
    }

    const problems: string[] = [];
    if (mediaType(req) !== "application/json")
      problems.push(`content-type must be application/json, not "${mediaType(req)}"`);
    let body: unknown;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      body = raw.toString("utf8");
    }
    if (!isRecord(body)) {
      problems.push("body is not a JSON object");
    } else {
      const type = body.response_type;
      if (type !== undefined && type !== "ephemeral" && type !== "in_channel") {
        problems.push(`response_type must be "ephemeral" or "in_channel", not ${JSON.stringify(type)}`);
      }
      if (body.delete_original !== true) problems.push(...checkMessage(body));
    }

    const list = responses.get(id) ?? [];
    responses.set(id, list);
    list.push(body);
    const messages = problems.map((p) => `${where}: ${p}`);
    for (const m of messages) context.addViolation(m);
    context.emit({ type: "response", id, body });
    waiters.deliver("response", id, list, responseCursor);
    // Bolt's respond() only notices HTTP status, so a rejected post has to be a 4xx to reach the bot.
    if (strict && messages.length > 0) return sendJson(res, 400, invalidArguments(messages));
    sendJson(res, 200, { ok: true });
  }

  return {
    responses,
    handle,
    responseUrl(id) {
      if (!responseUrls.has(id)) responseUrls.set(id, { mintedAt: now(), uses: 0 });
      return `${context.baseUrl}/response/${encodeURIComponent(id)}`;
    },
    waitForResponse(id, timeoutMs) {
      return waiters.waitFor("response", id, responses.get(id) ?? [], responseCursor, timeoutMs);
    },
    reset() {
      responses.clear();
      responseUrls.clear();
      responseCursor.clear();
    },
  };
}
