// Plays Slack's side of the conversation with a bot's request URL: signed slash commands, interactivity payloads and
// Events API callbacks, encoded the way Slack encodes them. Response URLs and trigger ids come from the emulator, so
// the bot's follow-ups land there and can be checked.
import { signSlackRequest } from "./signing.js";
import type { SlackApiServer } from "./web-api-server.js";

export interface SlackActor {
  userId: string;
  userName: string;
  teamId: string;
  teamDomain: string;
  /** The Grid org of the actor's workspace, if any (the emulator's own by default). */
  enterpriseId?: string;
  channelId: string;
  channelName: string;
}

export interface RequestOverrides {
  /** Unix seconds for x-slack-request-timestamp (and the signature); defaults to now. */
  timestamp?: number;
  /** Sent instead of the correct signature. */
  signature?: string;
  /** Sent instead of the content type Slack uses. */
  contentType?: string;
  /** Marks the request as Slack's retry of an unacknowledged one. */
  retry?: { num: number; reason: string };
}

export interface DriverResponse {
  status: number;
  /** Parsed JSON when the bot answered with JSON, otherwise the text ("" for an empty ack). */
  body: unknown;
  headers: Headers;
}

export interface CommandResult extends DriverResponse {
  responseUrlId: string;
  triggerId: string;
}

export interface InteractionResult extends DriverResponse {
  /** Undefined for actions inside a view: Slack gives those no response_url. */
  responseUrlId: string | undefined;
  triggerId: string;
}

export interface EventResult extends DriverResponse {
  eventId: string;
}

export type CommandInput = Partial<SlackActor> &
  RequestOverrides & {
    command?: string;
    responseUrlId?: string;
    /** A trigger minted earlier (api.mintTriggerId), e.g. one left to expire; a fresh one otherwise. */
    triggerId?: string;
  };

/** What an input element holds; a plain string is shorthand for a plain_text_input's value. */
export type StateValue = string | ({ type: string } & Record<string, unknown>);
export type StateValues = Record<string, Record<string, StateValue>>;

export type BlockActionInput = Partial<SlackActor> &
  RequestOverrides & {
    actionId: string;
    blockId?: string;
    value?: string;
    /** Button label; defaults to the action id. */
    text?: string;
    /** Merged over the generated action, for selects, date pickers and the like. */
    action?: Record<string, unknown>;
    /** The message carrying the button (ts, text, blocks). */
    message?: Record<string, unknown>;
    /** For a button inside a modal or Home tab the bot opened on the emulator. */
    viewId?: string;
    stateValues?: StateValues;
    responseUrlId?: string;
    /** A trigger minted earlier (api.mintTriggerId), e.g. one left to expire; a fresh one otherwise. */
    triggerId?: string;
  };

export type ViewSubmissionInput = Partial<SlackActor> &
  RequestOverrides & {
    /** A view the bot opened on the emulator; its callback_id, private_metadata and blocks are submitted. */
    viewId?: string;
    /** Or a view written by hand. */
    view?: Record<string, unknown>;
    callbackId?: string;
    privateMetadata?: string;
    values?: StateValues;
  };

export type EventInput = Partial<SlackActor> & RequestOverrides & { eventId?: string; eventTime?: number };

export interface SlackDriverOptions {
  /** The bot's request URL, e.g. http://127.0.0.1:3000/slack/events. */
  url: string;
  signingSecret: string;
  api: SlackApiServer;
  /** Who acts and where, unless a call says otherwise. */
  actor?: Partial<SlackActor>;
  /** The slash command; "/tf" by default. */
  command?: string;
  now?: () => number;
}

export interface SlackDriver {
  readonly actor: SlackActor;
  command(text: string, input?: CommandInput): Promise<CommandResult>;
  blockAction(input: BlockActionInput): Promise<InteractionResult>;
  viewSubmission(input: ViewSubmissionInput): Promise<DriverResponse>;
  /** An Events API callback wrapping `event` (e.g. { type: "app_home_opened", user, tab: "home" }). */
  event(event: Record<string, unknown>, input?: EventInput): Promise<EventResult>;
  urlVerification(challenge: string, overrides?: RequestOverrides): Promise<DriverResponse>;
  /** A signed POST of any body, for requests the helpers above do not cover. */
  post(body: string, contentType: string, overrides?: RequestOverrides): Promise<DriverResponse>;
}

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";
// Slack still sends the deprecated verification token in every payload; Bolt ignores it in favour of the signature.
const VERIFICATION_TOKEN = "emulatorVerificationToken";

