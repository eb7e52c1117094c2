// views.*: modals and Home tabs, and the trigger ids that open them.
import { randomBytes } from "node:crypto";
import { decodeJson, isRecord, type Json } from "../json-values.js";
import type { EmulatorContext, HandlerResult, Methods } from "./context.js";
import type { EmulatedView } from "./types.js";

const TRIGGER_LIFETIME_MS = 3_000;
// views.open's reference: 'The expected format for the trigger_id argument is "132456.7890123.abcdef"'.
const TRIGGER_FORMAT = /^\d+\.\d+\.[0-9a-f]+$/;

export interface Views {
  methods: Methods;
  readonly views: Map<string, EmulatedView>;
  mintTriggerId(): string;
  reset(): void;
}

export function createViews(context: EmulatorContext): Views {
  const { team, bot, now } = context;
  const views = new Map<string, EmulatedView>();
  const triggers = new Map<string, { issuedAt: number; used: boolean }>();

  function useTrigger(method: string, args: Json): HandlerResult | undefined {
    const triggerId = typeof args.trigger_id === "string" ? args.trigger_id : undefined;
    if (triggerId === undefined) return undefined;
    const trigger = triggers.get(triggerId);
    if (!trigger) {
      // A well-formed id this server did not mint was written by a test; there is no issue time to judge it by.
      if (TRIGGER_FORMAT.test(triggerId)) return undefined;
      return {
        body: { ok: false, error: "invalid_trigger_id" },
        violation: `${method}: trigger_id ${JSON.stringify(triggerId)} is not one Slack issues`,
      };
    }
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
    const id = existing?.id ?? `V${String(context.nextId()).padStart(10, "0")}`;
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

  function placeholderView(id: string): EmulatedView {
    return { id, hash: "", view: { root_view_id: id } };
  }

  const methods: Methods = {
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
  };

  return {
    methods,
    views,
    mintTriggerId() {
      const id = `${Math.floor(now() / 1000)}.${context.nextId()}.${randomBytes(16).toString("hex")}`;
      triggers.set(id, { issuedAt: now(), used: false });
      return id;
    },
    reset() {
      views.clear();
      triggers.clear();
    },
  };
}
