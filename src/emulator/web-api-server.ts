// A local stand-in for slack.com: the Web API at <base>/api/<method>, response_url endpoints and file-upload URLs.
// Tests and local mode both run the bot against it, so it answers the way Slack does and it records every contract
// breach it can see (arguments against Slack's method references, scopes against manifest.yml, Block Kit limits).
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import { checkMessage, checkViewCall } from "./block-kit/check.js";
import { readBody } from "./request-body.js";
import { findProjectRoot, loadSlackReference, type MethodContract } from "./slack-reference.js";

export interface SlackApiServerOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Tests: a contract breach is also answered as an error so the bot sees it. Local mode leaves this off. */
  strict?: boolean;
  /** manifest.yml whose oauth_config.scopes.bot the scope check reads; defaults to the project's own. */
  manifestPath?: string;
  /** Folder of Slack's references; defaults to ../shared/slack beside the project. */
  referenceRoot?: string;
  /** When set, any other token is answered with invalid_auth. */
  botToken?: string;
  team?: Partial<EmulatedTeam>;
  bot?: Partial<EmulatedBot>;
  /** Clock in epoch milliseconds, for trigger and response_url expiry. */
  now?: () => number;
  /** Where the one-line notice about missing references goes; console.warn by default. */
  log?: (line: string) => void;
}

export interface EmulatedTeam {
  id: string;
  name: string;
  domain: string;
}

export interface EmulatedBot {
  userId: string;
  botId: string;
  appId: string;
  name: string;
}

export interface CallRecord {
  method: string;
  /**
   * What the client sent, token excluded. Form bodies carry every scalar as a string ("true", "3"); JSON-encoded
   * arguments (blocks, attachments, view, metadata, files) are decoded back into values so tests can compare them.
   */
  args: Record<string, unknown>;
  /** Epoch milliseconds. */
  at: number;
  token: string | undefined;
  encoding: "json" | "form" | "multipart" | "none";
  ok: boolean;
  error?: string;
  response: Record<string, unknown>;
}

export interface UploadedFile {
  id: string;
  filename: string;
  /** The length announced to files.getUploadURLExternal. */
  length: number;
  altText?: string;
  snippetType?: string;
  /** Undefined until the upload POST arrives. */
  bytes?: Buffer;
  completed: boolean;
  title?: string;
  channelId?: string;
  initialComment?: string;
  threadTs?: string;
}

export interface EmulatedView {
  id: string;
  hash: string;
  /** The user whose Home tab this is, for views.publish. */
  userId?: string;
  /** The view as Slack would return it: the app's view plus id, hash, state and the other server fields. */
  view: Record<string, unknown>;
}

export interface ChannelSetup {
  isMember?: boolean;
  name?: string;
  isPrivate?: boolean;
}

export interface UserSetup {
  name?: string;
  realName?: string;
  teamId?: string;
  tz?: string;
}

export type InjectedFailure =
  | { status: 429; retryAfterSeconds: number }
  | { status: 500 }
  | { error: string };

/** Hands out Socket Mode WebSocket URLs; startSocketModeServer attaches one to answer apps.connections.open. */
export interface SocketModeHost {
  /** A fresh WebSocket URL carrying a one-time ticket, for an app-level (xapp-) token. */
  openConnection(appToken: string): string;
}

export type EmulatorEvent =
  | { type: "call"; call: CallRecord }
  | { type: "response"; id: string; body: unknown }
  | { type: "violation"; message: string };