let sequence = 0;

export function createSlackDriver(options: SlackDriverOptions): SlackDriver {
  const { api, signingSecret } = options;
  const now = options.now ?? Date.now;
  const actor: SlackActor = {
    userId: "U0MEMBER01",
    userName: "member",
    teamId: api.team.id,
    teamDomain: api.team.domain,
    ...(api.team.enterpriseId ? { enterpriseId: api.team.enterpriseId } : {}),
    channelId: "C0TASKF0RC",
    channelName: "task-force",
    ...options.actor,
  };
  const who = (input: Partial<SlackActor>): SlackActor => ({
    userId: input.userId ?? actor.userId,
    userName: input.userName ?? actor.userName,
    teamId: input.teamId ?? actor.teamId,
    teamDomain: input.teamDomain ?? actor.teamDomain,
    // Another workspace named without an org is in none.
    enterpriseId:
      "enterpriseId" in input ? input.enterpriseId : input.teamId ? undefined : actor.enterpriseId,
    channelId: input.channelId ?? actor.channelId,
    channelName: input.channelName ?? actor.channelName,
  });
  const nextId = (prefix: string) => `${prefix}-${++sequence}`;

  async function post(
    body: string,
    contentType: string,
    overrides: RequestOverrides = {},
  ): Promise<DriverResponse> {
    const timestamp = overrides.timestamp ?? Math.floor(now() / 1000);
    const signed = signSlackRequest({ signingSecret, body, timestamp });
    const headers: Record<string, string> = {
      "content-type": overrides.contentType ?? contentType,
      "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
      ...signed,
      ...(overrides.signature !== undefined ? { "x-slack-signature": overrides.signature } : {}),
      ...(overrides.retry
        ? { "x-slack-retry-num": String(overrides.retry.num), "x-slack-retry-reason": overrides.retry.reason }
        : {}),
    };
    const response = await fetch(options.url, { method: "POST", headers, body });
    const text = await response.text();
    const isJson = response.headers.get("content-type")?.includes("json") ?? false;
    return {
      status: response.status,
      body: isJson && text !== "" ? JSON.parse(text) : text,
      headers: response.headers,
    };
  }

  function postInteraction(payload: Record<string, unknown>, overrides: RequestOverrides) {
    return post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM, overrides);
  }

  function teamObject(a: SlackActor) {
    return {
      id: a.teamId,
      domain: a.teamDomain,
      ...(a.enterpriseId ? { enterprise_id: a.enterpriseId } : {}),
    };
  }

  function enterpriseObject(a: SlackActor) {
    return a.enterpriseId ? { id: a.enterpriseId, name: a.enterpriseId } : null;
  }

  function userObject(a: SlackActor) {
    return { id: a.userId, username: a.userName, name: a.userName, team_id: a.teamId };
  }

  return {
    actor,
    post,

    async command(text, input = {}) {
      const a = who(input);
      const responseUrlId = input.responseUrlId ?? nextId("command");
      const triggerId = input.triggerId ?? api.mintTriggerId();
      const body = new URLSearchParams({
        token: VERIFICATION_TOKEN,
        team_id: a.teamId,
        team_domain: a.teamDomain,
        channel_id: a.channelId,
        channel_name: a.channelName,
        user_id: a.userId,
        user_name: a.userName,
        command: input.command ?? options.command ?? "/tf",
        text,
        api_app_id: api.bot.appId,
        ...(a.enterpriseId ? { enterprise_id: a.enterpriseId } : {}),
        is_enterprise_install: "false",
        response_url: api.responseUrl(responseUrlId),
        trigger_id: triggerId,
      }).toString();
      return { ...(await post(body, FORM, input)), responseUrlId, triggerId };
    },

    async blockAction(input) {
      const a = who(input);
      const triggerId = input.triggerId ?? api.mintTriggerId();
      const action = {
        type: "button",
        action_id: input.actionId,
        block_id: input.blockId ?? "actions",
        text: { type: "plain_text", text: input.text ?? input.actionId, emoji: true },
        ...(input.value !== undefined ? { value: input.value } : {}),
        action_ts: `${(now() / 1000).toFixed(6)}`,
        ...input.action,
      };
      const common = {
        type: "block_actions",
        user: userObject(a),
        api_app_id: api.bot.appId,
        token: VERIFICATION_TOKEN,
        trigger_id: triggerId,
        team: teamObject(a),
        enterprise: enterpriseObject(a),
        is_enterprise_install: false,
        state: { values: stateValues(input.stateValues) },
        actions: [action],
      };
      if (input.viewId !== undefined) {
        const view = api.views.get(input.viewId)?.view ?? { id: input.viewId, type: "modal" };
        const payload = {
          ...common,
          container: { type: "view", view_id: input.viewId },
          view: { ...view, state: { values: stateValues(input.stateValues) } },
        };
        return { ...(await postInteraction(payload, input)), responseUrlId: undefined, triggerId };
      }
      const responseUrlId = input.responseUrlId ?? nextId("action");
      const message = {
        type: "message",
        ts: `${Math.floor(now() / 1000)}.000100`,
        text: "",
        ...input.message,
      };
      const payload = {
        ...common,
        container: { type: "message", message_ts: message.ts, channel_id: a.channelId, is_ephemeral: false },
        channel: { id: a.channelId, name: a.channelName },
        message,
        response_url: api.responseUrl(responseUrlId),
      };
      return { ...(await postInteraction(payload, input)), responseUrlId, triggerId };
    },

    async viewSubmission(input) {
      const a = who(input);
      const opened = input.viewId !== undefined ? api.views.get(input.viewId)?.view : undefined;
      const base = input.view ?? opened ?? {};
      const id = input.viewId ?? (typeof base.id === "string" ? base.id : nextId("V"));
      const view = {
        type: "modal",
        team_id: a.teamId,
        private_metadata: "",
        callback_id: "",
        blocks: [],
        hash: `${Math.floor(now() / 1000)}.emulated`,
        root_view_id: id,
        previous_view_id: null,
        app_id: api.bot.appId,
        bot_id: api.bot.botId,
        ...base,
        id,
        ...(input.callbackId !== undefined ? { callback_id: input.callbackId } : {}),
        ...(input.privateMetadata !== undefined ? { private_metadata: input.privateMetadata } : {}),
        state: { values: stateValues(input.values) },
      };
      const payload = {
        type: "view_submission",
        team: teamObject(a),
        user: userObject(a),
        api_app_id: api.bot.appId,
        token: VERIFICATION_TOKEN,
        trigger_id: api.mintTriggerId(),
        view,
        response_urls: [],
        enterprise: enterpriseObject(a),
        is_enterprise_install: false,
      };
      return postInteraction(payload, input);
    },

    async event(event, input = {}) {
      const a = who(input);
      const eventId = input.eventId ?? `Ev${String(++sequence).padStart(10, "0")}`;
      const eventTime = input.eventTime ?? Math.floor(now() / 1000);
      const envelope = {
        token: VERIFICATION_TOKEN,
        team_id: a.teamId,
        ...(a.enterpriseId ? { enterprise_id: a.enterpriseId } : {}),
        context_team_id: a.teamId,
        context_enterprise_id: a.enterpriseId ?? null,
        api_app_id: api.bot.appId,
        event: { event_ts: `${eventTime}.000200`, ...event },
        type: "event_callback",
        event_id: eventId,
        event_time: eventTime,
        authorizations: [
          {
            enterprise_id: a.enterpriseId ?? null,
            team_id: a.teamId,
            user_id: api.bot.userId,
            is_bot: true,
            is_enterprise_install: false,
          },
        ],
        is_ext_shared_channel: false,
        event_context: `4-emulated-${eventId}`,
      };
      return { ...(await post(JSON.stringify(envelope), JSON_TYPE, input)), eventId };
    },

    urlVerification(challenge, overrides = {}) {
      const body = JSON.stringify({ token: VERIFICATION_TOKEN, challenge, type: "url_verification" });
      return post(body, JSON_TYPE, overrides);
    },
  };
}

function stateValues(
  values: StateValues | undefined,
): Record<string, Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, Record<string, unknown>>> = {};
  for (const [blockId, actions] of Object.entries(values ?? {})) {
    const block: Record<string, Record<string, unknown>> = {};
    for (const [actionId, value] of Object.entries(actions)) {
      block[actionId] = typeof value === "string" ? { type: "plain_text_input", value } : value;
    }
    out[blockId] = block;
  }
  return out;
}
