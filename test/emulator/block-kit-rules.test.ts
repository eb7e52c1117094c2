// Every rule in the Block Kit table, run on a payload that breaks it (caught with its exact
// violation) and on one that keeps it (no violation at all). A rule added to the table without
// cases here fails the coverage test.
import type { Button, HeaderBlock, ModalView, NumberInput, SectionBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { checkMessage, checkViewCall } from "../../src/emulator/block-kit/check.js";
import { rules } from "../../src/emulator/block-kit/rules.js";
import { recordCheck } from "../helpers/conformance.js";

type Payload = { message: Record<string, unknown> } | { call: string; args: Record<string, unknown> };

function violations(payload: Payload): string[] {
  return "message" in payload ? checkMessage(payload.message) : checkViewCall(payload.call, payload.args);
}

const x = (n: number) => "x".repeat(n);
const plain = (text: string, extra: Record<string, unknown> = {}) => ({ type: "plain_text", text, ...extra });
const md = (text: string, extra: Record<string, unknown> = {}) => ({ type: "mrkdwn", text, ...extra });
const message = (...blocks: unknown[]): Payload => ({ message: { channel: "C1", text: "fallback", blocks } });
const modal = (blocks: unknown[], extra: Record<string, unknown> = {}): Payload => ({
  call: "views.open",
  args: {
    trigger_id: "1.2.abc",
    view: { type: "modal", title: plain("Form"), submit: plain("Save"), blocks, ...extra },
  },
});
const home = (blocks: unknown[], extra: Record<string, unknown> = {}): Payload => ({
  call: "views.publish",
  args: { user_id: "U1", view: { type: "home", blocks, ...extra } },
});
const section = (text = "Hello", extra: Record<string, unknown> = {}) => ({
  type: "section",
  text: md(text),
  ...extra,
});
const button = (extra: Record<string, unknown> = {}) => ({
  type: "button",
  text: plain("Go"),
  action_id: "go",
  ...extra,
});
const actions = (...elements: unknown[]) => ({ type: "actions", elements });
const input = (element: unknown, extra: Record<string, unknown> = {}) => ({
  type: "input",
  label: plain("Label"),
  element,
  ...extra,
});
const option = (value: string, extra: Record<string, unknown> = {}) => ({
  text: plain(value),
  value,
  ...extra,
});
const menu = (extra: Record<string, unknown> = {}) => ({
  type: "static_select",
  action_id: "pick",
  options: [option("a"), option("b")],
  ...extra,
});
const confirm = (extra: Record<string, unknown> = {}) => ({
  title: plain("Sure?"),
  text: plain("This cannot be undone."),
  confirm: plain("Yes"),
  deny: plain("No"),
  ...extra,
});
const image = { type: "image", image_url: "https://example.gov/chart.png", alt_text: "chart" };
const numbered = <T>(count: number, make: (i: number) => T) =>
  Array.from({ length: count }, (_, i) => make(i));

interface Cases {
  bad: Array<[Payload, string[]]>;
  good: Payload;
}

const cases: Record<string, Cases> = {
  "message.content": {
    bad: [
      [
        { message: { channel: "C1" } },
        ["message has no text, blocks or attachments (Slack: no_text) [message.content]"],
      ],
    ],
    good: { message: { channel: "C1", attachments: JSON.stringify([{ fallback: "old style" }]) } },
  },
  "message.blocks": {
    bad: [
      [{ message: { text: "t", blocks: "[{" } }, ["`blocks` is not valid JSON [message.blocks]"]],
      [
        { message: { text: "t", blocks: { type: "divider" } } },
        ["`blocks` must be an array, got an object [message.blocks]"],
      ],
    ],
    good: { message: { text: "t", blocks: JSON.stringify([section()]) } },
  },
  "message.fallback": {
    bad: [
      [
        { message: { blocks: [section()] } },
        [
          "blocks sent without a non-empty `text` fallback (used by notifications and screen readers) [message.fallback]",
        ],
      ],
      [
        { message: { text: "  ", blocks: [section()] } },
        [
          "blocks sent without a non-empty `text` fallback (used by notifications and screen readers) [message.fallback]",
        ],
      ],
    ],
    good: message(section()),
  },
  "views.trigger": {
    bad: [
      [
        { call: "views.push", args: { view: { type: "modal", title: plain("Form"), blocks: [] } } },
        ["needs a trigger_id or interactivity_pointer [views.trigger]"],
      ],
    ],
    good: {
      call: "views.open",
      args: { interactivity_pointer: "1.2.abc", view: { type: "modal", title: plain("F"), blocks: [] } },
    },
  },
  "views.update.target": {
    bad: [
      [
        { call: "views.update", args: { view: { type: "modal", title: plain("Form"), blocks: [] } } },
        ["needs a view_id or external_id [views.update.target]"],
      ],
    ],
    good: {
      call: "views.update",
      args: { external_id: "x1", view: { type: "modal", title: plain("F"), blocks: [] } },
    },
  },
  "view.json": {
    bad: [
      [
        { call: "views.publish", args: { user_id: "U1", view: "{not json" } },
        ["`view` is not valid JSON [view.json]"],
      ],
      [
        { call: "views.publish", args: { user_id: "U1", view: [] } },
        ["`view` must be an object, got an array [view.json]"],
      ],
    ],
    good: {
      call: "views.publish",
      args: { user_id: "U1", view: JSON.stringify({ type: "home", blocks: [] }) },
    },
  },
  "view.type": {
    bad: [
      [
        {
          call: "views.publish",
          args: { user_id: "U1", view: { type: "modal", title: plain("F"), blocks: [] } },
        },
        ['view.type must be "home" for views.publish, got "modal" [view.type]'],
      ],
      [
        { call: "views.open", args: { trigger_id: "1.2.abc", view: { type: "home", blocks: [] } } },
        ['view.type must be "modal" for views.open, got "home" [view.type]'],
      ],
    ],
    good: home([]),
  },
  "view.blocks": {
    bad: [
      [
        { call: "views.publish", args: { user_id: "U1", view: { type: "home" } } },
        ["view: blocks must be an array [view.blocks]"],
      ],
    ],
    good: home([section()]),
  },
  "modal.title": {
    bad: [
      [modal([], { title: plain(x(25)) }), ["view: title is 25 characters (max 24) [modal.title]"]],
      [modal([], { title: undefined }), ["view: title is required [modal.title]"]],
      [modal([], { title: md("Form") }), ['view: title must be plain_text, not "mrkdwn" [modal.title]']],
    ],
    good: modal([], { title: plain("Report a seizure of guns") }),
  },
  "modal.close": {
    bad: [[modal([], { close: plain(x(25)) }), ["view: close is 25 characters (max 24) [modal.close]"]]],
    good: modal([], { close: plain(x(24)) }),
  },
  "modal.submit": {
    bad: [
      [modal([], { submit: md("Save") }), ['view: submit must be plain_text, not "mrkdwn" [modal.submit]']],
    ],
    good: modal([], { submit: plain(x(24)) }),
  },
  "modal.submit.required": {
    bad: [
      [
        modal([input({ type: "plain_text_input", action_id: "v" })], { submit: undefined }),
        ["view: a modal with input blocks needs a submit button [modal.submit.required]"],
      ],
    ],
    good: modal([section()], { submit: undefined }),
  },
  "view.private_metadata": {
    bad: [
      [
        home([], { private_metadata: x(3001) }),
        ["view: private_metadata is 3001 characters (max 3000) [view.private_metadata]"],
      ],
    ],
    good: modal([], { private_metadata: x(3000) }),
  },
  "view.callback_id": {
    bad: [
      [
        home([], { callback_id: x(256) }),
        ["view: callback_id is 256 characters (max 255) [view.callback_id]"],
      ],
    ],
    good: home([], { callback_id: x(255) }),
  },
  "view.focus_on_load": {
    bad: [
      [
        modal([
          input({ type: "plain_text_input", action_id: "a", focus_on_load: true }, { block_id: "a" }),
          input({ type: "datepicker", action_id: "b", focus_on_load: true }, { block_id: "b" }),
        ]),
        ["view: 2 elements set focus_on_load (only one may) [view.focus_on_load]"],
      ],
    ],
    good: modal([
      input({ type: "plain_text_input", action_id: "a", focus_on_load: true }, { block_id: "a" }),
      input({ type: "datepicker", action_id: "b", focus_on_load: false }, { block_id: "b" }),
    ]),
  },
  "blocks.max": {
    bad: [
      [
        message(...numbered(51, () => ({ type: "divider" }))),
        ["blocks: 51 blocks (a message allows at most 50) [blocks.max]"],
      ],
      [
        home(numbered(101, () => ({ type: "divider" }))),
        ["view.blocks: 101 blocks (a Home tab allows at most 100) [blocks.max]"],
      ],
    ],
    good: modal(numbered(100, () => ({ type: "divider" }))),
  },
  "block_id.unique": {
    bad: [
      [
        message(section("a", { block_id: "a" }), { type: "divider" }, section("b", { block_id: "a" })),
        ['blocks: block_id "a" is used by blocks 0 and 2 [block_id.unique]'],
      ],
    ],
    good: message(section("a", { block_id: "a" }), section("b", { block_id: "b" })),
  },
  "markdown.total": {
    bad: [
      [
        message({ type: "markdown", text: x(6001) }, { type: "markdown", text: x(6001) }),
        ["blocks: markdown blocks hold 12002 characters together (max 12000) [markdown.total]"],
      ],
    ],
    good: message({ type: "markdown", text: x(6000) }, { type: "markdown", text: x(6000) }),
  },
  "block.type": {
    bad: [
      [message({ text: md("no type") }), ["blocks[0]: has no type [block.type]"]],
      [
        message({ type: "paragraph" }),
        ['blocks[0] (paragraph): Slack has no "paragraph" block [block.type]'],
      ],
      [
        message({ type: "file", source: "remote", external_id: "F1" }),
        ["blocks[0] (file): a message cannot hold a file block [block.type]"],
      ],
      [
        home([{ type: "alert", text: md("Down") }]),
        ["view.blocks[0] (alert): a Home tab cannot hold an alert block [block.type]"],
      ],
    ],
    good: modal([{ type: "alert", text: md("Down") }, { type: "divider" }]),
  },
  "block_id.max": {
    bad: [
      [
        message(section("a", { block_id: x(256) })),
        ["blocks[0] (section): block_id is 256 characters (max 255) [block_id.max]"],
      ],
    ],
    good: message(section("a", { block_id: x(255) })),
  },
  "action_id.unique": {
    bad: [
      [
        message(actions(button(), button({ text: plain("Again") }))),
        ['blocks[0] (actions): action_id "go" is used twice [action_id.unique]'],
      ],
    ],
    good: message(actions(button(), button({ action_id: "stop" })), actions(button())),
  },
  "section.content": {
    bad: [[message({ type: "section" }), ["blocks[0] (section): needs text or fields [section.content]"]]],
    good: message({ type: "section", fields: [md("*Guns*\n2")] }),
  },
  "section.text": {
    bad: [
      [message(section(x(3001))), ["blocks[0] (section): text is 3001 characters (max 3000) [section.text]"]],
      [message(section("")), ["blocks[0] (section): text is empty [section.text]"]],
      [
        message({ type: "section", text: "plain string" }),
        [
          'blocks[0] (section): text must be a plain_text or mrkdwn text object, got the string "plain string" [section.text]',
        ],
      ],
    ],
    good: message(section(x(3000)), { type: "section", text: plain("Plain is allowed too") }),
  },
  "section.fields": {
    bad: [
      [
        message({ type: "section", fields: numbered(11, () => md("f")) }),
        ["blocks[0] (section): 11 fields (max 10) [section.fields]"],
      ],
      [
        message({ type: "section", fields: [md("a"), plain(x(2001))] }),
        ["blocks[0] (section): fields[1] is 2001 characters (max 2000) [section.fields]"],
      ],
    ],
    good: message({ type: "section", fields: numbered(10, () => md(x(2000))) }),
  },
  "section.accessory": {
    bad: [
      [
        message(section("a", { accessory: { type: "plain_text_input", action_id: "v" } })),
        [
          "blocks[0] (section): accessory (plain_text_input) cannot be a section accessory [section.accessory]",
        ],
      ],
      [
        message(section("a", { accessory: { action_id: "v" } })),
        ["blocks[0] (section): accessory has no type [section.accessory]"],
      ],
    ],
    good: message(
      section("a", { accessory: image }),
      section("b", { accessory: button() }),
      section("c", { accessory: menu() }),
    ),
  },
  "header.text": {
    bad: [
      [
        message({ type: "header", text: plain(x(151)) }),
        ["blocks[0] (header): text is 151 characters (max 150) [header.text]"],
      ],
      [
        message({ type: "header", text: md("Title") }),
        ['blocks[0] (header): text must be plain_text, not "mrkdwn" [header.text]'],
      ],
      [message({ type: "header" }), ["blocks[0] (header): text is required [header.text]"]],
    ],
    good: message({ type: "header", text: plain(x(150), { emoji: true }) }),
  },
  "context.elements": {
    bad: [
      [
        message({ type: "context", elements: numbered(11, () => md("c")) }),
        ["blocks[0] (context): 11 elements (max 10) [context.elements]"],
      ],
      [
        message({ type: "context", elements: [button()] }),
        [
          "blocks[0] (context): elements[0] must be an image element or a text object, not button [context.elements]",
        ],
      ],
      [message({ type: "context" }), ["blocks[0] (context): elements is required [context.elements]"]],
      [
        message({ type: "context", elements: [md(x(3001))] }),
        ["blocks[0] (context): elements[0] is 3001 characters (max 3000) [context.elements]"],
      ],
    ],
    good: message({ type: "context", elements: [image, md("As of today"), plain("preliminary")] }),
  },
  "actions.elements": {
    bad: [
      [
        message(actions(...numbered(26, (i) => button({ action_id: `b${i}` })))),
        ["blocks[0] (actions): 26 elements (max 25) [actions.elements]"],
      ],
      [
        message(actions(image)),
        ["blocks[0] (actions): elements[0] (image) cannot go in an actions block [actions.elements]"],
      ],
      [message({ type: "actions" }), ["blocks[0] (actions): elements is required [actions.elements]"]],
    ],
    good: message(actions(...numbered(25, (i) => button({ action_id: `b${i}` })))),
  },
  "image.alt_text": {
    bad: [
      [
        message({ type: "image", image_url: "https://example.gov/a.png" }),
        ["blocks[0] (image): alt_text is required [image.alt_text]"],
      ],
      [
        message({ ...image, alt_text: x(2001) }),
        ["blocks[0] (image): alt_text is 2001 characters (max 2000) [image.alt_text]"],
      ],
    ],
    good: message({ ...image, alt_text: x(2000) }),
  },
  "image.source": {
    bad: [
      [
        message({ ...image, slack_file: { id: "F1" } }),
        ["blocks[0] (image): needs exactly one of image_url or slack_file [image.source]"],
      ],
      [
        message({ ...image, image_url: x(3001) }),
        ["blocks[0] (image): image_url is 3001 characters (max 3000) [image.source]"],
      ],
      [
        message({
          type: "image",
          alt_text: "chart",
          slack_file: { id: "F1", url: "https://files.slack.com/F1" },
        }),
        ["blocks[0] (image): slack_file needs exactly one of url or id [image.source]"],
      ],
    ],
    good: message(
      { type: "image", alt_text: "chart", slack_file: { id: "F1" } },
      { ...image, image_url: x(3000) },
    ),
  },
  "image.title": {
    bad: [
      [
        message({ ...image, title: md("Chart") }),
        ['blocks[0] (image): title must be plain_text, not "mrkdwn" [image.title]'],
      ],
      [
        message({ ...image, title: plain(x(2001)) }),
        ["blocks[0] (image): title is 2001 characters (max 2000) [image.title]"],
      ],
    ],
    good: message({ ...image, title: plain(x(2000)) }),
  },
  "input.label": {
    bad: [
      [
        modal([{ type: "input", element: { type: "plain_text_input", action_id: "v" } }]),
        ["view.blocks[0] (input): label is required [input.label]"],
      ],
      [
        modal([input({ type: "plain_text_input" }, { label: plain(x(2001)) })]),
        ["view.blocks[0] (input): label is 2001 characters (max 2000) [input.label]"],
      ],
    ],
    good: modal([input({ type: "plain_text_input" }, { label: plain(x(2000)) })]),
  },
  "input.hint": {
    bad: [
      [
        modal([input({ type: "plain_text_input" }, { hint: md("*hint*") })]),
        ['view.blocks[0] (input): hint must be plain_text, not "mrkdwn" [input.hint]'],
      ],
    ],
    good: modal([input({ type: "plain_text_input" }, { hint: plain(x(2000)) })]),
  },
  "input.element": {
    bad: [
      [
        modal([{ type: "input", label: plain("Label") }]),
        ["view.blocks[0] (input): element is required [input.element]"],
      ],
      [
        modal([input(button())]),
        ["view.blocks[0] (input): element (button) cannot go in an input block [input.element]"],
      ],
    ],
    good: modal([
      input({ type: "users_select", action_id: "v" }, { block_id: "a" }),
      input({ type: "multi_static_select", action_id: "v", options: [option("a")] }, { block_id: "b" }),
      input({ type: "number_input", action_id: "v", is_decimal_allowed: false }, { block_id: "c" }),
      input({ type: "timepicker", action_id: "v" }, { block_id: "d" }),
    ]),
  },
  "input.dispatch_action": {
    bad: [
      [
        modal([input({ type: "file_input", action_id: "f" }, { dispatch_action: true })]),
        [
          "view.blocks[0] (input): dispatch_action cannot be set with a file_input element [input.dispatch_action]",
        ],
      ],
    ],
    good: modal([input({ type: "plain_text_input", action_id: "f" }, { dispatch_action: true })]),
  },
  "markdown.text": {
    bad: [
      [message({ type: "markdown" }), ["blocks[0] (markdown): text is required [markdown.text]"]],
      [
        message({ type: "markdown", text: x(12_001) }),
        [
          "blocks: markdown blocks hold 12001 characters together (max 12000) [markdown.total]",
          "blocks[0] (markdown): text is 12001 characters (max 12000) [markdown.text]",
        ],
      ],
    ],
    good: message({ type: "markdown", text: "**bold** and _italic_" }),
  },
  "element.surface": {
    bad: [
      [
        home([input({ type: "number_input", action_id: "n", is_decimal_allowed: false })]),
        [
          "view.blocks[0] (input).element (number_input): number_input is not available in a Home tab (only in modals) [element.surface]",
        ],
      ],
      [
        message(input({ type: "email_text_input", action_id: "e" })),
        [
          "blocks[0] (input).element (email_text_input): email_text_input is not available in a message (only in modals) [element.surface]",
        ],
      ],
      [
        home([actions({ type: "datetimepicker", action_id: "d" })]),
        [
          "view.blocks[0] (actions).elements[0] (datetimepicker): datetimepicker is not available in a Home tab (only in modals and messages) [element.surface]",
        ],
      ],
    ],
    good: modal([
      input({ type: "number_input", action_id: "n", is_decimal_allowed: false }, { block_id: "n" }),
      input({ type: "email_text_input", action_id: "e" }, { block_id: "e" }),
    ]),
  },
  "action_id.max": {
    bad: [
      [
        message(actions(button({ action_id: x(256) }))),
        ["blocks[0] (actions).elements[0] (button): action_id is 256 characters (max 255) [action_id.max]"],
      ],
    ],
    good: message(actions(button({ action_id: x(255) }))),
  },
  "element.placeholder": {
    bad: [
      [
        modal([input({ type: "datepicker", placeholder: plain(x(151)) })]),
        [
          "view.blocks[0] (input).element (datepicker): placeholder is 151 characters (max 150) [element.placeholder]",
        ],
      ],
      [
        modal([input({ type: "plain_text_input", placeholder: md("e.g. 3") })]),
        [
          'view.blocks[0] (input).element (plain_text_input): placeholder must be plain_text, not "mrkdwn" [element.placeholder]',
        ],
      ],
    ],
    good: modal([input({ type: "plain_text_input", placeholder: plain(x(150)) })]),
  },
  "button.text": {
    bad: [
      [
        message(actions(button({ text: plain(x(76)) }))),
        ["blocks[0] (actions).elements[0] (button): text is 76 characters (max 75) [button.text]"],
      ],
      [
        message(actions(button({ text: md("Go") }))),
        ['blocks[0] (actions).elements[0] (button): text must be plain_text, not "mrkdwn" [button.text]'],
      ],
      [
        message(actions({ type: "button", action_id: "go" })),
        ["blocks[0] (actions).elements[0] (button): text is required [button.text]"],
      ],
    ],
    good: message(actions(button({ text: plain(x(75), { emoji: true }) }))),
  },
  "button.value": {
    bad: [
      [
        message(actions(button({ value: x(2001) }))),
        ["blocks[0] (actions).elements[0] (button): value is 2001 characters (max 2000) [button.value]"],
      ],
    ],
    good: message(actions(button({ value: x(2000) }))),
  },
  "button.url": {
    bad: [
      [
        message(actions(button({ url: x(3001) }))),
        ["blocks[0] (actions).elements[0] (button): url is 3001 characters (max 3000) [button.url]"],
      ],
    ],
    good: message(actions(button({ url: x(3000), value: "both" }))),
  },
  "button.style": {
    bad: [
      [
        message(actions(button({ style: "success" }))),
        [
          'blocks[0] (actions).elements[0] (button): style must be "primary" or "danger", not "success" [button.style]',
        ],
      ],
    ],
    good: message(actions(button({ style: "danger" }), button({ action_id: "ok", style: "primary" }))),
  },
  "button.accessibility_label": {
    bad: [
      [
        message(actions(button({ accessibility_label: x(76) }))),
        [
          "blocks[0] (actions).elements[0] (button): accessibility_label is 76 characters (max 75) [button.accessibility_label]",
        ],
      ],
    ],
    good: message(actions(button({ accessibility_label: x(75) }))),
  },
  "datepicker.initial_date": {
    bad: [
      [
        modal([input({ type: "datepicker", initial_date: "2025-02-30" })]),
        [
          'view.blocks[0] (input).element (datepicker): initial_date must be a YYYY-MM-DD date, not "2025-02-30" [datepicker.initial_date]',
        ],
      ],
      [
        modal([input({ type: "datepicker", initial_date: "03/10/2025" })]),
        [
          'view.blocks[0] (input).element (datepicker): initial_date must be a YYYY-MM-DD date, not "03/10/2025" [datepicker.initial_date]',
        ],
      ],
    ],
    good: modal([input({ type: "datepicker", initial_date: "2024-02-29" })]),
  },
  "timepicker.initial_time": {
    bad: [
      [
        modal([input({ type: "timepicker", initial_time: "24:00" })]),
        [
          'view.blocks[0] (input).element (timepicker): initial_time must be HH:mm (00:00 to 23:59), not "24:00" [timepicker.initial_time]',
        ],
      ],
      [
        modal([input({ type: "timepicker", initial_time: "9:05" })]),
        [
          'view.blocks[0] (input).element (timepicker): initial_time must be HH:mm (00:00 to 23:59), not "9:05" [timepicker.initial_time]',
        ],
      ],
    ],
    good: modal([input({ type: "timepicker", initial_time: "23:59" })]),
  },
  "plain_text_input.min_length": {
    bad: [
      [
        modal([input({ type: "plain_text_input", min_length: 3001 })]),
        [
          "view.blocks[0] (input).element (plain_text_input): min_length must be an integer from 0 to 3000, not 3001 [plain_text_input.min_length]",
        ],
      ],
      [
        modal([input({ type: "plain_text_input", min_length: -1 })]),
        [
          "view.blocks[0] (input).element (plain_text_input): min_length must be an integer from 0 to 3000, not -1 [plain_text_input.min_length]",
        ],
      ],
    ],
    good: modal([input({ type: "plain_text_input", min_length: 0 })]),
  },
  "plain_text_input.max_length": {
    bad: [
      [
        modal([input({ type: "plain_text_input", max_length: 0 })]),
        [
          "view.blocks[0] (input).element (plain_text_input): max_length must be an integer from 1 to 3000, not 0 [plain_text_input.max_length]",
        ],
      ],
      [
        modal([input({ type: "plain_text_input", max_length: "80" })]),
        [
          'view.blocks[0] (input).element (plain_text_input): max_length must be an integer from 1 to 3000, not "80" [plain_text_input.max_length]',
        ],
      ],
    ],
    good: modal([input({ type: "plain_text_input", min_length: 3000, max_length: 3000 })]),
  },
  "number_input.is_decimal_allowed": {
    bad: [
      [
        modal([input({ type: "number_input", action_id: "n" })]),
        [
          "view.blocks[0] (input).element (number_input): is_decimal_allowed must be true or false, got nothing [number_input.is_decimal_allowed]",
        ],
      ],
      [
        modal([input({ type: "number_input", action_id: "n", is_decimal_allowed: "false" })]),
        [
          'view.blocks[0] (input).element (number_input): is_decimal_allowed must be true or false, got the string "false" [number_input.is_decimal_allowed]',
        ],
      ],
    ],
    good: modal([input({ type: "number_input", action_id: "n", is_decimal_allowed: true })]),
  },
  "number_input.range": {
    bad: [
      [
        modal([input({ type: "number_input", is_decimal_allowed: false, min_value: "5", max_value: "3" })]),
        [
          "view.blocks[0] (input).element (number_input): min_value 5 is greater than max_value 3 [number_input.range]",
        ],
      ],
      [
        modal([input({ type: "number_input", is_decimal_allowed: false, min_value: 0 })]),
        [
          "view.blocks[0] (input).element (number_input): min_value must be a number in a string, not 0 [number_input.range]",
        ],
      ],
    ],
    good: modal([
      input({ type: "number_input", is_decimal_allowed: true, min_value: "-1.5", max_value: "-1.5" }),
    ]),
  },
  "select.options": {
    bad: [
      [
        message(actions(menu({ option_groups: [{ label: plain("G"), options: [option("c")] }] }))),
        [
          "blocks[0] (actions).elements[0] (static_select): needs exactly one of options or option_groups [select.options]",
        ],
      ],
      [
        message(actions(menu({ options: undefined }))),
        [
          "blocks[0] (actions).elements[0] (static_select): needs exactly one of options or option_groups [select.options]",
        ],
      ],
      [
        message(actions(menu({ options: numbered(101, (i) => option(`o${i}`)) }))),
        ["blocks[0] (actions).elements[0] (static_select): 101 options (max 100) [select.options]"],
      ],
      [
        message(
          actions(
            menu({
              options: undefined,
              option_groups: numbered(101, (i) => ({ label: plain(`G${i}`), options: [option(`o${i}`)] })),
            }),
          ),
        ),
        ["blocks[0] (actions).elements[0] (static_select): 101 option_groups (max 100) [select.options]"],
      ],
    ],
    good: message(
      actions(
        menu({ options: numbered(100, (i) => option(`o${i}`)) }),
        menu({
          type: "multi_static_select",
          action_id: "many",
          options: undefined,
          option_groups: numbered(100, (i) => ({ label: plain(`G${i}`), options: [option(`o${i}`)] })),
        }),
      ),
    ),
  },
  "select.initial_options": {
    bad: [
      [
        message(actions(menu({ initial_option: option("z") }))),
        [
          'blocks[0] (actions).elements[0] (static_select): initial option "z" is not one of its options [select.initial_options]',
        ],
      ],
      [
        modal([
          input(
            menu({
              type: "multi_static_select",
              initial_options: [option("a"), option("b", { text: plain("B") })],
            }),
          ),
        ]),
        [
          'view.blocks[0] (input).element (multi_static_select): initial option "b" is not one of its options [select.initial_options]',
        ],
      ],
    ],
    good: message(
      actions(
        menu({
          options: undefined,
          option_groups: [{ label: plain("G"), options: [option("c")] }],
          initial_option: { value: "c", text: plain("c") },
        }),
      ),
    ),
  },
  "multi_select.max_selected_items": {
    bad: [
      [
        modal([input({ type: "multi_users_select", action_id: "u", max_selected_items: 0 })]),
        [
          "view.blocks[0] (input).element (multi_users_select): max_selected_items must be an integer of at least 1, not 0 [multi_select.max_selected_items]",
        ],
      ],
    ],
    good: modal([input({ type: "multi_users_select", action_id: "u", max_selected_items: 1 })]),
  },
  "overflow.options": {
    bad: [
      [
        message(
          section("a", { accessory: { type: "overflow", options: numbered(6, (i) => option(`o${i}`)) } }),
        ),
        ["blocks[0] (section).accessory (overflow): 6 options (max 5) [overflow.options]"],
      ],
      [
        message(section("a", { accessory: { type: "overflow", options: [] } })),
        ["blocks[0] (section).accessory (overflow): 0 options (min 1) [overflow.options]"],
      ],
      [
        message(section("a", { accessory: { type: "overflow" } })),
        ["blocks[0] (section).accessory (overflow): options is required [overflow.options]"],
      ],
    ],
    good: message(
      section("a", { accessory: { type: "overflow", options: numbered(5, (i) => option(`o${i}`)) } }),
    ),
  },
  "checkboxes.options": {
    bad: [
      [
        modal([input({ type: "checkboxes", options: numbered(11, (i) => option(`o${i}`)) })]),
        ["view.blocks[0] (input).element (checkboxes): 11 options (max 10) [checkboxes.options]"],
      ],
      [
        modal([input({ type: "checkboxes" })]),
        ["view.blocks[0] (input).element (checkboxes): options is required [checkboxes.options]"],
      ],
    ],
    good: modal([input({ type: "checkboxes", options: numbered(10, (i) => option(`o${i}`)) })]),
  },
  "radio_buttons.options": {
    bad: [
      [
        modal([input({ type: "radio_buttons", options: numbered(11, (i) => option(`o${i}`)) })]),
        ["view.blocks[0] (input).element (radio_buttons): 11 options (max 10) [radio_buttons.options]"],
      ],
    ],
    good: modal([input({ type: "radio_buttons", options: numbered(10, (i) => option(`o${i}`)) })]),
  },
  "image_element.source": {
    bad: [
      [
        message({ type: "context", elements: [{ type: "image", image_url: "https://example.gov/a.png" }] }),
        ["blocks[0] (context).elements[0] (image): alt_text is required [image_element.source]"],
      ],
      [
        message(section("a", { accessory: { type: "image", alt_text: "a" } })),
        [
          "blocks[0] (section).accessory (image): needs exactly one of image_url or slack_file [image_element.source]",
        ],
      ],
    ],
    good: message(
      section("a", {
        accessory: { type: "image", alt_text: "a", slack_file: { url: "https://files.slack.com/F1" } },
      }),
    ),
  },
  "option.text": {
    bad: [
      [
        message(actions(menu({ options: [{ text: md("*a*"), value: "a" }] }))),
        [
          'blocks[0] (actions).elements[0] (static_select).options[0]: text must be plain_text, not "mrkdwn" [option.text]',
        ],
      ],
      [
        message(actions(menu({ options: [{ text: plain(x(76)), value: "a" }] }))),
        [
          "blocks[0] (actions).elements[0] (static_select).options[0]: text is 76 characters (max 75) [option.text]",
        ],
      ],
      [
        message(actions(menu({ options: [{ value: "a" }] }))),
        ["blocks[0] (actions).elements[0] (static_select).options[0]: text is required [option.text]"],
      ],
    ],
    good: modal([input({ type: "checkboxes", options: [{ text: md(`*${x(73)}*`), value: "a" }] })]),
  },
  "option.value": {
    bad: [
      [
        message(actions(menu({ options: [{ text: plain("a"), value: x(151) }] }))),
        [
          "blocks[0] (actions).elements[0] (static_select).options[0]: value is 151 characters (max 150) [option.value]",
        ],
      ],
      [
        message(actions(menu({ options: [{ text: plain("a") }] }))),
        ["blocks[0] (actions).elements[0] (static_select).options[0]: value is required [option.value]"],
      ],
    ],
    good: message(actions(menu({ options: [{ text: plain("a"), value: x(150) }] }))),
  },
  "option.description": {
    bad: [
      [
        message(actions(menu({ options: [option("a", { description: md("_more_") })] }))),
        [
          'blocks[0] (actions).elements[0] (static_select).options[0]: description must be plain_text, not "mrkdwn" [option.description]',
        ],
      ],
      [
        message(actions(menu({ options: [option("a", { description: plain(x(76)) })] }))),
        [
          "blocks[0] (actions).elements[0] (static_select).options[0]: description is 76 characters (max 75) [option.description]",
        ],
      ],
    ],
    good: modal([input({ type: "radio_buttons", options: [option("a", { description: md(x(75)) })] })]),
  },
  "option.url": {
    bad: [
      [
        message(actions(menu({ options: [option("a", { url: "https://example.gov" })] }))),
        [
          "blocks[0] (actions).elements[0] (static_select).options[0]: url is only available in overflow menus, not a static_select [option.url]",
        ],
      ],
      [
        message(actions({ type: "overflow", options: [option("a", { url: x(3001) })] })),
        [
          "blocks[0] (actions).elements[0] (overflow).options[0]: url is 3001 characters (max 3000) [option.url]",
        ],
      ],
    ],
    good: message(actions({ type: "overflow", options: [option("a", { url: x(3000) })] })),
  },
  "option_group.label": {
    bad: [
      [
        message(actions(menu({ options: undefined, option_groups: [{ options: [option("a")] }] }))),
        [
          "blocks[0] (actions).elements[0] (static_select).option_groups[0]: label is required [option_group.label]",
        ],
      ],
      [
        message(
          actions(menu({ options: undefined, option_groups: [{ label: md("G"), options: [option("a")] }] })),
        ),
        [
          'blocks[0] (actions).elements[0] (static_select).option_groups[0]: label must be plain_text, not "mrkdwn" [option_group.label]',
        ],
      ],
      [
        message(
          actions(
            menu({ options: undefined, option_groups: [{ label: plain(x(76)), options: [option("a")] }] }),
          ),
        ),
        [
          "blocks[0] (actions).elements[0] (static_select).option_groups[0]: label is 76 characters (max 75) [option_group.label]",
        ],
      ],
    ],
    good: message(
      actions(menu({ options: undefined, option_groups: [{ label: plain(x(75)), options: [option("a")] }] })),
    ),
  },
  "option_group.options": {
    bad: [
      [
        message(actions(menu({ options: undefined, option_groups: [{ label: plain("G") }] }))),
        [
          "blocks[0] (actions).elements[0] (static_select).option_groups[0]: options is required [option_group.options]",
        ],
      ],
      [
        message(
          actions(
            menu({
              options: undefined,
              option_groups: [{ label: plain("G"), options: numbered(101, (i) => option(`o${i}`)) }],
            }),
          ),
        ),
        [
          "blocks[0] (actions).elements[0] (static_select).option_groups[0]: 101 options (max 100) [option_group.options]",
        ],
      ],
    ],
    good: message(
      actions(
        menu({
          options: undefined,
          option_groups: [{ label: plain("G"), options: numbered(100, (i) => option(`o${i}`)) }],
        }),
      ),
    ),
  },
  "confirm.title": {
    bad: [
      [
        message(actions(button({ confirm: confirm({ title: undefined }) }))),
        ["blocks[0] (actions).elements[0] (button).confirm: title is required [confirm.title]"],
      ],
      [
        message(actions(button({ confirm: confirm({ title: plain(x(101)) }) }))),
        [
          "blocks[0] (actions).elements[0] (button).confirm: title is 101 characters (max 100) [confirm.title]",
        ],
      ],
    ],
    good: message(actions(button({ confirm: confirm({ title: plain(x(100)) }) }))),
  },
  "confirm.text": {
    bad: [
      [
        message(actions(button({ confirm: confirm({ text: md("*Really?*") }) }))),
        [
          'blocks[0] (actions).elements[0] (button).confirm: text must be plain_text, not "mrkdwn" [confirm.text]',
        ],
      ],
      [
        message(actions(button({ confirm: confirm({ text: plain(x(301)) }) }))),
        ["blocks[0] (actions).elements[0] (button).confirm: text is 301 characters (max 300) [confirm.text]"],
      ],
    ],
    good: modal([input({ type: "datepicker", confirm: confirm({ text: plain(x(300)) }) })]),
  },
  "confirm.confirm": {
    bad: [
      [
        message(actions(button({ confirm: confirm({ confirm: plain(x(31)) }) }))),
        [
          "blocks[0] (actions).elements[0] (button).confirm: confirm is 31 characters (max 30) [confirm.confirm]",
        ],
      ],
      [
        message(actions(button({ confirm: confirm({ confirm: undefined }) }))),
        ["blocks[0] (actions).elements[0] (button).confirm: confirm is required [confirm.confirm]"],
      ],
    ],
    good: message(actions(button({ confirm: confirm({ confirm: plain(x(30)) }) }))),
  },
  "confirm.deny": {
    bad: [
      [
        message(actions(button({ confirm: confirm({ deny: plain(x(31)) }) }))),
        ["blocks[0] (actions).elements[0] (button).confirm: deny is 31 characters (max 30) [confirm.deny]"],
      ],
    ],
    good: message(actions(button({ confirm: confirm({ deny: plain(x(30)) }) }))),
  },
  "confirm.style": {
    bad: [
      [
        message(actions(button({ confirm: confirm({ style: "warning" }) }))),
        [
          'blocks[0] (actions).elements[0] (button).confirm: style must be "primary" or "danger", not "warning" [confirm.style]',
        ],
      ],
    ],
    good: message(actions(button({ confirm: confirm({ style: "danger" }) }))),
  },
  "text.emoji": {
    bad: [
      [
        message(section("a", { text: md("*a*", { emoji: true }) })),
        ["blocks[0] (section).text: emoji is only for plain_text, not mrkdwn [text.emoji]"],
      ],
    ],
    good: message({ type: "header", text: plain(":rotating_light: Alert", { emoji: false }) }),
  },
  "text.verbatim": {
    bad: [
      [
        modal([], { title: plain("Form", { verbatim: true }) }),
        ["view.title: verbatim is only for mrkdwn, not plain_text [text.verbatim]"],
      ],
    ],
    good: message(section("a", { text: md("<#C1>", { verbatim: true }) })),
  },
};

describe("Block Kit rule table", () => {
  it("names each rule once, says what it requires and cites a docs.slack.dev reference page", () => {
    const ids = rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of rules) {
      expect(rule.says.length, rule.id).toBeGreaterThan(20);
      expect(rule.source, rule.id).toMatch(/^https:\/\/docs\.slack\.dev\/reference\/[A-Za-z0-9./_-]+$/);
    }
    expect(rules).toHaveLength(70);
  });

  it("has a breaking and a passing payload here for every rule", () => {
    expect(Object.keys(cases).sort()).toEqual(rules.map((r) => r.id).sort());
  });

  for (const [id, { bad, good }] of Object.entries(cases)) {
    const rule = rules.find((r) => r.id === id);
    const check = { checked: `Block Kit rule ${id}`, source: rule?.source ?? "(not in the table)" };
    describe(id, () => {
      it("catches each payload that breaks it, with its exact violation", () => {
        recordCheck(check);
        for (const [payload, expected] of bad) expect(violations(payload)).toEqual(expected);
      });
      it("passes a payload that keeps it (and every other rule)", () => {
        recordCheck(check);
        expect(violations(good)).toEqual([]);
      });
    });
  }
});

