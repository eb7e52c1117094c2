import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CustomRoute } from "@slack/bolt";
import type { Bot } from "../../bootstrap.js";
import { personOf } from "../../domain/access/identity.js";
import { localTimeOf } from "../../domain/time/zoned.js";
import type { SlackActor, SlackDriver } from "../../emulator/slack-driver.js";
import type { SlackApiServer } from "../../emulator/web-api-server.js";
import { type ConsoleMessage, type Conversation, trackConversation } from "./conversation.js";
import { type RenderContext, renderMessageHtml, renderViewHtml } from "./render-html.js";

/**
 * The browser half of local mode: a page at / on the bot's own port that shows every surface as
 * Slack draws it, from what the bot sent the emulator, and sends clicks, selects and form
 * submissions back to the bot as Slack's signed payloads, through the same driver the tests use.
 * Served only in local mode, and only to this machine.
 */

export interface ConsolePerson {
  userId: string;
  name: string;
  teamId: string;
}

export interface LocalConsole {
  routes: CustomRoute[];
  /** The bot and its driver, once started: until then the console answers 503. */
  attach(parts: { bot: Bot; emulator: SlackApiServer; driver: SlackDriver }): void;
  stop(): void;
}

const assets = new URL("./assets/", import.meta.url);
const asset = (name: string) => readFileSync(new URL(name, assets), "utf8");

