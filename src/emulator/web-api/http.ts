// Reading requests the way Slack's servers read them, and answering the way they answer.
import type { IncomingMessage, ServerResponse } from "node:http";
import { isRecord, type Json } from "../json-values.js";
import { readBody } from "../request-body.js";
import type { CallRecord, InjectedFailure } from "./types.js";

export const MAX_BODY_BYTES = 50 * 1024 * 1024;

export type Encoding = CallRecord["encoding"];

export interface ParsedCall {
  args: Json;
  headerToken: string | undefined;
  bodyToken: string | undefined;
  encoding: Encoding;
}

export async function parseApiCall(req: IncomingMessage): Promise<ParsedCall> {
  const raw = await readBody(req, MAX_BODY_BYTES);
  const type = mediaType(req);
  let args: Json = {};
  let encoding: Encoding = "none";
  if (raw.length > 0 && type === "application/json") {
    const parsed: unknown = JSON.parse(raw.toString("utf8"));
    if (!isRecord(parsed)) throw new Error("JSON body is not an object");
    args = parsed;
    encoding = "json";
  } else if (raw.length > 0 && type === "application/x-www-form-urlencoded") {
    args = Object.fromEntries(new URLSearchParams(raw.toString("utf8")));
    encoding = "form";
  } else if (raw.length > 0 && type === "multipart/form-data") {
    const form = await formData(req, raw);
    for (const [key, value] of form) {
      args[key] = typeof value === "string" ? value : Buffer.from(await value.arrayBuffer());
    }
    encoding = "multipart";
  } else if (raw.length > 0) {
    throw new Error(`unsupported content-type "${type}"`);
  }
  const headerToken = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const bodyToken = typeof args.token === "string" && args.token !== "" ? args.token : undefined;
  delete args.token;
  return { args, headerToken, bodyToken, encoding };
}

export function tokenOf(call: ParsedCall): string | undefined {
  return call.headerToken ?? call.bodyToken;
}

export function mediaType(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

export function formData(req: IncomingMessage, raw: Buffer): Promise<FormData> {
  const contentType = req.headers["content-type"] ?? "";
  return new Request("http://emulator.invalid/", {
    method: "POST",
    headers: { "content-type": contentType },
    body: raw,
  }).formData();
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  scopes?: ReadonlySet<string>,
): void {
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
  if (scopes) headers["x-oauth-scopes"] = [...scopes].join(",");
  res.writeHead(status, headers).end(JSON.stringify(body));
}

export function sendFailure(res: ServerResponse, failure: InjectedFailure): void {
  if ("error" in failure) {
    sendJson(res, 200, { ok: false, error: failure.error });
    return;
  }
  if (failure.status === 429) {
    res
      .writeHead(429, {
        "content-type": "application/json; charset=utf-8",
        "retry-after": String(failure.retryAfterSeconds),
      })
      .end(JSON.stringify({ ok: false, error: "ratelimited" }));
    return;
  }
  res.writeHead(500, { "content-type": "text/html" }).end("<html><body>Internal Server Error</body></html>");
}

export function invalidArguments(messages: readonly string[]): Json {
  return {
    ok: false,
    error: "invalid_arguments",
    response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) },
  };
}
