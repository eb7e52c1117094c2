import type { CallRecord, EmulatorEvent, SlackApiServer } from "../../emulator/web-api-server.js";

/**
 * What the console's people see, rebuilt from what the bot sent the emulator: channel messages,
 * ephemeral replies (to one person), threads, files, each person's stack of open modals and their
 * Home. The emulator records Slack's side; this reads it as a Slack client would draw it.
 */

export interface ConsoleMessage {
  /** Unique within the console. */
  key: string;
  channelId: string;
  ts: string;
  /** The bot, or a person (the command they typed, shown to them alone). */
  from: { kind: "bot" } | { kind: "user"; userId: string };
  text: string;
  blocks?: unknown[];
  /** An ephemeral message: only this user sees it. */
  visibleTo?: string;
  threadTs?: string;
  files?: Array<{ id: string; title: string; filename: string }>;
  /** The response_url an interaction on this message answers through (replace_original). */
  responseUrlId?: string;
}

export interface FieldErrors {
  errors: Record<string, string>;
  values: Record<string, Record<string, unknown>>;
}

/** Who pressed or typed what, keyed by the ids the emulator hands back (trigger, response_url). */
interface Origin {
  userId: string;
  channelId: string;
  /** The message a button was on, when the origin is a click. */
  messageKey?: string;
}

export interface Conversation {
  messages(channelId: string, viewer: string): ConsoleMessage[];
  thread(channelId: string, threadTs: string, viewer: string): ConsoleMessage[];
  channelsWithMessages(): string[];
  /** The modals open for a person, bottom first (views.push stacks them). */
  modals(userId: string): string[];
  home(userId: string): string | undefined;
  message(key: string): ConsoleMessage | undefined;
  /** Field errors the bot answered a submission with, and what was submitted, by view id. */
  errorsOf(viewId: string): FieldErrors | undefined;
  setErrors(viewId: string, errors: FieldErrors | undefined): void;
  closeModal(userId: string, viewId: string): void;
  closeAllModals(userId: string): void;
  /** A command typed or a button pressed by `userId` in `channelId`: replies through `responseUrlId` or views through `triggerId` are theirs. */
  expect(origin: Origin & { responseUrlId?: string; triggerId?: string; command?: string }): void;
  /** Changes since start; the page reloads what it shows when this moves. */
  readonly version: number;
  onChange(listener: () => void): () => void;
  stop(): void;
}

