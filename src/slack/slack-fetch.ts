import http from "node:http";
import https from "node:https";

/** A reply that gets no answer in this long is given up (the global fetch would wait 5 minutes). */
const replyTimeoutMs = 30_000;
const agents = {
  "http:": new http.Agent({ keepAlive: true }),
  "https:": new https.Agent({ keepAlive: true }),
};

/**
 * The `fetch` that Bolt (for respond()) and its Web API client use. A POST of a string with no abort
 * signal (respond()'s JSON replies, and the Web API calls, which the client sends url-encoded) goes
 * over node:http with keep-alive, its body read in full:
 * - respond() posts each command's answer. Through the WHATWG fetch (Request, Headers, streams,
 *   AbortSignal) a reply cost about 170 µs of CPU in a profile of the bot under load
 *   (bench/ack.ts --cpu-prof), more than verifying and acknowledging a command.
 * - respond() never reads the body of its POST, and undici returns a connection to its pool only
 *   once the body is read: every reply opened a new connection, held until garbage collection.
 * Anything else (file uploads as form data, whose bodies the client reads) goes to the global fetch.
 */
export const slackFetch: typeof fetch = async (input, init) => {
  const url = typeof input === "string" ? URL.parse(input) : input instanceof URL ? input : null;
  const headers = init?.headers;
  if (
    url &&
    init?.method === "POST" &&
    typeof init.body === "string" &&
    !init.signal &&
    isPlainHeaders(headers) &&
    (url.protocol === "http:" || url.protocol === "https:")
  ) {
    return post(url, init.body, headers);
  }
  return fetch(input, init);
};

function isPlainHeaders(headers: RequestInit["headers"]): headers is Record<string, string> | undefined {
  return (
    headers === undefined ||
    (typeof headers === "object" &&
      !Array.isArray(headers) &&
      !(headers instanceof Headers) &&
      Object.values(headers).every((value) => typeof value === "string"))
  );
}

function post(url: URL, body: string, headers: Record<string, string> = {}): Promise<Response> {
  const protocol = url.protocol === "https:" ? "https:" : "http:";
  const client = protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: "POST",
        agent: agents[protocol],
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
        timeout: replyTimeoutMs,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const status = response.statusCode ?? 0;
          if (status < 200 || status > 599) {
            reject(new TypeError(`fetch failed: ${url.host} answered with status ${status}`));
            return;
          }
          const content = Buffer.concat(chunks);
          const pairs: Array<[string, string]> = [];
          for (let i = 0; i + 1 < response.rawHeaders.length; i += 2) {
            pairs.push([response.rawHeaders[i] as string, response.rawHeaders[i + 1] as string]);
          }
          const withoutBody = content.length === 0 || status === 204 || status === 205 || status === 304;
          resolve(
            new Response(withoutBody ? null : content, {
              status,
              statusText: response.statusMessage ?? "",
              headers: pairs,
            }),
          );
        });
      },
    );
    request.on("timeout", () =>
      request.destroy(
        new Error(`fetch failed: no answer from ${url.host} within ${replyTimeoutMs / 1000} s`),
      ),
    );
    request.on("error", reject);
    request.end(body);
  });
}