export function createLocalConsole(options: {
  people: ConsolePerson[];
  channels: Array<{ id: string; name: string }>;
}) {
  let parts:
    | { bot: Bot; emulator: SlackApiServer; driver: SlackDriver; conversation: Conversation }
    | undefined;
  const people = new Map(options.people.map((p) => [p.userId, p]));
  const introduced = new Set<string>();
  const channelNames = new Map(options.channels.map((c) => [c.id, c.name]));
  const streams = new Set<ServerResponse>();
  let sequence = 0;
  const page = {
    html: asset("index.html"),
    js: asset("console.js"),
    layout: asset("layout.css"),
    blocks: asset("blocks.css"),
  };

  const context: RenderContext = {
    userName: (userId) => people.get(userId)?.name,
    channelName: (channelId) => channelNames.get(channelId),
    fileUrl: (fileId) => `/console/files/${encodeURIComponent(fileId)}`,
    knownUsers: () => [...people.values()].map((p) => ({ id: p.userId, name: p.name })),
  };

  function ready() {
    if (!parts) throw new HttpError(503, "The bot is still starting.");
    return parts;
  }

  function actorOf(body: Record<string, unknown>): Partial<SlackActor> & { userId: string; teamId: string } {
    const userId = stringField(body, "user");
    const person = people.get(userId);
    // Slack's directory learns of a console person when the console first acts as them, not before:
    // the same ids may be a test's own users, described differently.
    if (person && !introduced.has(userId)) {
      ready().emulator.setUser(userId, { name: person.name, teamId: person.teamId });
      introduced.add(userId);
    }
    const channelId = typeof body.channel === "string" ? body.channel : undefined;
    return {
      userId,
      userName: person?.name ?? userId.toLowerCase(),
      teamId: person?.teamId ?? ready().emulator.team.id,
      ...(channelId ? { channelId, channelName: channelNames.get(channelId) ?? channelId } : {}),
    };
  }

  async function state(url: URL) {
    const { bot, emulator, conversation } = ready();
    const viewer = url.searchParams.get("user") ?? "";
    const channel = url.searchParams.get("channel") ?? "";
    const threadTs = url.searchParams.get("thread");
    for (const id of conversation.channelsWithMessages()) if (!channelNames.has(id)) channelNames.set(id, id);
    for (const schedule of await bot.services.digests.listSchedules()) {
      if (!channelNames.has(schedule.channelId)) channelNames.set(schedule.channelId, schedule.channelId);
    }
    const now = new Date();
    const roster = await Promise.all(
      [...people.values()].map(async (p) => {
        const access = await bot.services.accessOf(personOfConsole(p, emulator, bot), now);
        return { ...p, role: access.role, unmappedWorkspace: access.unmappedWorkspace ?? null };
      }),
    );
    const modalIds = conversation.modals(viewer);
    const topModal = modalIds.at(-1);
    const homeId = conversation.home(viewer);
    return {
      version: conversation.version,
      people: roster,
      channels: [...channelNames].map(([id, name]) => ({ id, name, dm: id.startsWith("D") })),
      channelHtml: conversation
        .messages(channel, viewer)
        .map((m) => messageHtml(m, conversation, viewer))
        .join(""),
      threadHtml: threadTs
        ? conversation
            .thread(channel, threadTs, viewer)
            .map((m) => messageHtml(m))
            .join("")
        : "",
      homeHtml: homeId ? viewHtml(homeId) : "",
      homeViewId: homeId ?? null,
      modal: topModal ? { id: topModal, depth: modalIds.length, html: viewHtml(topModal) } : null,
    };
  }

  function viewHtml(viewId: string): string {
    const { emulator, conversation } = ready();
    const view = emulator.views.get(viewId)?.view;
    if (!view) return "";
    // Redrawn with what was typed, as Slack keeps a form's inputs when it shows their errors.
    return renderViewHtml(view, context, conversation.errorsOf(viewId) ?? {});
  }

  function messageHtml(message: ConsoleMessage, conversation?: Conversation, viewer?: string): string {
    const who =
      message.from.kind === "bot"
        ? "Task Force Bot"
        : (people.get(message.from.userId)?.name ?? message.from.userId);
    const replies =
      conversation && viewer ? conversation.thread(message.channelId, message.ts, viewer).length - 1 : 0;
    const files = (message.files ?? [])
      .map(
        (f) =>
          `<figure class="tf-file"><img src="${context.fileUrl(f.id)}" alt="${escapeAttribute(f.title)}"><figcaption>${escapeHtml(f.title)}</figcaption></figure>`,
      )
      .join("");
    const body =
      message.from.kind === "user"
        ? `<div class="tf-typed">${escapeHtml(message.text)}</div>`
        : renderMessageHtml(message, context);
    return [
      `<article class="tf-message${message.visibleTo ? " sk-ephemeral" : ""}" data-key="${message.key}" data-ts="${escapeAttribute(message.ts)}">`,
      `<header><strong>${escapeHtml(who)}</strong> <time>${escapeHtml(timeOf(message.ts, ready().bot.services.config.timeZone))}</time>`,
      message.visibleTo ? ` <span class="tf-only-you">Only visible to you</span>` : "",
      `</header>${body}${files}`,
      replies > 0
        ? `<button class="tf-replies" data-thread="${escapeAttribute(message.ts)}">${replies} repl${replies === 1 ? "y" : "ies"}</button>`
        : "",
      "</article>",
    ].join("");
  }

  async function command(body: Record<string, unknown>) {
    const { driver, conversation } = ready();
    const actor = actorOf(body);
    const text = stringField(body, "text").trim();
    const match = /^\/tf(?:\s+([\s\S]*))?$/.exec(text);
    if (!match) throw new HttpError(400, 'Commands start with /tf, e.g. "/tf help".');
    const responseUrlId = `console-${++sequence}`;
    const triggerId = ready().emulator.mintTriggerId();
    conversation.expect({
      userId: actor.userId,
      channelId: actor.channelId ?? driver.actor.channelId,
      responseUrlId,
      triggerId,
      command: text,
    });
    const sent = await driver.command(match[1] ?? "", { ...actor, responseUrlId, triggerId });
    return { status: sent.status, body: sent.body };
  }

  async function action(body: Record<string, unknown>) {
    const { driver, conversation } = ready();
    const actor = actorOf(body);
    const act = (body.action ?? {}) as Record<string, unknown>;
    const viewId = typeof body.viewId === "string" ? body.viewId : undefined;
    const message = typeof body.messageKey === "string" ? conversation.message(body.messageKey) : undefined;
    const responseUrlId = viewId ? undefined : `console-${++sequence}`;
    const triggerId = ready().emulator.mintTriggerId();
    conversation.expect({
      userId: actor.userId,
      channelId: message?.channelId ?? actor.channelId ?? driver.actor.channelId,
      ...(message ? { messageKey: message.key } : {}),
      ...(responseUrlId ? { responseUrlId } : {}),
      triggerId,
    });
    const sent = await driver.blockAction({
      ...actor,
      ...(message ? { channelId: message.channelId } : {}),
      actionId: stringField(act, "action_id"),
      ...(typeof act.block_id === "string" ? { blockId: act.block_id } : {}),
      ...(typeof act.value === "string" ? { value: act.value } : {}),
      action: act,
      ...(message
        ? {
            message: {
              ts: message.ts,
              text: message.text,
              ...(message.blocks ? { blocks: message.blocks } : {}),
            },
          }
        : {}),
      ...(viewId ? { viewId, stateValues: stateOf(body) } : {}),
      ...(responseUrlId ? { responseUrlId } : {}),
      triggerId,
    });
    return { status: sent.status, body: sent.body };
  }

  async function submit(body: Record<string, unknown>) {
    const { driver, conversation } = ready();
    const actor = actorOf(body);
    const viewId = stringField(body, "viewId");
    const sent = await driver.viewSubmission({ ...actor, viewId, values: stateOf(body) });
    const answer = (typeof sent.body === "object" && sent.body !== null ? sent.body : {}) as Record<
      string,
      unknown
    >;
    if (sent.status === 200 && answer.response_action === "errors") {
      conversation.setErrors(viewId, {
        errors: answer.errors as Record<string, string>,
        values: stateOf(body),
      });
    } else if (sent.status === 200 && answer.response_action === "clear") {
      conversation.closeAllModals(actor.userId);
    } else if (sent.status === 200 && answer.response_action === undefined) {
      conversation.closeModal(actor.userId, viewId);
    }
    return { status: sent.status, body: sent.body };
  }

  async function close(body: Record<string, unknown>) {
    const { driver, emulator, conversation } = ready();
    const actor = actorOf(body);
    const viewId = stringField(body, "viewId");
    const view = emulator.views.get(viewId)?.view;
    conversation.closeModal(actor.userId, viewId);
    if (!view?.notify_on_close) return { status: 200, body: "" };
    const sent = await driver.post(
      new URLSearchParams({
        payload: JSON.stringify({
          type: "view_closed",
          team: { id: actor.teamId },
          user: { id: actor.userId, team_id: actor.teamId },
          view,
          is_cleared: false,
        }),
      }).toString(),
      "application/x-www-form-urlencoded",
    );
    return { status: sent.status, body: sent.body };
  }

  async function openHome(body: Record<string, unknown>) {
    const { driver } = ready();
    const actor = actorOf(body);
    const sent = await driver.event({ type: "app_home_opened", user: actor.userId, tab: "home" }, actor);
    return { status: sent.status, body: sent.body };
  }

  function addPerson(body: Record<string, unknown>) {
    const { emulator } = ready();
    const userId = stringField(body, "user").trim().toUpperCase();
    if (!/^[UW][A-Z0-9]{2,}$/.test(userId))
      throw new HttpError(400, "A Slack user id looks like U012ABCDEF.");
    const teamId = (typeof body.team === "string" && body.team.trim()) || emulator.team.id;
    if (!/^[TE][A-Z0-9]{2,}$/.test(teamId)) throw new HttpError(400, "A workspace id looks like T012ABCDEF.");
    const name = (typeof body.name === "string" && body.name.trim()) || userId.toLowerCase();
    const person = { userId, name: name.slice(0, 40), teamId };
    people.set(userId, person);
    emulator.setUser(userId, { name: person.name, teamId });
    introduced.add(userId);
    return { status: 200, body: person };
  }

  function file(id: string, res: ServerResponse) {
    const upload = ready().emulator.uploads.find((u) => u.id === id);
    if (!upload?.bytes) throw new HttpError(404, "No such file.");
    const type = upload.filename.endsWith(".png") ? "image/png" : "application/octet-stream";
    res.writeHead(200, { "content-type": type, "cache-control": "no-store" });
    res.end(upload.bytes);
  }

  function events(res: ServerResponse) {
    res.writeHead(200, {
      "content-type": "text/event-stream",
      "cache-control": "no-store",
      connection: "keep-alive",
    });
    res.write(`data: ${ready().conversation.version}\n\n`);
    streams.add(res);
    res.on("close", () => streams.delete(res));
  }

  const post = (
    run: (
      body: Record<string, unknown>,
    ) => Promise<{ status: number; body: unknown }> | { status: number; body: unknown },
  ) =>
    handle(async (req, res) => {
      const result = await run(await jsonBody(req));
      sendJson(res, 200, { status: result.status, body: result.body });
    });

  const routes: CustomRoute[] = [
    {
      path: "/",
      method: ["GET"],
      handler: handle((_req, res) => send(res, 200, "text/html; charset=utf-8", page.html)),
    },
    {
      path: "/console/console.js",
      method: ["GET"],
      handler: handle((_req, res) => send(res, 200, "text/javascript; charset=utf-8", page.js)),
    },
    {
      path: "/console/layout.css",
      method: ["GET"],
      handler: handle((_req, res) => send(res, 200, "text/css; charset=utf-8", page.layout)),
    },
    {
      path: "/console/blocks.css",
      method: ["GET"],
      handler: handle((_req, res) => send(res, 200, "text/css; charset=utf-8", page.blocks)),
    },
    {
      path: "/console/state",
      method: ["GET"],
      handler: handle(async (req, res) =>
        sendJson(res, 200, await state(new URL(req.url ?? "/", "http://console"))),
      ),
    },
    { path: "/console/events", method: ["GET"], handler: handle((_req, res) => events(res)) },
    {
      path: "/console/files/:id",
      method: ["GET"],
      handler: handle((req, res) =>
        file(decodeURIComponent((req as { params?: { id?: string } }).params?.id ?? ""), res),
      ),
    },
    { path: "/console/command", method: ["POST"], handler: post(command) },
    { path: "/console/action", method: ["POST"], handler: post(action) },
    { path: "/console/submit", method: ["POST"], handler: post(submit) },
    { path: "/console/close", method: ["POST"], handler: post(close) },
    { path: "/console/home", method: ["POST"], handler: post(openHome) },
    { path: "/console/people", method: ["POST"], handler: post(addPerson) },
  ];

  return {
    routes,
    attach({ bot, emulator, driver }) {
      const conversation = trackConversation(emulator);
      conversation.onChange(() => {
        for (const stream of streams) stream.write(`data: ${conversation.version}\n\n`);
      });
      parts = { bot, emulator, driver, conversation };
    },
    stop() {
      parts?.conversation.stop();
      for (const stream of streams) stream.end();
    },
  } satisfies LocalConsole;
}