describe("@slack/types and the rule table agree", () => {
  it("rejects at compile time what the table rejects at run time", () => {
    const header: HeaderBlock = {
      type: "header",
      // @ts-expect-error a header's text is plain_text only
      text: { type: "mrkdwn", text: "Title" },
    };
    const go: Button = {
      type: "button",
      action_id: "go",
      // @ts-expect-error a button's text is plain_text only
      text: { type: "mrkdwn", text: "Go" },
    };
    // @ts-expect-error a number input must say whether decimals are allowed
    const count: NumberInput = { type: "number_input", action_id: "n" };
    const note: SectionBlock = {
      type: "section",
      // @ts-expect-error emoji belongs to plain_text only
      text: { type: "mrkdwn", text: "*note*", emoji: true },
    };
    // @ts-expect-error a modal needs a title
    const form: ModalView = {
      type: "modal",
      blocks: [{ type: "input", label: { type: "plain_text", text: "Count" }, element: count }],
    };

    expect(violations(message(header, actions(go), note))).toEqual([
      'blocks[0] (header): text must be plain_text, not "mrkdwn" [header.text]',
      'blocks[1] (actions).elements[0] (button): text must be plain_text, not "mrkdwn" [button.text]',
      "blocks[2] (section).text: emoji is only for plain_text, not mrkdwn [text.emoji]",
    ]);
    expect(violations({ call: "views.open", args: { trigger_id: "1.2.abc", view: form } })).toEqual([
      "view: title is required [modal.title]",
      "view: a modal with input blocks needs a submit button [modal.submit.required]",
      "view.blocks[0] (input).element (number_input): is_decimal_allowed must be true or false, got nothing [number_input.is_decimal_allowed]",
    ]);
  });
});
