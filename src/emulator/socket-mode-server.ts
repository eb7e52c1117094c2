// Slack's side of Socket Mode: the WebSocket an app dials with the URL apps.connections.open gave it. It greets a
// connection with `hello`, delivers envelopes (slash_commands, interactive, events_api) shaped the way Slack sends
// them, records every ack, flags an envelope not acked within 3 s, and can ask the app to reconnect with a
// `disconnect` message. A relay URL turns the requests createSlackDriver posts to a Request URL into envelopes, so
// the same driver plays Slack for the bot in both HTTP mode and Socket Mode.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";
import { type RawData, type WebSocket, WebSocketServer } from "ws";
import { readBody } from "./request-body.js";
import type { SlackApiServer } from "./web-api-server.js";

export type EnvelopeType = "slash_commands" | "interactive" | "events_api";

/** One message Slack sends an app over Socket Mode (other than hello and disconnect). */
export interface SocketEnvelope {
  envelope_id: string;
  type: EnvelopeType;
  /** For slash_commands the command's form fields; for interactive the interaction payload; for events_api the
   * event_callback body. Each is what Slack would have posted to a Request URL. */
  payload: Record<string, unknown>;
  /** Whether the ack may carry a response (a message, response_action, options). False for events_api. */
  accepts_response_payload: boolean;
  /** events_api only: 0 for a first delivery. */
  retry_attempt?: number;
  retry_reason?: string;
}

export interface SocketAck {
  envelopeId: string;
  /** The `payload` the app sent with its ack; undefined when the ack had none. */
  payload: Record<string, unknown> | undefined;
  /** The ack message exactly as received. */
  raw: unknown;
  connectionId: number;
  /** Milliseconds from sending the envelope to receiving the ack. */
  elapsedMs: number;
}

export interface DeliveredEnvelope {
  envelope: SocketEnvelope;
  connectionId: number;
  ack?: SocketAck;
  /** The ack deadline passed first; a violation was recorded (a later ack is still kept in `ack`). */
  late: boolean;
}

export interface SocketConnection {
  id: number;
  appToken: string;
  /** The hello message this server sent. */
  hello: Record<string, unknown>;
  open: boolean;
  /** Who closed the connection: the app (e.g. answering a disconnect message) or this server. */
  closedBy?: "client" | "server";
  closeCode?: number;
}

export interface SocketDelivery {
  type: EnvelopeType;
  payload: Record<string, unknown>;
  /** By default true for slash_commands and interactive, false for events_api (the relay sends false for the
   * interactions Slack does: block_actions and shortcut). */
  acceptsResponsePayload?: boolean;
  /** events_api: Slack's retry count and reason (0 and "" for a first delivery). */
  retryAttempt?: number;
  retryReason?: string;
}

export interface SocketModeServerOptions {
  /** The Web API emulator whose apps.connections.open hands out this server's URLs. */
  api: SlackApiServer;
  host?: string;
  /** Slack gives up on an envelope not acked within 3 s. */
  ackTimeoutMs?: number;
  /** After a disconnect message, how long the app has to close the connection before this server does. */
  disconnectGraceMs?: number;
  /** Slack pings each connection; the SDK drops a connection that stops hearing them. 0 turns pings off. */
  pingIntervalMs?: number;
}

export interface SocketModeServer {
  /** ws://127.0.0.1:<port> */
  readonly url: string;
  /** Give this to createSlackDriver as the bot's request URL: each request it posts is sent as an envelope, and the
   * HTTP answer is the ack (200, with the ack's payload as a JSON body, or an empty body for a bare ack), or 504
   * when no ack came within the deadline. The envelope id is in the `x-socket-envelope-id` response header. */
  readonly relayUrl: string;
  /** Every connection accepted, in order. */
  readonly connections: readonly SocketConnection[];
  /** Every envelope sent, in order, with its ack once it arrives. */
  readonly delivered: readonly DeliveredEnvelope[];
  /** Breaches of the protocol seen here; each is also reported to the Web API emulator's violations. */
  readonly violations: readonly string[];
  /** Resolves once the `count`-th connection since start has been greeted with hello. */
  waitForConnection(count: number, timeoutMs?: number): Promise<SocketConnection>;
  /** Sends an envelope to the newest open connection and returns its envelope_id. */
  deliver(delivery: SocketDelivery): string;
  /** The ack of an envelope; rejects when none arrives within `timeoutMs` (the ack deadline by default). */
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<SocketAck>;
  /** Sends `{ type: "disconnect", reason }` to every open connection; resolves once all of them have closed. */
  disconnect(reason?: string): Promise<void>;
  close(): Promise<void>;
}

