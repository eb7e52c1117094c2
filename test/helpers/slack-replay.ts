// Replays Slack's own payloads (test/fixtures/slack) at the bot. Only what must point at this test's Slack is
// rewritten: response_url and trigger_id become the emulator's, the command becomes /tf, and where a test needs a
// known role or one of the bot's own views, the user, action or view ids. A person is the pair (workspace, user),
// so a user given a known role is also moved into the bot's own workspace (the emulator's team). The driver signs each body as Slack
// does (or, for a bot in Socket Mode, the relay turns it into an envelope).
import type { RequestOverrides, SlackDriver } from "../../src/emulator/slack-driver.js";
import type { SlackApiServer } from "../../src/emulator/web-api-server.js";
import { emptyStateValueShapes, stateValueShapes } from "../fixtures/slack/interactions.js";
import { recordFixture } from "./conformance.js";

const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

export interface Replayer {
  driver: SlackDriver;
  emulator: SlackApiServer;
}

type Json = Record<string, unknown>;

let sequence = 0;
const nextId = (prefix: string) => `${prefix}-${++sequence}`;

export interface CommandRewrite {
  text: string;
  userId?: string;
  channelId?: string;
}

/** A slash command fixture, sent as /tf <text>; its response_url and trigger_id are the emulator's. */
export async function replayCommand(
  r: Replayer,
  fixture: Record<string, string>,
  rewrite: CommandRewrite,
  overrides: RequestOverrides = {},
) {
  recordFixture(fixture);
  const responseUrlId = nextId("replayed-command");
  const triggerId = r.emulator.mintTriggerId();
  const fields: Record<string, string> = {
    ...fixture,
    command: "/tf",
    text: rewrite.text,
    response_url: r.emulator.responseUrl(responseUrlId),
    trigger_id: triggerId,
    ...(rewrite.userId ? { user_id: rewrite.userId, team_id: r.emulator.team.id } : {}),
    ...(rewrite.channelId ? { channel_id: rewrite.channelId } : {}),
  };
  const result = await r.driver.post(new URLSearchParams(fields).toString(), FORM, overrides);
  return { ...result, responseUrlId, triggerId };
}

export interface InteractionRewrite {
  userId?: string;
  /** Replaces the clicked action's id and value (the fixture's are another app's). */
  action?: { action_id: string; value?: string; block_id?: string };
}

/** A block_actions fixture; response_url (when it has one) and trigger_id become the emulator's. */
export async function replayBlockAction(
  r: Replayer,
  fixture: Json,
  rewrite: InteractionRewrite = {},
  overrides: RequestOverrides = {},
) {
  recordFixture(fixture);
  const payload = structuredClone(fixture);
  const triggerId = r.emulator.mintTriggerId();
  payload.trigger_id = triggerId;
  const responseUrlId = "response_url" in payload ? nextId("replayed-action") : undefined;
  if (responseUrlId) payload.response_url = r.emulator.responseUrl(responseUrlId);
  if (rewrite.userId) asKnownUser(r, payload, rewrite.userId);
  if (rewrite.action) {
    const [first, ...rest] = payload.actions as Json[];
    payload.actions = [{ ...first, ...rewrite.action }, ...rest];
  }
  const result = await postInteraction(r, payload, overrides);
  return { ...result, responseUrlId, triggerId };
}

export interface ViewRewrite {
  userId?: string;
  /** A view the bot opened on the emulator: its id, callback_id, private_metadata and blocks are submitted. */
  viewId: string;
  /** block id → the answer, as typed or chosen (an option's value, a user id, a date, a time); others are empty. */
  answers?: Record<string, string | string[]>;
}

/**
 * A view_submission or view_closed fixture carrying one of the bot's own views: the fixture's envelope (team,
 * user, enterprise, the view's server fields) as Slack sent it, with the bot's view and its inputs answered in
 * Slack's state shapes.
 */