export function trackConversation(emulator: SlackApiServer): Conversation {
  const messages: ConsoleMessage[] = [];
  const byResponseUrl = new Map<string, Origin>();
  const byTrigger = new Map<string, Origin>();
  const modalStacks = new Map<string, string[]>();
  const homes = new Map<string, string>();
  const errors = new Map<string, FieldErrors>();
  const listeners = new Set<() => void>();
  let version = 0;
  let sequence = 0;

  const changed = () => {
    version += 1;
    for (const listener of listeners) listener();
  };
  const add = (message: Omit<ConsoleMessage, "key">) => {
    messages.push({ ...message, key: `m${++sequence}` });
  };
  const localTs = () => `${Math.floor(Date.now() / 1000)}.${String(++sequence).padStart(6, "0")}`;

  function onResponse(id: string, body: Record<string, unknown>): void {
    const origin = byResponseUrl.get(id);
    if (!origin) return;
    const original = origin.messageKey ? messages.find((m) => m.key === origin.messageKey) : undefined;
    if (body.delete_original === true && original) {
      messages.splice(messages.indexOf(original), 1);
      return;
    }
    const content = {
      text: typeof body.text === "string" ? body.text : "",
      ...(Array.isArray(body.blocks) ? { blocks: body.blocks } : {}),
    };
    if (body.replace_original === true && original) {
      Object.assign(original, content);
      if (!Array.isArray(body.blocks)) delete original.blocks;
      return;
    }
    add({
      channelId: origin.channelId,
      ts: localTs(),
      from: { kind: "bot" },
      ...content,
      ...(body.response_type === "in_channel" ? {} : { visibleTo: origin.userId }),
      responseUrlId: id,
    });
  }

  function onCall(call: CallRecord): void {
    if (!call.ok) return;
    const { args, response } = call;
    switch (call.method) {
      case "chat.postMessage":
        add({
          channelId: String(response.channel ?? args.channel),
          ts: String(response.ts),
          from: { kind: "bot" },
          text: String(args.text ?? ""),
          ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
          ...(typeof args.thread_ts === "string" ? { threadTs: args.thread_ts } : {}),
        });
        return;
      case "chat.postEphemeral":
        add({
          channelId: String(args.channel),
          ts: localTs(),
          from: { kind: "bot" },
          text: String(args.text ?? ""),
          ...(Array.isArray(args.blocks) ? { blocks: args.blocks } : {}),
          visibleTo: String(args.user),
        });
        return;
      case "chat.update": {
        const target = messages.find((m) => m.channelId === response.channel && m.ts === args.ts);
        if (!target) return;
        target.text = String(args.text ?? "");
        if (Array.isArray(args.blocks)) target.blocks = args.blocks;
        return;
      }
      case "files.completeUploadExternal": {
        const files = (Array.isArray(args.files) ? args.files : []) as Array<{ id: string; title?: string }>;
        const channelId = typeof args.channel_id === "string" ? args.channel_id : undefined;
        if (!channelId) return;
        add({
          channelId,
          ts: localTs(),
          from: { kind: "bot" },
          text: typeof args.initial_comment === "string" ? args.initial_comment : "",
          files: files.map((f) => {
            const upload = emulator.uploads.find((u) => u.id === f.id);
            return {
              id: f.id,
              title: f.title ?? upload?.filename ?? f.id,
              filename: upload?.filename ?? f.id,
            };
          }),
          ...(typeof args.thread_ts === "string" ? { threadTs: args.thread_ts } : {}),
        });
        return;
      }
      case "views.open":
      case "views.push": {
        const origin = byTrigger.get(String(args.trigger_id));
        const viewId = (response.view as { id?: string } | undefined)?.id;
        if (!origin || !viewId) return;
        const stack = call.method === "views.open" ? [] : (modalStacks.get(origin.userId) ?? []);
        modalStacks.set(origin.userId, [...stack, viewId]);
        return;
      }
      case "views.publish":
        homes.set(String(args.user_id), String((response.view as { id?: string } | undefined)?.id));
        return;
    }
  }

  const unsubscribe = emulator.onEvent((event: EmulatorEvent) => {
    if (event.type === "call") onCall(event.call);
    else if (event.type === "response") onResponse(event.id, (event.body ?? {}) as Record<string, unknown>);
    else return;
    changed();
  });

  const visible = (viewer: string) => (m: ConsoleMessage) =>
    m.visibleTo === undefined || m.visibleTo === viewer;

  return {
    messages: (channelId, viewer) =>
      messages.filter((m) => m.channelId === channelId && m.threadTs === undefined && visible(viewer)(m)),
    thread: (channelId, threadTs, viewer) =>
      messages.filter(
        (m) =>
          m.channelId === channelId && (m.threadTs === threadTs || m.ts === threadTs) && visible(viewer)(m),
      ),
    channelsWithMessages: () => [...new Set(messages.map((m) => m.channelId))],
    modals: (userId) => modalStacks.get(userId) ?? [],
    home: (userId) => homes.get(userId),
    message: (key) => messages.find((m) => m.key === key),
    errorsOf: (viewId) => errors.get(viewId),
    setErrors(viewId, fieldErrors) {
      if (fieldErrors) errors.set(viewId, fieldErrors);
      else errors.delete(viewId);
      changed();
    },
    closeModal(userId, viewId) {
      modalStacks.set(
        userId,
        (modalStacks.get(userId) ?? []).filter((id) => id !== viewId),
      );
      errors.delete(viewId);
      changed();
    },
    closeAllModals(userId) {
      for (const id of modalStacks.get(userId) ?? []) errors.delete(id);
      modalStacks.delete(userId);
      changed();
    },
    expect(origin) {
      const { responseUrlId, triggerId, command, ...who } = origin;
      if (responseUrlId) byResponseUrl.set(responseUrlId, who);
      if (triggerId) byTrigger.set(triggerId, who);
      if (command) {
        add({
          channelId: who.channelId,
          ts: localTs(),
          from: { kind: "user", userId: who.userId },
          text: command,
          visibleTo: who.userId,
        });
        changed();
      }
    },
    get version() {
      return version;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: unsubscribe,
  };
}