/** view.state.values from the page's form, as Slack nests them: [block_id][action_id] → typed value. */
function stateOf(body: Record<string, unknown>) {
  const values = (body.values ?? {}) as Record<
    string,
    Record<string, { type: string } & Record<string, unknown>>
  >;
  return values;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** Only this machine may use the console: it acts as anyone, the admins included. */
function handle(handler: Handler) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const from = req.socket.remoteAddress ?? "";
    if (!["127.0.0.1", "::1", "::ffff:127.0.0.1"].includes(from)) {
      send(res, 403, "text/plain", "The local console answers only on this machine.\n");
      return;
    }
    Promise.resolve()
      .then(() => handler(req, res))
      .catch((error: unknown) => {
        const status = error instanceof HttpError ? error.status : 500;
        const message = error instanceof HttpError ? error.message : "The console could not do that.";
        if (!res.headersSent) sendJson(res, status, { error: message });
      });
  };
}

const maxBody = 1024 * 1024;

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > maxBody) throw new HttpError(413, "That request is too large.");
    chunks.push(chunk as Buffer);
  }
  try {
    const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}");
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw new Error("not an object");
    return parsed as Record<string, unknown>;
  } catch {
    throw new HttpError(400, "The console sent something that is not JSON.");
  }
}

function stringField(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  if (typeof value !== "string" || value === "") throw new HttpError(400, `Missing "${key}".`);
  return value;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, "application/json", JSON.stringify(body));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function escapeAttribute(text: string): string {
  return escapeHtml(text).replace(/"/g, "&quot;");
}

/** A message's time as Slack shows it: the local clock, in the task force's zone. */
function timeOf(ts: string, timeZone: string): string {
  const seconds = Number(ts.split(".")[0]);
  return Number.isFinite(seconds) ? localTimeOf(new Date(seconds * 1000), timeZone) : "";
}

/** The person a console user is to the bot: their workspace, or the bot's Grid org for its own people. */
function personOfConsole(person: ConsolePerson, emulator: SlackApiServer, bot: Bot) {
  const inHome = person.teamId === emulator.team.id;
  return personOf(
    person.userId,
    { teamId: person.teamId, enterpriseId: inHome ? emulator.team.enterpriseId : undefined },
    bot.services.access.home,
  );
}