export const envelopeIdHeader = "x-socket-envelope-id";

const DEFAULT_ACK_TIMEOUT_MS = 3_000;
// Interactions whose envelope Slack sends with accepts_response_payload false: their ack can carry nothing (Slack's
// recorded envelopes in python-slack-sdk tests/slack_sdk/socket_mode/mock_socket_mode_server.py).
const interactionsAnsweredEmpty = new Set(["block_actions", "shortcut"]);
const MAX_BODY_BYTES = 5 * 1024 * 1024;

interface Live {
  connection: SocketConnection;
  socket: WebSocket;
  closed: Promise<void>;
  closingByServer: boolean;
}

interface Pending {
  entry: DeliveredEnvelope;
  sentAt: number;
  timer: NodeJS.Timeout;
  waiters: Array<(ack: SocketAck) => void>;
}

export async function startSocketModeServer(options: SocketModeServerOptions): Promise<SocketModeServer> {
  const { api } = options;
  const ackTimeoutMs = options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS;
  const disconnectGraceMs = options.disconnectGraceMs ?? 2_000;
  const pingIntervalMs = options.pingIntervalMs ?? 10_000;
  const tickets = new Map<string, { appToken: string; used: boolean }>();
  const connections: SocketConnection[] = [];
  const live: Live[] = [];
  const delivered: DeliveredEnvelope[] = [];
  const pending = new Map<string, Pending>();
  const violations: string[] = [];
  const connectionWaiters: Array<{ count: number; resolve: (c: SocketConnection) => void }> = [];
  let envelopeCounter = 0;

  function violation(message: string): void {
    const text = `socket mode: ${message}`;
    violations.push(text);
    api.reportViolation(text);
  }

  const wss = new WebSocketServer({ noServer: true });
  const server = createServer((req, res) => {
    relay(req, res).catch((error: unknown) => {
      violation(`relay failed on ${req.method} ${req.url}: ${(error as Error).message}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("internal error");
    });
  });
  server.on("upgrade", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? "/", "http://socket-mode.invalid");
    const ticket = url.searchParams.get("ticket") ?? "";
    const issued = tickets.get(ticket);
    if (url.pathname !== "/link/" || !issued || issued.used) {
      violation(
        issued?.used
          ? `a WebSocket URL was used twice (ticket ${ticket}); call apps.connections.open for each connection`
          : `a WebSocket connection to ${url.pathname} without a ticket from apps.connections.open`,
      );
      socket.end("HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    issued.used = true;
    wss.handleUpgrade(req, socket, head, (ws) => accept(ws, issued.appToken));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const wsBase = `ws://${host}:${address.port}`;
  const debugHost = `applink-emulator-${address.port}`;

  const pinger =
    pingIntervalMs > 0
      ? setInterval(() => {
          for (const l of live) if (l.connection.open) l.socket.ping(`ping from Slack (${Date.now()})`);
        }, pingIntervalMs).unref()
      : undefined;

  function accept(socket: WebSocket, appToken: string): void {
    const open = live.filter((l) => l.connection.open).length + 1;
    const hello = {
      type: "hello",
      num_connections: open,
      debug_info: {
        host: debugHost,
        build_number: 1,
        approximate_connection_time: 18_060,
      },
      connection_info: { app_id: api.bot.appId },
    };
    const connection: SocketConnection = { id: connections.length + 1, appToken, hello, open: true };
    connections.push(connection);
    const entry: Live = {
      connection,
      socket,
      closingByServer: false,
      closed: new Promise<void>((resolve) => {
        socket.once("close", (code) => {
          connection.open = false;
          connection.closedBy = entry.closingByServer ? "server" : "client";
          connection.closeCode = code;
          live.splice(live.indexOf(entry), 1);
          resolve();
        });
      }),
    };
    live.push(entry);
    socket.on("message", (data, isBinary) => onMessage(connection, data, isBinary));
    socket.on("error", (error) => violation(`connection ${connection.id}: ${error.message}`));
    socket.send(JSON.stringify(hello));
    for (const waiter of connectionWaiters.filter((w) => w.count <= connections.length)) {
      connectionWaiters.splice(connectionWaiters.indexOf(waiter), 1);
      waiter.resolve(connections[waiter.count - 1] as SocketConnection);
    }
  }

  function onMessage(connection: SocketConnection, data: RawData, isBinary: boolean): void {
    const parsed = parseAck(connection, data, isBinary);
    if (typeof parsed === "string") {
      violation(parsed);
      return;
    }
    const { message, envelopeId } = parsed;
    const waiting = pending.get(envelopeId);
    if (!waiting) {
      const known = delivered.some((d) => d.envelope.envelope_id === envelopeId);
      violation(
        known ? `envelope ${envelopeId} was acked twice` : `an ack for unknown envelope ${envelopeId}`,
      );
      return;
    }
    pending.delete(envelopeId);
    clearTimeout(waiting.timer);
    const body = message.payload;
    if (body !== undefined && !isRecord(body)) {
      violation(`the ack of envelope ${envelopeId} has a payload that is not an object`);
    }
    const payload = isRecord(body) ? body : undefined;
    const { entry } = waiting;
    if (!entry.envelope.accepts_response_payload && payload && Object.keys(payload).length > 0) {
      violation(
        `the ack of ${entry.envelope.type} envelope ${envelopeId} carries a payload, which Slack ignores ` +
          `(accepts_response_payload is false): ${JSON.stringify(payload).slice(0, 200)}`,
      );
    }
    const ack: SocketAck = {
      envelopeId,
      payload,
      raw: message,
      connectionId: connection.id,
      elapsedMs: Math.round(performance.now() - waiting.sentAt),
    };
    entry.ack = ack;
    for (const resolve of waiting.waiters) resolve(ack);
  }

  function deliver(delivery: SocketDelivery): string {
    const target = live.filter((l) => l.connection.open).at(-1);
    if (!target) throw new Error("Socket Mode emulator: no open connection to deliver to");
    const envelope: SocketEnvelope = {
      envelope_id: `${Date.now().toString(16)}-${++envelopeCounter}-${randomBytes(6).toString("hex")}`,
      type: delivery.type,
      payload: delivery.payload,
      accepts_response_payload: delivery.acceptsResponsePayload ?? delivery.type !== "events_api",
      ...(delivery.type === "events_api"
        ? { retry_attempt: delivery.retryAttempt ?? 0, retry_reason: delivery.retryReason ?? "" }
        : {}),
    };
    const entry: DeliveredEnvelope = { envelope, connectionId: target.connection.id, late: false };
    delivered.push(entry);
    const id = envelope.envelope_id;
    const timer = setTimeout(() => {
      entry.late = true;
      violation(`${describeEnvelope(envelope)} was not acked within ${ackTimeoutMs} ms`);
    }, ackTimeoutMs);
    timer.unref();
    pending.set(id, { entry, sentAt: performance.now(), timer, waiters: [] });
    target.socket.send(JSON.stringify(envelope));
    return id;
  }

  function waitForAck(envelopeId: string, timeoutMs = ackTimeoutMs): Promise<SocketAck> {
    const entry = delivered.find((d) => d.envelope.envelope_id === envelopeId);
    if (!entry) return Promise.reject(new Error(`Socket Mode emulator: no envelope ${envelopeId} was sent`));
    if (entry.ack) return Promise.resolve(entry.ack);
    const waiting = pending.get(envelopeId);
    if (!waiting) return Promise.reject(new Error(`Socket Mode emulator: envelope ${envelopeId} has no ack`));
    return new Promise<SocketAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.waiters.splice(waiting.waiters.indexOf(done), 1);
        reject(
          new Error(`Socket Mode emulator: ${describeEnvelope(entry.envelope)} not acked in ${timeoutMs} ms`),
        );
      }, timeoutMs);
      const done = (ack: SocketAck) => {
        clearTimeout(timer);
        resolve(ack);
      };
      waiting.waiters.push(done);
    });
  }

  /** A request createSlackDriver posted, turned into the envelope Slack would send instead. */
  async function relay(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "POST" || new URL(req.url ?? "/", wsBase).pathname !== "/relay") {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const raw = (await readBody(req, MAX_BODY_BYTES)).toString("utf8");
    const type = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
    let delivery: SocketDelivery;
    if (type === "application/x-www-form-urlencoded") {
      const form = Object.fromEntries(new URLSearchParams(raw));
      const interaction = form.payload !== undefined ? (JSON.parse(form.payload) as unknown) : undefined;
      if (isRecord(interaction)) {
        delivery = {
          type: "interactive",
          payload: interaction,
          acceptsResponsePayload: !interactionsAnsweredEmpty.has(String(interaction.type)),
        };
      } else if (typeof form.command === "string") delivery = { type: "slash_commands", payload: form };
      else return badRequest(res, "a form body needs `command` (slash command) or `payload` (interaction)");
    } else if (type === "application/json") {
      const body: unknown = JSON.parse(raw);
      if (!isRecord(body) || body.type !== "event_callback") {
        return badRequest(res, "Socket Mode carries only event_callback bodies (no url_verification)");
      }
      const retryNum = req.headers["x-slack-retry-num"];
      const retryReason = req.headers["x-slack-retry-reason"];
      delivery = {
        type: "events_api",
        payload: body,
        retryAttempt: typeof retryNum === "string" ? Number(retryNum) : 0,
        retryReason: typeof retryReason === "string" ? retryReason : "",
      };
    } else {
      return badRequest(res, `unsupported content-type "${type}"`);
    }
    let id: string;
    try {
      id = deliver(delivery);
    } catch (error) {
      res.writeHead(503, { "content-type": "text/plain" }).end((error as Error).message);
      return;
    }
    let ack: SocketAck;
    try {
      ack = await waitForAck(id);
    } catch {
      res.writeHead(504, { "content-type": "text/plain", [envelopeIdHeader]: id }).end("no ack within 3 s");
      return;
    }
    if (ack.payload && Object.keys(ack.payload).length > 0) {
      res
        .writeHead(200, { "content-type": "application/json; charset=utf-8", [envelopeIdHeader]: id })
        .end(JSON.stringify(ack.payload));
    } else {
      res.writeHead(200, { [envelopeIdHeader]: id }).end();
    }
  }

  api.attachSocketMode({
    openConnection(appToken) {
      const ticket = randomBytes(16).toString("hex");
      tickets.set(ticket, { appToken, used: false });
      return `${wsBase}/link/?ticket=${ticket}&app_id=${api.bot.appId}`;
    },
  });

  return {
    url: wsBase,
    relayUrl: `http://${host}:${address.port}/relay`,
    connections,
    delivered,
    violations,
    waitForConnection(count, timeoutMs = 15_000) {
      const existing = connections[count - 1];
      if (existing) return Promise.resolve(existing);
      return new Promise<SocketConnection>((resolve, reject) => {
        const waiter = {
          count,
          resolve: (c: SocketConnection) => {
            clearTimeout(timer);
            resolve(c);
          },
        };
        const timer = setTimeout(() => {
          connectionWaiters.splice(connectionWaiters.indexOf(waiter), 1);
          reject(
            new Error(
              `Socket Mode emulator: connection ${count} not opened within ${timeoutMs} ms ` +
                `(${connections.length} so far)`,
            ),
          );
        }, timeoutMs);
        connectionWaiters.push(waiter);
      });
    },
    deliver,
    waitForAck,
    async disconnect(reason = "refresh_requested") {
      const targets = live.filter((l) => l.connection.open);
      await Promise.all(
        targets.map(async (l) => {
          l.socket.send(JSON.stringify({ type: "disconnect", reason, debug_info: { host: debugHost } }));
          const grace = setTimeout(() => {
            l.closingByServer = true;
            l.socket.close(1000, reason);
          }, disconnectGraceMs);
          await l.closed;
          clearTimeout(grace);
        }),
      );
    },
    async close() {
      api.attachSocketMode(undefined);
      if (pinger) clearInterval(pinger);
      for (const p of pending.values()) clearTimeout(p.timer);
      pending.clear();
      for (const l of [...live]) {
        l.closingByServer = true;
        l.socket.terminate();
      }
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** An ack message from the app, or what is wrong with it. */
function parseAck(
  connection: SocketConnection,
  data: RawData,
  isBinary: boolean,
): { message: Record<string, unknown>; envelopeId: string } | string {
  const where = `connection ${connection.id}`;
  if (isBinary) return `${where}: the app sent a binary message; Slack expects JSON text`;
  let message: unknown;
  try {
    message = JSON.parse(rawText(data));
  } catch {
    return `${where}: the app sent a message that is not JSON: ${rawText(data).slice(0, 200)}`;
  }
  if (!isRecord(message) || typeof message.envelope_id !== "string") {
    return `${where}: the app sent a message without an envelope_id: ${JSON.stringify(message)}`;
  }
  return { message, envelopeId: message.envelope_id };
}

function describeEnvelope(envelope: SocketEnvelope): string {
  const p = envelope.payload;
  const what =
    envelope.type === "slash_commands"
      ? `${String(p.command)} ${String(p.text ?? "")}`.trim()
      : envelope.type === "interactive"
        ? String(p.type)
        : isRecord(p.event)
          ? String(p.event.type)
          : "event";
  return `${envelope.type} envelope ${envelope.envelope_id} (${what})`;
}

function badRequest(res: ServerResponse, message: string): void {
  res.writeHead(400, { "content-type": "text/plain" }).end(message);
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.from(data as ArrayBuffer).toString("utf8");
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
