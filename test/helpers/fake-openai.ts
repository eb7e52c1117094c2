/**
 * A local OpenAI-compatible server for tests: a real HTTP server on 127.0.0.1 (port 0) answering
 * POST /v1/chat/completions in the OpenAI wire format, so the real `openai` SDK talks to it.
 *
 * Modes (set `server.mode` between tests):
 * - "grounded": a reply built only from figures in the facts the request carried;
 * - "invented": the grounded reply plus a number that is in no fact (987654);
 * - "slow": never answers (the connection is held until the server closes);
 * - "error": HTTP 500 with an OpenAI error body (which echoes the prompt, as careless servers do);
 * - "injection": a grounded reply that starts with `<!channel>`.
 * Every request is recorded (method, path, headers, raw body and parsed JSON).
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type FakeOpenAIMode = "grounded" | "invented" | "slow" | "error" | "injection";

export const inventedNumber = 987654;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
  body: unknown;
}

export interface FakeOpenAI {
  /** The base URL to give the SDK: http://127.0.0.1:<port>/v1 */
  baseUrl: string;
  mode: FakeOpenAIMode;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

interface ChatBody {
  model?: string;
  messages?: { role: string; content: string }[];
}

interface FactsLike {
  asOf: string;
  priorYear: number;
  rows: { key: string; yearToDate: { current: number; prior: number } }[];
  last24Hours: { hours: number; shootingIncidents: number };
}

/** Two sentences that use only figures from the facts in the request's user message. */
function groundedReply(body: ChatBody): string {
  const user = body.messages?.find((m) => m.role === "user")?.content ?? "{}";
  const facts = JSON.parse(user) as FactsLike;
  const shootings = facts.rows.find((r) => r.key === "shootings")?.yearToDate ?? { current: 0, prior: 0 };
  return (
    `Preliminary figures as of ${facts.asOf} show ${shootings.current.toLocaleString("en-US")} shooting incidents ` +
    `year to date, against ${shootings.prior.toLocaleString("en-US")} in the same period of ${facts.priorYear}.\n` +
    `In the last ${facts.last24Hours.hours} hours there were ${facts.last24Hours.shootingIncidents} shooting incidents.`
  );
}

function completion(res: ServerResponse, model: string, content: string): void {
  res.writeHead(200, { "content-type": "application/json" });
  res.end(
    JSON.stringify({
      id: "chatcmpl-fake",
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model,
      choices: [
        {
          index: 0,
          message: { role: "assistant", content, refusal: null },
          logprobs: null,
          finish_reason: "stop",
        },
      ],
      usage: { prompt_tokens: 100, completion_tokens: 40, total_tokens: 140 },
    }),
  );
}

export async function startFakeOpenAI(initialMode: FakeOpenAIMode = "grounded"): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  const state: { mode: FakeOpenAIMode } = { mode: initialMode };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        body = undefined;
      }
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, raw, body });
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { message: "not found", type: "invalid_request_error" } }));
        return;
      }
      const chat = (body ?? {}) as ChatBody;
      const model = chat.model ?? "fake";
      switch (state.mode) {
        case "grounded":
          return completion(res, model, groundedReply(chat));
        case "invented":
          return completion(
            res,
            model,
            `${groundedReply(chat)} Arrests rose to ${inventedNumber} this week.`,
          );
        case "injection":
          return completion(res, model, `<!channel> ${groundedReply(chat)}`);
        case "error":
          res.writeHead(500, { "content-type": "application/json" });
          res.end(
            JSON.stringify({ error: { message: `server failed on prompt: ${raw}`, type: "server_error" } }),
          );
          return;
        case "slow":
          // Never answer: the client must give up on its own. close() drops the connection.
          return;
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    get mode() {
      return state.mode;
    },
    set mode(mode: FakeOpenAIMode) {
      state.mode = mode;
    },
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