export interface SlackApiServer {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** <url>/api/ — for Bolt's clientOptions.slackApiUrl or SLACK_API_URL. */
  readonly apiUrl: string;
  readonly strict: boolean;
  /** False when Slack's references are missing: argument, type and scope checks are then skipped. */
  readonly referencesAvailable: boolean;
  /** Why some checks are skipped, when they are. */
  readonly referenceNotice: string | undefined;
  readonly team: EmulatedTeam;
  readonly bot: EmulatedBot;
  /** Requests the emulator processed, in arrival order. Injected failures are answered before this point. */
  readonly calls: CallRecord[];
  readonly violations: string[];
  /** Doubts that are not breaches, e.g. an argument the (incomplete) reference does not list. */
  readonly warnings: string[];
  /** Bodies posted to each response_url id, in order. */
  readonly responses: Map<string, unknown[]>;
  readonly uploads: UploadedFile[];
  /** Modals and Home tabs the bot opened, published or updated, by view id. */
  readonly views: Map<string, EmulatedView>;
  /** A response_url served by this server; posts to it land in responses.get(id). */
  responseUrl(id: string): string;
  /** A trigger_id that views.open / views.push accept for 3 seconds, once. */
  mintTriggerId(): string;
  /** The next post to response_url `id` not yet handed out by an earlier call; waits for it if need be. */
  waitForResponse(id: string, timeoutMs?: number): Promise<unknown>;
  /** The next call of `method` not yet handed out by an earlier call; waits for it if need be. */
  waitForCall(method: string, timeoutMs?: number): Promise<CallRecord>;
  /**
   * Answers the next request for `method` ("response_url" for response URL posts) with this failure. Queue several
   * to fail several requests. @slack/web-api retries 429s (after Retry-After) and HTTP 500s (with backoff) by
   * itself, so a single one of those reaches the bot only when its client has `retryConfig: { retries: 0 }`.
   */
  failNext(method: string, failure: InjectedFailure): void;
  setChannel(id: string, setup: ChannelSetup): void;
  setUser(id: string, setup: UserSetup): void;
  setTeam(id: string, setup: { name: string; domain?: string }): void;
  onEvent(listener: (event: EmulatorEvent) => void): () => void;
  /** Answer apps.connections.open with URLs from this host (undefined detaches it). */
  attachSocketMode(host: SocketModeHost | undefined): void;
  /** Records a contract breach seen outside the Web API (e.g. an unacknowledged Socket Mode envelope). */
  reportViolation(message: string): void;
  /** Back to the state right after start: recordings, failures, channels, users, views and triggers. */
  reset(): void;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;
type Encoding = CallRecord["encoding"];

interface ParsedCall {
  args: Json;
  headerToken: string | undefined;
  bodyToken: string | undefined;
  encoding: Encoding;
}

interface HandlerResult {
  body: Json;
  /** A breach only the handler can see, e.g. a trigger used after it expired. */
  violation?: string;
}

const MESSAGE_METHODS = new Set(["chat.postMessage", "chat.postEphemeral", "chat.update"]);
const VIEW_METHODS = new Set(["views.open", "views.push", "views.update", "views.publish"]);
// Arguments Slack documents as "a JSON-encoded string": form bodies must encode them, JSON bodies may nest them.
const JSON_ARGS = new Set(["blocks", "attachments", "unfurled_attachments", "view", "metadata", "files"]);
const TRIGGER_LIFETIME_MS = 3_000;
const RESPONSE_URL_MAX_USES = 5;
const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;
const MAX_BODY_BYTES = 50 * 1024 * 1024;
// Methods that take an app-level token (xapp-…) instead of the bot token.
const APP_TOKEN_METHODS = new Set(["apps.connections.open"]);

let referenceNoticeLogged = false;

export async function startSlackApiServer(options: SlackApiServerOptions = {}): Promise<SlackApiServer> {
  const strict = options.strict ?? false;
  const now = options.now ?? Date.now;
  const team: EmulatedTeam = {
    id: "T0TASKF0RC",
    name: "Task Force (local)",
    domain: "taskforce-local",
    ...options.team,
  };
  const bot: EmulatedBot = {
    userId: "U0TFB0T001",
    botId: "B0TFB0T001",
    appId: "A0TFB0T001",
    name: "task_force_bot",
    ...options.bot,
  };

  const reference = loadSlackReference(options.referenceRoot ? { root: options.referenceRoot } : {});
  const referenceNotice = reference.available
    ? undefined
    : `Slack references not found at ${reference.root}: the Slack emulator skips argument, type and scope checks ` +
      "(Block Kit limits and text fallbacks are still checked).";
  if (referenceNotice && !referenceNoticeLogged) {
    referenceNoticeLogged = true;
    (options.log ?? console.warn)(referenceNotice);
  }
  const manifestScopes = readManifestScopes(options.manifestPath);

  const calls: CallRecord[] = [];
  const violations: string[] = [];
  const warnings: string[] = [];
  const responses = new Map<string, unknown[]>();
  const uploads: UploadedFile[] = [];
  const views = new Map<string, EmulatedView>();
  const failures = new Map<string, InjectedFailure[]>();
  const channels = new Map<string, Required<ChannelSetup>>();
  const users = new Map<string, UserSetup>();
  const teams = new Map<string, EmulatedTeam>();
  const triggers = new Map<string, { issuedAt: number; used: boolean }>();
  const responseUrls = new Map<string, { mintedAt: number; uses: number }>();
  const listeners = new Set<(event: EmulatorEvent) => void>();
  const responseCursor = new Map<string, number>();
  const callCursor = new Map<string, number>();
  const waiters: {
    kind: "response" | "call";
    key: string;
    deliver: (value: unknown) => void;
    fail: (e: Error) => void;
  }[] = [];
  let counter = 0;
  const nextId = () => ++counter;
  let socketMode: SocketModeHost | undefined;

  function emit(event: EmulatorEvent): void {
    for (const listener of listeners) listener(event);
  }

  function addViolation(message: string): void {
    violations.push(message);
    emit({ type: "violation", message });
  }

  function warn(message: string): void {
    if (!warnings.includes(message)) warnings.push(message);
  }

  function deliver(
    kind: "response" | "call",
    key: string,
    list: readonly unknown[],
    cursor: Map<string, number>,
  ) {
    const index = waiters.findIndex((w) => w.kind === kind && w.key === key);
    const waiter = waiters[index];
    if (!waiter) return;
    waiters.splice(index, 1);
    const taken = cursor.get(key) ?? 0;
    cursor.set(key, taken + 1);
    waiter.deliver(list[taken]);
  }

  function waitFor<T>(
    kind: "response" | "call",
    key: string,
    list: readonly T[],
    cursor: Map<string, number>,
    timeoutMs: number,
  ): Promise<T> {
    const taken = cursor.get(key) ?? 0;
    if (list.length > taken) {
      cursor.set(key, taken + 1);
      return Promise.resolve(list[taken] as T);
    }
    return new Promise<T>((resolve, reject) => {
      const waiter = {
        kind,
        key,
        deliver: (value: unknown) => {
          clearTimeout(timer);
          resolve(value as T);
        },
        fail: (error: Error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        const what = kind === "response" ? `post to response_url "${key}"` : `${key} call`;
        const seen =
          kind === "call" ? ` Calls so far: ${calls.map((c) => c.method).join(", ") || "none"}.` : "";
        reject(new Error(`Slack emulator: no ${what} within ${timeoutMs} ms.${seen}`));
      }, timeoutMs);
      waiters.push(waiter);
    });
  }

  function recordCall(call: CallRecord): void {
    calls.push(call);
    emit({ type: "call", call });
    deliver(
      "call",
      call.method,
      calls.filter((c) => c.method === call.method),
      callCursor,
    );
  }

  function takeFailure(key: string): InjectedFailure | undefined {
    return failures.get(key)?.shift();
  }

  function nextTs(): string {
    return `${Math.floor(now() / 1000)}.${String(nextId()).padStart(6, "0")}`;
  }

  function resolveChannelId(channel: string): string {
    if (channel.startsWith("#")) {
      for (const [id, c] of channels) if (c.name === channel.slice(1)) return id;
    }
    // Posting to a user id lands in the app's DM with that user, which Slack reports as a D… channel.
    if (/^[UW][A-Z0-9]+$/.test(channel)) return `D${channel.slice(1)}`;
    return channel;
  }

  // Channels nobody described are taken on trust so local mode works anywhere; a channel described as not joined
  // behaves as Slack does for a bot outside it.
  function postingDenied(channelId: string): string | undefined {
    const known = channels.get(channelId);
    if (!known || known.isMember) return undefined;
    if (known.isPrivate) return "channel_not_found";
    return manifestScopes?.has("chat:write.public") ? undefined : "not_in_channel";
  }

  function channelObject(id: string): Json {
    const known = channels.get(id);
    const name = known?.name ?? id.toLowerCase();
    if (id.startsWith("D")) {
      return {
        id,
        created: 1_700_000_000,
        is_im: true,
        is_org_shared: false,
        user: `U${id.slice(1)}`,
        is_open: true,
      };
    }
    return {
      id,
      name,
      is_channel: true,
      is_group: false,
      is_im: false,
      is_mpim: false,
      is_private: known?.isPrivate ?? false,
      created: 1_700_000_000,
      is_archived: false,
      is_general: false,
      unlinked: 0,
      name_normalized: name,
      is_shared: false,
      is_ext_shared: false,
      is_org_shared: false,
      pending_shared: [],
      is_pending_ext_shared: false,
      is_member: known?.isMember ?? false,
      context_team_id: team.id,
      creator: "U0000000001",
      topic: { value: "", creator: "", last_set: 0 },
      purpose: { value: "", creator: "", last_set: 0 },
      previous_names: [],
    };
  }

  function userObject(id: string): Json {
    const setup = users.get(id) ?? {};
    const isBot = id === bot.userId;
    const name = setup.name ?? (isBot ? bot.name : id.toLowerCase());
    const realName = setup.realName ?? name;
    const tz = setup.tz ?? "America/New_York";
    const zone = describeTimeZone(tz, now());
    return {
      id,
      team_id: setup.teamId ?? team.id,
      name,
      deleted: false,
      color: "9f69e7",
      real_name: realName,
      tz,
      tz_label: zone.label,
      tz_offset: zone.offsetSeconds,
      profile: {
        real_name: realName,
        real_name_normalized: realName,
        display_name: name,
        display_name_normalized: name,
        team: setup.teamId ?? team.id,
        ...(isBot ? { bot_id: bot.botId } : {}),
      },
      is_admin: false,
      is_owner: false,
      is_primary_owner: false,
      is_restricted: false,
      is_ultra_restricted: false,
      is_bot: isBot,
      is_app_user: false,
      updated: Math.floor(now() / 1000),
    };
  }

  function teamObject(id: string): Json {
    const known = id === team.id ? team : teams.get(id);
    return {
      id,
      name: known?.name ?? id,
      domain: known?.domain ?? id.toLowerCase(),
      email_domain: "",
      icon: { image_default: true },
    };
  }

  function useTrigger(method: string, args: Json): HandlerResult | undefined {
    const triggerId = typeof args.trigger_id === "string" ? args.trigger_id : undefined;
    const trigger = triggerId ? triggers.get(triggerId) : undefined;
    // Trigger ids this server did not mint were fabricated by a test; there is no issue time to judge them by.
    if (!trigger) return undefined;
    if (trigger.used) {
      return {
        body: { ok: false, error: "exchanged_trigger_id" },
        violation: `${method}: trigger_id ${triggerId} was already used; a trigger opens one view`,
      };
    }
    trigger.used = true;
    const age = now() - trigger.issuedAt;
    if (age > TRIGGER_LIFETIME_MS) {
      return {
        body: { ok: false, error: "expired_trigger_id" },
        violation: `${method}: trigger_id used ${age} ms after it was issued; Slack allows ${TRIGGER_LIFETIME_MS} ms`,
      };
    }
    return undefined;
  }

  function storeView(args: Json, existing: EmulatedView | undefined, userId?: string): EmulatedView {
    const view = decodeJson(args.view);
    const id = existing?.id ?? `V${String(nextId()).padStart(10, "0")}`;
    const hash = `${Math.floor(now() / 1000)}.${randomBytes(4).toString("hex")}`;
    const full: Json = {
      id,
      team_id: team.id,
      type: "modal",
      private_metadata: "",
      callback_id: "",
      external_id: "",
      state: { values: {} },
      clear_on_close: false,
      notify_on_close: false,
      ...(isRecord(view) ? view : {}),
      hash,
      previous_view_id: null,
      root_view_id: existing ? existing.view.root_view_id : id,
      app_id: bot.appId,
      app_installed_team_id: team.id,
      bot_id: bot.botId,
    };
    const stored: EmulatedView = { id, hash, view: full, ...(userId ? { userId } : {}) };
    views.set(id, stored);
    return stored;
  }

  function findView(args: Json): EmulatedView | undefined {
    if (typeof args.view_id === "string") return views.get(args.view_id);
    if (typeof args.external_id === "string") {
      for (const v of views.values()) if (v.view.external_id === args.external_id) return v;
    }
    return undefined;
  }

  function hashConflict(args: Json, existing: EmulatedView | undefined): boolean {
    return typeof args.hash === "string" && existing !== undefined && args.hash !== existing.hash;
  }

  function messageObject(args: Json, ts: string): Json {
    return {
      type: "message",
      text: args.text ?? "",
      user: bot.userId,
      bot_id: bot.botId,
      app_id: bot.appId,
      team: team.id,
      ts,
      ...(args.blocks !== undefined ? { blocks: decodeJson(args.blocks) } : {}),
      ...(args.thread_ts !== undefined ? { thread_ts: args.thread_ts } : {}),
    };
  }

  const handlers: Record<string, (args: Json, token: string) => HandlerResult> = {
    "apps.connections.open": (_args, token) => {
      if (!socketMode) {
        return {
          body: { ok: false, error: "internal_error" },
          violation:
            "apps.connections.open: this emulator has no Socket Mode server; start one with startSocketModeServer " +
            "(src/emulator/socket-mode-server.ts)",
        };
      }
      return { body: { ok: true, url: socketMode.openConnection(token) } };
    },
    "auth.test": () => ({
      body: {
        ok: true,
        url: `https://${team.domain}.slack.com/`,
        team: team.name,
        user: bot.name,
        team_id: team.id,
        user_id: bot.userId,
        bot_id: bot.botId,
        is_enterprise_install: false,
      },
    }),
    "chat.postMessage": (args) => {
      const channel = resolveChannelId(String(args.channel ?? ""));
      const denied = postingDenied(channel);
      if (denied) return { body: { ok: false, error: denied } };
      const ts = nextTs();
      return { body: { ok: true, channel, ts, message: messageObject(args, ts) } };
    },
    "chat.postEphemeral": (args) => {
      const denied = postingDenied(resolveChannelId(String(args.channel ?? "")));
      if (denied) return { body: { ok: false, error: denied } };
      return { body: { ok: true, message_ts: nextTs() } };
    },
    "chat.update": (args) => {
      const channel = resolveChannelId(String(args.channel ?? ""));
      const ts = String(args.ts ?? "");
      return {
        body: {
          ok: true,
          channel,
          ts,
          text: args.text ?? "",
          message: { ...messageObject(args, ts), edited: {} },
        },
      };
    },
    "chat.getPermalink": (args) => {
      const channel = String(args.channel ?? "");
      const ts = String(args.message_ts ?? "");
      return {
        body: {
          ok: true,
          channel,
          permalink: `https://${team.domain}.slack.com/archives/${channel}/p${ts.replace(".", "")}`,
        },
      };
    },
    "views.open": (args) =>
      useTrigger("views.open", args) ?? { body: { ok: true, view: storeView(args, undefined).view } },
    "views.push": (args) =>
      useTrigger("views.push", args) ?? { body: { ok: true, view: storeView(args, undefined).view } },
    "views.update": (args) => {
      const existing = findView(args);
      if (hashConflict(args, existing)) return { body: { ok: false, error: "hash_conflict" } };
      // An id this server never issued came from a payload a test wrote by hand; treat it as a view we now know.
      const seed = existing ?? (typeof args.view_id === "string" ? placeholderView(args.view_id) : undefined);
      return { body: { ok: true, view: storeView(args, seed).view } };
    },
    "views.publish": (args) => {
      const userId = String(args.user_id ?? "");
      const existing = [...views.values()].find((v) => v.userId === userId);
      if (hashConflict(args, existing)) return { body: { ok: false, error: "hash_conflict" } };
      return { body: { ok: true, view: storeView(args, existing, userId).view } };
    },
    "conversations.info": (args) => ({
      body: { ok: true, channel: channelObject(String(args.channel ?? "")) },
    }),
    "conversations.join": (args) => {
      const id = String(args.channel ?? "");
      const known = channels.get(id);
      if (known?.isPrivate) return { body: { ok: false, error: "method_not_supported_for_channel_type" } };
      const already = known?.isMember ?? false;
      channels.set(id, { name: known?.name ?? id.toLowerCase(), isPrivate: false, isMember: true });
      const body: Json = { ok: true, channel: channelObject(id) };
      if (already)
        Object.assign(body, {
          warning: "already_in_channel",
          response_metadata: { warnings: ["already_in_channel"] },
        });
      return { body };
    },
    // A direct message between the bot and one user: Slack answers with the same D… id each time.
    "conversations.open": (args) => {
      const userIds = String(args.users ?? "")
        .split(",")
        .map((u) => u.trim())
        .filter(Boolean);
      if (userIds.length !== 1)
        return { body: { ok: false, error: userIds.length ? "not_implemented" : "users_list_not_supplied" } };
      const id = `D${(userIds[0] ?? "").slice(1)}`;
      if (!channels.has(id)) channels.set(id, { name: id.toLowerCase(), isPrivate: true, isMember: true });
      return { body: { ok: true, no_op: true, already_open: true, channel: { id } } };
    },
    "users.info": (args) => {
      const id = String(args.user ?? "");
      if (!users.has(id) && !/^[UW][A-Z0-9]+$/.test(id))
        return { body: { ok: false, error: "user_not_found" } };
      return { body: { ok: true, user: userObject(id) } };
    },
    "team.info": (args) => ({
      body: { ok: true, team: teamObject(typeof args.team === "string" ? args.team : team.id) },
    }),
    "files.getUploadURLExternal": (args) => {
      const id = `F${String(nextId()).padStart(10, "0")}`;
      uploads.push({
        id,
        filename: String(args.filename ?? ""),
        length: Number(args.length),
        ...(typeof args.alt_text === "string" ? { altText: args.alt_text } : {}),
        ...(typeof args.alt_txt === "string" ? { altText: args.alt_txt } : {}),
        ...(typeof args.snippet_type === "string" ? { snippetType: args.snippet_type } : {}),
        completed: false,
      });
      return { body: { ok: true, upload_url: `${baseUrl}/upload/${id}`, file_id: id } };
    },
    "files.completeUploadExternal": (args) => {
      const files = decodeJson(args.files);
      if (!Array.isArray(files)) return { body: { ok: false, error: "invalid_arguments" } };
      const channelId =
        typeof args.channel_id === "string"
          ? args.channel_id
          : typeof args.channels === "string"
            ? args.channels.split(",")[0]
            : undefined;
      if (channelId) {
        const denied = postingDenied(channelId);
        if (denied) return { body: { ok: false, error: denied } };
      }
      const done: Json[] = [];
      for (const entry of files) {
        const upload = isRecord(entry) ? uploads.find((u) => u.id === entry.id) : undefined;
        if (!upload?.bytes) {
          const why = upload ? "its bytes were never uploaded" : "no such file id";
          return {
            body: { ok: false, error: "file_not_found" },
            violation: `files.completeUploadExternal: file ${String(isRecord(entry) ? entry.id : entry)}: ${why}`,
          };
        }
        upload.completed = true;
        if (isRecord(entry) && typeof entry.title === "string") upload.title = entry.title;
        if (channelId) upload.channelId = channelId;
        if (typeof args.initial_comment === "string") upload.initialComment = args.initial_comment;
        if (typeof args.thread_ts === "string") upload.threadTs = args.thread_ts;
        done.push(fileObject(upload));
      }
      return { body: { ok: true, files: done } };
    },
  };

  function placeholderView(id: string): EmulatedView {
    return { id, hash: "", view: { root_view_id: id } };
  }

  function fileObject(upload: UploadedFile): Json {
    const created = Math.floor(now() / 1000);
    return {
      id: upload.id,
      created,
      timestamp: created,
      name: upload.filename,
      title: upload.title ?? upload.filename,
      mimetype: "",
      filetype: upload.filename.includes(".") ? upload.filename.split(".").pop() : "",
      user: bot.userId,
      user_team: team.id,
      size: upload.bytes?.length ?? 0,
      is_external: false,
      url_private: `${baseUrl}/files/${upload.id}/${encodeURIComponent(upload.filename)}`,
      permalink: `https://${team.domain}.slack.com/files/${bot.userId}/${upload.id}/${encodeURIComponent(upload.filename)}`,
      shares: {},
      channels: upload.channelId ? [upload.channelId] : [],
    };
  }

  function validateCall(method: string, call: ParsedCall, contract: MethodContract | undefined): string[] {
    const problems: string[] = [];
    if (contract) {
      for (const name of contract.required) {
        const present = name === "token" ? tokenOf(call) !== undefined : !isMissing(call.args[name]);
        if (!present) problems.push(`missing required argument \`${name}\``);
      }
      for (const [name, value] of Object.entries(call.args)) {
        const arg = contract.args.get(name);
        if (!arg) {
          warn(
            `${method}: argument \`${name}\` is not in Slack's reference (the scrape has gaps; check the docs)`,
          );
          continue;
        }
        const problem = checkArgType(name, value, arg.types, call.encoding, arg.minimum, arg.maximum);
        if (problem) problems.push(problem);
      }
      if (contract.botScopes.length > 0 && manifestScopes) {
        if (!contract.botScopes.some((s) => manifestScopes.has(s))) {
          const needed = contract.botScopes.join(" or ");
          problems.push(
            `needs bot scope ${needed}, which manifest.yml does not declare (it has: ${[...manifestScopes].join(", ")})`,
          );
        }
      }
      if (call.encoding === "json" && contract.jsonInputSupported !== true) {
        warn(`${method}: sent as JSON, but Slack's reference does not say this method accepts JSON bodies`);
      }
    }
    if (MESSAGE_METHODS.has(method)) problems.push(...checkMessage(call.args));
    if (VIEW_METHODS.has(method)) problems.push(...checkViewCall(method, call.args));
    return problems;
  }

  async function handleApi(method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const injected = takeFailure(method);
    if (injected) return sendFailure(res, injected);

    let call: ParsedCall;
    try {
      call = await parseApiCall(req);
    } catch (error) {
      const message = `${method}: request body could not be parsed (${(error as Error).message})`;
      addViolation(message);
      return sendJson(res, 200, { ok: false, error: "invalid_form_data" });
    }
    const at = now();
    const record = (response: Json) => {
      const error = typeof response.error === "string" ? response.error : undefined;
      const args = Object.fromEntries(
        Object.entries(call.args).map(([k, v]) => [k, JSON_ARGS.has(k) ? decodeJson(v) : v]),
      );
      recordCall({
        method,
        args,
        at,
        token: tokenOf(call),
        encoding: call.encoding,
        ok: response.ok === true,
        ...(error ? { error } : {}),
        response,
      });
      sendJson(res, 200, response, manifestScopes);
    };

    const contract = reference.method(method);
    const handler = Object.hasOwn(handlers, method) ? handlers[method] : undefined;
    if (!handler) {
      addViolation(
        contract || !reference.available
          ? `${method}: the Slack emulator does not implement this method; add it to src/emulator/web-api-server.ts`
          : `${method}: Slack has no such Web API method`,
      );
      return record({ ok: false, error: "unknown_method" });
    }
    const token = tokenOf(call);
    if (token === undefined) {
      addViolation(`${method}: no token (neither an Authorization: Bearer header nor a token argument)`);
      return record({ ok: false, error: "not_authed" });
    }
    // Slack reads a JSON body's token from the header only.
    if (call.encoding === "json" && call.headerToken === undefined) {
      addViolation(
        `${method}: a JSON body must carry its token in the Authorization header; Slack ignores it in the body`,
      );
      return record({ ok: false, error: "not_authed" });
    }
    // apps.connections.open refuses anything but an app-level token with invalid_auth (which @slack/socket-mode
    // treats as unrecoverable rather than retrying); every other method refuses an app-level token.
    if (APP_TOKEN_METHODS.has(method)) {
      if (!token.startsWith("xapp-")) return record({ ok: false, error: "invalid_auth" });
    } else if (token.startsWith("xapp-")) {
      addViolation(`${method}: called with the app-level token; only apps.connections.open takes one`);
      return record({ ok: false, error: "not_allowed_token_type" });
    } else if (options.botToken !== undefined && token !== options.botToken) {
      return record({ ok: false, error: "invalid_auth" });
    }

    const problems = validateCall(method, call, contract).map((p) => `${method}: ${p}`);
    for (const p of problems) addViolation(p);
    if (strict && problems.length > 0) return record(invalidArguments(problems));

    const result = handler(call.args, token);
    if (result.violation) addViolation(result.violation);
    record(result.body);
  }

  async function handleResponseUrl(id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const injected = takeFailure("response_url");
    if (injected) return sendFailure(res, injected);

    const raw = await readBody(req, MAX_BODY_BYTES);
    const usage = responseUrls.get(id) ?? { mintedAt: now(), uses: 0 };
    responseUrls.set(id, usage);
    usage.uses += 1;
    const where = `response_url ${id}`;
    if (now() - usage.mintedAt > RESPONSE_URL_LIFETIME_MS) {
      addViolation(`${where}: used more than 30 minutes after it was issued`);
      return sendJson(res, 404, { ok: false, error: "expired_url" });
    }
    if (usage.uses > RESPONSE_URL_MAX_USES) {
      addViolation(`${where}: used more than ${RESPONSE_URL_MAX_USES} times`);
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
    for (const m of messages) addViolation(m);
    emit({ type: "response", id, body });
    deliver("response", id, list, responseCursor);
    // Bolt's respond() only notices HTTP status, so a rejected post has to be a 4xx to reach the bot.
    if (strict && messages.length > 0) return sendJson(res, 400, invalidArguments(messages));
    sendJson(res, 200, { ok: true });
  }

  async function handleUpload(fileId: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const upload = uploads.find((u) => u.id === fileId);
    const raw = await readBody(req, MAX_BODY_BYTES);
    if (!upload) {
      res.writeHead(404, { "content-type": "text/plain" }).end("file not found");
      return;
    }
    // @slack/web-api posts the bytes as multipart/form-data; curl-style clients post them raw.
    let bytes = raw;
    if (mediaType(req) === "multipart/form-data") {
      const form = await formData(req, raw);
      const file = [...form.values()].find((v) => typeof v !== "string");
      bytes = file && typeof file !== "string" ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
    }
    upload.bytes = bytes;
    if (bytes.length !== upload.length) {
      addViolation(
        `upload ${fileId}: ${bytes.length} bytes uploaded, but files.getUploadURLExternal announced ${upload.length}`,
      );
    }
    res.writeHead(200, { "content-type": "text/plain" }).end(`OK - ${bytes.length}`);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", baseUrl).pathname;
    const [, area, rest] = path.match(/^\/(api|response|upload)\/(.+)$/) ?? [];
    if (!area || !rest || req.method !== "POST") {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const key = decodeURIComponent(rest);
    if (area === "api") return handleApi(key, req, res);
    if (area === "response") return handleResponseUrl(key, req, res);
    return handleUpload(key, req, res);
  }

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      addViolation(`Slack emulator failed on ${req.method} ${req.url}: ${(error as Error).message}`);
      if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
      res.end("internal error");
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const baseUrl = `http://${host}:${address.port}`;

  return {
    url: baseUrl,
    apiUrl: `${baseUrl}/api/`,
    strict,
    referencesAvailable: reference.available,
    referenceNotice,
    team,
    bot,
    calls,
    violations,
    warnings,
    responses,
    uploads,
    views,
    responseUrl(id) {
      if (!responseUrls.has(id)) responseUrls.set(id, { mintedAt: now(), uses: 0 });
      return `${baseUrl}/response/${encodeURIComponent(id)}`;
    },
    mintTriggerId() {
      const id = `${Math.floor(now() / 1000)}.${nextId()}.${randomBytes(16).toString("hex")}`;
      triggers.set(id, { issuedAt: now(), used: false });
      return id;
    },
    waitForResponse(id, timeoutMs = 2_000) {
      return waitFor("response", id, responses.get(id) ?? [], responseCursor, timeoutMs);
    },
    waitForCall(method, timeoutMs = 2_000) {
      const seen = calls.filter((c) => c.method === method);
      return waitFor("call", method, seen, callCursor, timeoutMs);
    },
    failNext(method, failure) {
      const queue = failures.get(method) ?? [];
      queue.push(failure);
      failures.set(method, queue);
    },
    setChannel(id, setup) {
      const known = channels.get(id);
      channels.set(id, {
        isMember: setup.isMember ?? known?.isMember ?? false,
        name: setup.name ?? known?.name ?? id.toLowerCase(),
        isPrivate: setup.isPrivate ?? known?.isPrivate ?? false,
      });
    },
    setUser(id, setup) {
      users.set(id, { ...users.get(id), ...setup });
    },
    setTeam(id, setup) {
      teams.set(id, { id, name: setup.name, domain: setup.domain ?? id.toLowerCase() });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    attachSocketMode(host) {
      socketMode = host;
    },
    reportViolation(message) {
      addViolation(message);
    },
    reset() {
      calls.length = 0;
      violations.length = 0;
      warnings.length = 0;
      uploads.length = 0;
      for (const map of [responses, views, failures, channels, users, teams, triggers, responseUrls])
        map.clear();
      responseCursor.clear();
      callCursor.clear();
    },
    async close() {
      for (const waiter of waiters.splice(0)) waiter.fail(new Error("Slack emulator closed"));
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // fetch keeps connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      });
    },
  };
}

function readManifestScopes(manifestPath: string | undefined): Set<string> | undefined {
  const path = manifestPath ?? join(findProjectRoot(), "manifest.yml");
  if (!existsSync(path)) {
    if (manifestPath) throw new Error(`Slack emulator: manifest not found at ${manifestPath}`);
    return undefined;
  }
  const manifest: unknown = parseYaml(readFileSync(path, "utf8"));
  const oauth = isRecord(manifest) ? manifest.oauth_config : undefined;
  const scopes = isRecord(oauth) ? oauth.scopes : undefined;
  const botScopes = isRecord(scopes) ? scopes.bot : undefined;
  return new Set(Array.isArray(botScopes) ? botScopes.filter((s): s is string => typeof s === "string") : []);
}

// ---- request parsing -------------------------------------------------------------------------------------------

async function parseApiCall(req: IncomingMessage): Promise<ParsedCall> {
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

function mediaType(req: IncomingMessage): string {
  return (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

function formData(req: IncomingMessage, raw: Buffer): Promise<FormData> {
  const contentType = req.headers["content-type"] ?? "";
  return new Request("http://emulator.invalid/", {
    method: "POST",
    headers: { "content-type": contentType },
    body: raw,
  }).formData();
}

function sendJson(res: ServerResponse, status: number, body: unknown, scopes?: ReadonlySet<string>): void {
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
  if (scopes) headers["x-oauth-scopes"] = [...scopes].join(",");
  res.writeHead(status, headers).end(JSON.stringify(body));
}

function sendFailure(res: ServerResponse, failure: InjectedFailure): void {
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

function invalidArguments(messages: readonly string[]): Json {
  return {
    ok: false,
    error: "invalid_arguments",
    response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) },
  };
}

// ---- argument checks -------------------------------------------------------------------------------------------

function checkArgType(
  name: string,
  value: unknown,
  types: readonly string[],
  encoding: Encoding,
  minimum: number | undefined,
  maximum: number | undefined,
): string | undefined {
  if (types.length === 0) return undefined;
  // Form bodies can only carry strings; JSON bodies may nest what Slack documents as a JSON-encoded string.
  const accepted = types.some((type) => {
    switch (type) {
      case "string":
        return (
          typeof value === "string" ||
          (JSON_ARGS.has(name) && encoding === "json" && typeof value === "object")
        );
      case "integer":
        return Number.isInteger(value) || (typeof value === "string" && /^-?\d+$/.test(value));
      case "number":
        return (
          typeof value === "number" ||
          (typeof value === "string" && value.trim() !== "" && !Number.isNaN(+value))
        );
      case "boolean":
        return typeof value === "boolean" || (typeof value === "string" && /^(true|false|1|0)$/.test(value));
      case "array":
        return Array.isArray(value) || (typeof value === "string" && Array.isArray(tryJson(value)));
      case "object":
        return isRecord(value) || (typeof value === "string" && isRecord(tryJson(value)));
      case "null":
        return value === null;
      default:
        return true;
    }
  });
  if (!accepted) return `argument \`${name}\` should be ${types.join(" or ")}, got ${describe(value)}`;
  const numeric = types.includes("integer") || types.includes("number") ? Number(value) : Number.NaN;
  if (!Number.isNaN(numeric)) {
    if (minimum !== undefined && numeric < minimum)
      return `argument \`${name}\` is ${numeric}, below the minimum ${minimum}`;
    if (maximum !== undefined && numeric > maximum)
      return `argument \`${name}\` is ${numeric}, above the maximum ${maximum}`;
  }
  return undefined;
}

// ---- small helpers ---------------------------------------------------------------------------------------------

function tokenOf(call: ParsedCall): string | undefined {
  return call.headerToken ?? call.bodyToken;
}

function decodeJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const parsed = tryJson(value);
  return parsed === undefined ? value : parsed;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  if (typeof value === "string")
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `a ${typeof value}`;
}

function describeTimeZone(tz: string, at: number): { label: string; offsetSeconds: number } {
  try {
    const part = (style: "long" | "longOffset") =>
      new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: style })
        .formatToParts(at)
        .find((p) => p.type === "timeZoneName")?.value ?? "";
    const offset = part("longOffset").match(/GMT([+-])(\d{2}):(\d{2})/);
    const offsetSeconds = offset
      ? (offset[1] === "-" ? -1 : 1) * (Number(offset[2]) * 3600 + Number(offset[3]) * 60)
      : 0;
    return { label: part("long"), offsetSeconds };
  } catch {
    return { label: tz, offsetSeconds: 0 };
  }
}