export async function replayView(
  r: Replayer,
  fixture: Json,
  rewrite: ViewRewrite,
  overrides: RequestOverrides = {},
) {
  recordFixture(fixture);
  const payload = structuredClone(fixture);
  const opened = r.emulator.views.get(rewrite.viewId)?.view;
  if (!opened) throw new Error(`the bot opened no view ${rewrite.viewId}`);
  const view = payload.view as Json;
  payload.view = {
    ...view,
    id: rewrite.viewId,
    root_view_id: rewrite.viewId,
    callback_id: opened.callback_id,
    private_metadata: opened.private_metadata,
    blocks: opened.blocks,
    state: {
      values: payload.type === "view_closed" ? {} : stateOf(opened.blocks as Json[], rewrite.answers ?? {}),
    },
  };
  if ("trigger_id" in payload) payload.trigger_id = r.emulator.mintTriggerId();
  if (rewrite.userId) asKnownUser(r, payload, rewrite.userId);
  return postInteraction(r, payload, overrides);
}

/** An Events API fixture, as is but for `event` (when given) and a fresh event_id unless the test names one. */
export function replayEvent(
  r: Replayer,
  fixture: Json,
  rewrite: { event?: Json; eventId?: string } = {},
  overrides: RequestOverrides = {},
) {
  recordFixture(fixture);
  const body = structuredClone(fixture);
  if (rewrite.event) body.event = rewrite.event;
  if ("event_id" in body || rewrite.eventId) body.event_id = rewrite.eventId ?? `Ev${nextId("REPLAY")}`;
  return r.driver.post(JSON.stringify(body), JSON_TYPE, overrides);
}

/** The interaction is by `userId` of the bot's own workspace; the workspace it came through is moved too. */
function asKnownUser(r: Replayer, payload: Json, userId: string): void {
  payload.user = { ...(payload.user as Json), id: userId, team_id: r.emulator.team.id };
  if (payload.team) payload.team = { ...(payload.team as Json), id: r.emulator.team.id };
}

function postInteraction(r: Replayer, payload: Json, overrides: RequestOverrides) {
  return r.driver.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), FORM, overrides);
}

type ElementType = keyof typeof stateValueShapes;

/**
 * view.state.values as Slack builds it: every input block, keyed [block_id][action_id], answered in the shape
 * Slack uses for the element's type and empty (null, or [] for a multi-select) when not answered.
 */
function stateOf(blocks: Json[], answers: Record<string, string | string[]>): Json {
  const values: Json = {};
  for (const block of blocks) {
    if (block.type !== "input") continue;
    const element = block.element as Json & { type: ElementType; action_id: string };
    const answer = answers[block.block_id as string];
    const shape =
      answer === undefined
        ? structuredClone(emptyStateValueShapes[element.type])
        : answered(element, structuredClone(stateValueShapes[element.type]) as Json, answer);
    values[block.block_id as string] = { [element.action_id]: shape };
  }
  return values;
}

function answered(element: Json, shape: Json, answer: string | string[]): Json {
  const options = (element.options as Array<{ text: Json; value: string }> | undefined) ?? [];
  const option = (value: string) => {
    const found = options.find((o) => o.value === value);
    if (!found) throw new Error(`no option ${value} in ${String(element.action_id)}`);
    return { text: { ...found.text, emoji: true }, value };
  };
  const one = Array.isArray(answer) ? (answer[0] ?? "") : answer;
  switch (element.type as ElementType) {
    case "plain_text_input":
    case "number_input":
      return { ...shape, value: one };
    case "static_select":
      return { ...shape, selected_option: option(one) };
    case "multi_static_select":
      return { ...shape, selected_options: (Array.isArray(answer) ? answer : [answer]).map(option) };
    case "users_select":
      return { ...shape, selected_user: one };
    case "datepicker":
      return { ...shape, selected_date: one };
    case "timepicker": {
      // Slack echoes the element's time zone; the bot's time pickers set none.
      const { timezone: _, ...untimed } = shape;
      return { ...untimed, selected_time: one, ...(element.timezone ? { timezone: element.timezone } : {}) };
    }
  }
}
