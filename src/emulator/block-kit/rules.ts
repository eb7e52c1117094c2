// Slack's Block Kit rules, one table: what each says, the reference page it comes from, and its check.
// The emulator (check.ts) and the tests read this table; the limits are Slack's, as its reference
// pages state them, never our own guesses. Where a page leaves something unsaid (an empty options
// array, which blocks a Home tab shows), nothing is enforced.
import {
  canonicalJson,
  characters,
  decodeJson,
  describe,
  elementsOf,
  isMissing,
  isRecord,
  isTextObject,
  type Json,
  type Surface,
  surfaceNames,
  typeOf,
} from "./shape.js";

/** What each scope of a payload hands its rules. `type` is the block, element or view type rules filter on. */
export interface Scopes {
  /** A chat.* call's arguments or a response_url body, with `blocks` decoded. */
  message: { message: Json; blocks: unknown };
  /** A views.* call's arguments, with `view` decoded. */
  viewCall: { method: string; args: Json; view: unknown };
  view: { view: Json; type: "modal" | "home" };
  /** A message's or view's blocks array. */
  blocks: { blocks: readonly unknown[]; surface: Surface };
  block: { block: Json; type: string; surface: Surface };
  element: { element: Json; type: string; surface: Surface; blockType: string };
  /** An option, and the element type that holds it. */
  option: { option: Json; menu: string };
  optionGroup: { group: Json; menu: string };
  confirm: { confirm: Json };
  /** Any plain_text or mrkdwn object, wherever it sits. */
  text: { text: Json };
}
export type Scope = keyof Scopes;

/** A rule's findings: none, one, or several, each a sentence about the part it was handed. */
export type Findings = string | readonly string[] | undefined;

export interface Rule<S extends Scope> {
  /** Stable name, printed after each violation: `[section.text]`. */
  id: string;
  /** The rule in one sentence, as Slack's page states it. */
  says: string;
  /** The docs.slack.dev reference page it comes from. */
  source: string;
  scope: S;
  /** For blocks, elements and views: the types it applies to (all when absent). */
  types?: readonly string[];
  check(subject: Scopes[S]): Findings;
}

export type AnyRule = { [S in Scope]: Rule<S> }[Scope];

const DOCS = "https://docs.slack.dev/reference";
const doc = {
  postMessage: `${DOCS}/methods/chat.postMessage`,
  viewsOpen: `${DOCS}/methods/views.open`,
  viewsUpdate: `${DOCS}/methods/views.update`,
  modal: `${DOCS}/views/modal-views`,
  home: `${DOCS}/views/home-tab-views`,
  blocks: `${DOCS}/block-kit/blocks`,
  elements: `${DOCS}/block-kit/block-elements`,
  section: `${DOCS}/block-kit/blocks/section-block`,
  header: `${DOCS}/block-kit/blocks/header-block`,
  context: `${DOCS}/block-kit/blocks/context-block`,
  actions: `${DOCS}/block-kit/blocks/actions-block`,
  image: `${DOCS}/block-kit/blocks/image-block`,
  input: `${DOCS}/block-kit/blocks/input-block`,
  markdown: `${DOCS}/block-kit/blocks/markdown-block`,
  button: `${DOCS}/block-kit/block-elements/button-element`,
  datepicker: `${DOCS}/block-kit/block-elements/date-picker-element`,
  timepicker: `${DOCS}/block-kit/block-elements/time-picker-element`,
  plainTextInput: `${DOCS}/block-kit/block-elements/plain-text-input-element`,
  numberInput: `${DOCS}/block-kit/block-elements/number-input-element`,
  select: `${DOCS}/block-kit/block-elements/select-menu-element`,
  multiSelect: `${DOCS}/block-kit/block-elements/multi-select-menu-element`,
  overflow: `${DOCS}/block-kit/block-elements/overflow-menu-element`,
  checkboxes: `${DOCS}/block-kit/block-elements/checkboxes-element`,
  radio: `${DOCS}/block-kit/block-elements/radio-button-group-element`,
  imageElement: `${DOCS}/block-kit/block-elements/image-element`,
  text: `${DOCS}/block-kit/composition-objects/text-object`,
  option: `${DOCS}/block-kit/composition-objects/option-object`,
  optionGroup: `${DOCS}/block-kit/composition-objects/option-group-object`,
  confirm: `${DOCS}/block-kit/composition-objects/confirmation-dialog-object`,
  slackFile: `${DOCS}/block-kit/composition-objects/slack-file-object`,
} as const;

const ALL: readonly Surface[] = ["message", "modal", "home"];

/**
 * Block types and the surfaces each may appear on (the blocks reference). A file block only comes
 * back from Slack; apps cannot send one. Types whose page names no surfaces are allowed everywhere.
 */
const blockSurfaces: Record<string, readonly Surface[]> = {
  actions: ALL,
  alert: ["modal"],
  card: ALL,
  carousel: ["message", "home"],
  container: ["message"],
  context: ALL,
  context_actions: ALL,
  data_table: ALL,
  divider: ALL,
  file: [],
  header: ALL,
  image: ALL,
  input: ALL,
  markdown: ALL,
  plan: ALL,
  rich_text: ALL,
  section: ALL,
  table: ALL,
  task_card: ALL,
  video: ALL,
};

/** Elements the block elements reference limits to some surfaces; every other element works on all three. */
const elementSurfaces: Record<string, readonly Surface[]> = {
  datetimepicker: ["modal", "message"],
  email_text_input: ["modal"],
  file_input: ["modal"],
  number_input: ["modal"],
  url_text_input: ["modal"],
  rich_text_input: ["modal", "home"],
};

const selects = [
  "static_select",
  "external_select",
  "users_select",
  "conversations_select",
  "channels_select",
];
const multiSelects = selects.map((s) => `multi_${s}`);
const staticMenus = ["static_select", "multi_static_select"];
/** Option menus whose options can only use plain_text (the option object reference). */
const plainTextMenus = ["overflow", ...staticMenus, "external_select", "multi_external_select"];

const sectionAccessories = [
  "button",
  "checkboxes",
  "datepicker",
  "image",
  ...multiSelects,
  "overflow",
  "radio_buttons",
  ...selects,
  "timepicker",
  "workflow_button",
];
const actionsElements = [
  "button",
  "checkboxes",
  "datepicker",
  "datetimepicker",
  ...multiSelects,
  "overflow",
  "radio_buttons",
  "rich_text_input",
  ...selects,
  "timepicker",
  "workflow_button",
];
const inputElements = [
  "checkboxes",
  "datepicker",
  "datetimepicker",
  "email_text_input",
  "file_input",
  ...multiSelects,
  "number_input",
  "plain_text_input",
  "radio_buttons",
  "rich_text_input",
  ...selects,
  "timepicker",
  "url_text_input",
];
const withPlaceholder = [
  "datepicker",
  "timepicker",
  ...selects,
  ...multiSelects,
  "plain_text_input",
  "number_input",
  "email_text_input",
  "url_text_input",
  "rich_text_input",
];
const interactive = [...new Set([...actionsElements, ...inputElements])];

// ---- check builders: each returns the findings for one field, named as the payload names it ----

type TextType = "plain_text" | "mrkdwn";
const plain: readonly TextType[] = ["plain_text"];
const anyText: readonly TextType[] = ["plain_text", "mrkdwn"];

interface TextSpec {
  types: readonly TextType[];
  max: number;
  required?: boolean;
}

function textField(holder: Json, key: string, spec: TextSpec): string[] {
  return textObject(holder[key], spec, key);
}

/** A text object: present if required, of an allowed type, 1 to `max` characters (the text object's minimum is 1). */
function textObject(value: unknown, spec: TextSpec, name: string): string[] {
  if (value === undefined) return spec.required ? [`${name} is required`] : [];
  const kinds = spec.types.join(" or ");
  if (!isRecord(value) || typeof value.text !== "string")
    return [`${name} must be a ${kinds} text object, got ${describe(value)}`];
  const findings: string[] = [];
  if (!spec.types.some((type) => type === value.type))
    findings.push(`${name} must be ${kinds}, not ${JSON.stringify(value.type)}`);
  const length = characters(value.text);
  if (length === 0) findings.push(`${name} is empty`);
  else if (length > spec.max) findings.push(`${name} is ${length} characters (max ${spec.max})`);
  return findings;
}

function stringField(holder: Json, key: string, max: number, required = false): string[] {
  const value = holder[key];
  if (value === undefined) return required ? [`${key} is required`] : [];
  if (typeof value !== "string") return [`${key} must be a string, got ${describe(value)}`];
  const length = characters(value);
  return length > max ? [`${key} is ${length} characters (max ${max})`] : [];
}

function listField(holder: Json, key: string, limits: { max: number; min?: number; required?: boolean }) {
  const value = holder[key];
  if (value === undefined) return limits.required ? [`${key} is required`] : [];
  if (!Array.isArray(value)) return [`${key} must be an array, got ${describe(value)}`];
  if (value.length > limits.max) return [`${value.length} ${key} (max ${limits.max})`];
  if (limits.min !== undefined && value.length < limits.min)
    return [`${value.length} ${key} (min ${limits.min})`];
  return [];
}

function oneOf(holder: Json, key: string, allowed: readonly string[]): string[] {
  const value = holder[key];
  if (value === undefined || (typeof value === "string" && allowed.includes(value))) return [];
  return [
    `${key} must be ${allowed.map((a) => JSON.stringify(a)).join(" or ")}, not ${JSON.stringify(value)}`,
  ];
}

/** Elements of a slot that may only hold `allowed` types. */
function placement(block: Json, allowed: readonly string[], where: (slot: string) => string): string[] {
  return elementsOf(block).flatMap(({ element, slot }) => {
    const type = typeOf(element);
    if (type === undefined) return [`${slot} has no type`];
    return allowed.includes(type) ? [] : [where(`${slot} (${type})`)];
  });
}

function imageSource(image: Json, urlMax?: number): string[] {
  const hasUrl = image.image_url !== undefined;
  const file = image.slack_file;
  if (hasUrl === (file !== undefined)) return ["needs exactly one of image_url or slack_file"];
  if (hasUrl) return urlMax === undefined ? [] : stringField(image, "image_url", urlMax);
  if (!isRecord(file) || (file.url === undefined) === (file.id === undefined))
    return ["slack_file needs exactly one of url or id"];
  return [];
}

function inputBlocks(view: Json): Json[] {
  return (Array.isArray(view.blocks) ? view.blocks : []).filter(
    (b): b is Json => isRecord(b) && b.type === "input",
  );
}

function allOptions(element: Json): unknown[] {
  const groups = Array.isArray(element.option_groups) ? element.option_groups : [];
  return [
    ...(Array.isArray(element.options) ? element.options : []),
    ...groups.flatMap((g) => (isRecord(g) && Array.isArray(g.options) ? g.options : [])),
  ];
}

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;
function isCalendarDate(text: string): boolean {
  const [, y, m, d] = text.match(isoDate) ?? [];
  if (!y || !m || !d) return false;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return (
    date.getUTCFullYear() === Number(y) &&
    date.getUTCMonth() === Number(m) - 1 &&
    date.getUTCDate() === Number(d)
  );
}

function hasText(message: Json): boolean {
  return typeof message.text === "string" && message.text.trim() !== "";
}

// ---- the table ----

export const rules: readonly AnyRule[] = [
  // Messages
  {
    id: "message.content",
    says: "A message needs text, blocks or attachments; without any Slack answers no_text.",
    source: doc.postMessage,
    scope: "message",
    check: ({ message, blocks }) => {
      if (blocks !== undefined && blocks !== null) return undefined;
      const attachments = decodeJson(message.attachments);
      const hasAttachments = Array.isArray(attachments) && attachments.length > 0;
      return hasText(message) || hasAttachments
        ? undefined
        : "message has no text, blocks or attachments (Slack: no_text)";
    },
  },
  {
    id: "message.blocks",
    says: "`blocks` is a JSON-encoded array of blocks.",
    source: doc.postMessage,
    scope: "message",
    check: ({ blocks }) => {
      if (blocks === undefined || blocks === null || Array.isArray(blocks)) return undefined;
      return typeof blocks === "string"
        ? "`blocks` is not valid JSON"
        : `\`blocks\` must be an array, got ${describe(blocks)}`;
    },
  },
  {
    id: "message.fallback",
    says: "With blocks, `text` is the fallback that notifications and screen readers use, so it must be given.",
    source: doc.postMessage,
    scope: "message",
    check: ({ message, blocks }) =>
      Array.isArray(blocks) && blocks.length > 0 && !hasText(message)
        ? "blocks sent without a non-empty `text` fallback (used by notifications and screen readers)"
        : undefined,
  },

  // View calls
  {
    id: "views.trigger",
    says: "views.open and views.push need a trigger_id or an interactivity_pointer.",
    source: doc.viewsOpen,
    scope: "viewCall",
    check: ({ method, args }) =>
      (method === "views.open" || method === "views.push") &&
      isMissing(args.trigger_id) &&
      isMissing(args.interactivity_pointer)
        ? "needs a trigger_id or interactivity_pointer"
        : undefined,
  },
  {
    id: "views.update.target",
    says: "views.update names the view to update with a view_id or an external_id.",
    source: doc.viewsUpdate,
    scope: "viewCall",
    check: ({ method, args }) =>
      method === "views.update" && isMissing(args.view_id) && isMissing(args.external_id)
        ? "needs a view_id or external_id"
        : undefined,
  },
  {
    id: "view.json",
    says: "`view` is a JSON-encoded view object.",
    source: doc.modal,
    scope: "viewCall",
    check: ({ view }) => {
      if (view === undefined || isRecord(view)) return undefined;
      return typeof view === "string"
        ? "`view` is not valid JSON"
        : `\`view\` must be an object, got ${describe(view)}`;
    },
  },
  {
    id: "view.type",
    says: "views.open, views.push and views.update take a modal view; views.publish takes a home view.",
    source: doc.home,
    scope: "viewCall",
    check: ({ method, view }) => {
      if (!isRecord(view)) return undefined;
      const expected = method === "views.publish" ? "home" : "modal";
      return view.type === expected
        ? undefined
        : `view.type must be "${expected}" for ${method}, got ${JSON.stringify(view.type)}`;
    },
  },

  // Views
  {
    id: "view.blocks",
    says: "A view's blocks are an array (required).",
    source: doc.modal,
    scope: "view",
    check: ({ view }) => (Array.isArray(view.blocks) ? undefined : "blocks must be an array"),
  },
  {
    id: "modal.title",
    says: "A modal's title is a plain_text object of at most 24 characters (required).",
    source: doc.modal,
    scope: "view",
    types: ["modal"],
    check: ({ view }) => textField(view, "title", { types: plain, max: 24, required: true }),
  },
  {
    id: "modal.close",
    says: "A modal's close button text is a plain_text object of at most 24 characters.",
    source: doc.modal,
    scope: "view",
    types: ["modal"],
    check: ({ view }) => textField(view, "close", { types: plain, max: 24 }),
  },
  {
    id: "modal.submit",
    says: "A modal's submit button text is a plain_text object of at most 24 characters.",
    source: doc.modal,
    scope: "view",
    types: ["modal"],
    check: ({ view }) => textField(view, "submit", { types: plain, max: 24 }),
  },
  {
    id: "modal.submit.required",
    says: "submit is required when an input block is within the blocks array.",
    source: doc.modal,
    scope: "view",
    types: ["modal"],
    check: ({ view }) =>
      view.submit === undefined && inputBlocks(view).length > 0
        ? "a modal with input blocks needs a submit button"
        : undefined,
  },
  {
    id: "view.private_metadata",
    says: "private_metadata is at most 3000 characters (modals and Home tabs).",
    source: doc.home,
    scope: "view",
    check: ({ view }) => stringField(view, "private_metadata", 3000),
  },
  {
    id: "view.callback_id",
    says: "callback_id is at most 255 characters (modals and Home tabs).",
    source: doc.home,
    scope: "view",
    check: ({ view }) => stringField(view, "callback_id", 255),
  },
  {
    id: "view.focus_on_load",
    says: "Only one element in a view can set focus_on_load to true.",
    source: doc.plainTextInput,
    scope: "view",
    check: ({ view }) => {
      const blocks = Array.isArray(view.blocks) ? view.blocks : [];
      const focused = blocks
        .filter(isRecord)
        .flatMap((b) => elementsOf(b))
        .filter(({ element }) => isRecord(element) && element.focus_on_load === true);
      return focused.length > 1 ? `${focused.length} elements set focus_on_load (only one may)` : undefined;
    },
  },

  // Blocks arrays
  {
    id: "blocks.max",
    says: "Up to 50 blocks in each message, and 100 blocks in modals or Home tabs.",
    source: doc.blocks,
    scope: "blocks",
    check: ({ blocks, surface }) => {
      const max = surface === "message" ? 50 : 100;
      return blocks.length > max
        ? `${blocks.length} blocks (a ${surfaceNames[surface]} allows at most ${max})`
        : undefined;
    },
  },
  {
    id: "block_id.unique",
    says: "A block_id is unique within its message or view.",
    source: doc.input,
    scope: "blocks",
    check: ({ blocks }) => {
      const seen = new Map<string, number>();
      const findings: string[] = [];
      blocks.forEach((block, i) => {
        if (!isRecord(block) || typeof block.block_id !== "string") return;
        const first = seen.get(block.block_id);
        if (first === undefined) seen.set(block.block_id, i);
        else findings.push(`block_id "${block.block_id}" is used by blocks ${first} and ${i}`);
      });
      return findings;
    },
  },
  {
    id: "markdown.total",
    says: "The cumulative limit for all markdown blocks in a single payload is 12,000 characters.",
    source: doc.markdown,
    scope: "blocks",
    check: ({ blocks }) => {
      const total = blocks
        .filter((b): b is Json => isRecord(b) && b.type === "markdown" && typeof b.text === "string")
        .reduce((sum, b) => sum + characters(String(b.text)), 0);
      return total > 12_000 ? `markdown blocks hold ${total} characters together (max 12000)` : undefined;
    },
  },

  // Every block
  {
    id: "block.type",
    says: "Each block has a type Slack knows, and that type is available on the surface it is sent to.",
    source: doc.blocks,
    scope: "block",
    check: ({ type, surface }) => {
      if (type === "") return "has no type";
      const surfaces = blockSurfaces[type];
      if (surfaces === undefined) return `Slack has no "${type}" block`;
      return surfaces.includes(surface)
        ? undefined
        : `a ${surfaceNames[surface]} cannot hold ${/^[aeiou]/.test(type) ? "an" : "a"} ${type} block`;
    },
  },
  {
    id: "block_id.max",
    says: "A block_id is at most 255 characters.",
    source: doc.section,
    scope: "block",
    check: ({ block }) => stringField(block, "block_id", 255),
  },
  {
    id: "action_id.unique",
    says: "An action_id is unique among all other action_ids in the containing block.",
    source: doc.button,
    scope: "block",
    check: ({ block }) => {
      const seen = new Set<string>();
      const findings: string[] = [];
      for (const { element } of elementsOf(block)) {
        if (!isRecord(element) || typeof element.action_id !== "string") continue;
        if (seen.has(element.action_id)) findings.push(`action_id "${element.action_id}" is used twice`);
        seen.add(element.action_id);
      }
      return findings;
    },
  },

  // Section
  {
    id: "section.content",
    says: "A section needs text, or fields when it has no text.",
    source: doc.section,
    scope: "block",
    types: ["section"],
    check: ({ block }) =>
      block.text === undefined && block.fields === undefined ? "needs text or fields" : undefined,
  },
  {
    id: "section.text",
    says: "A section's text is a text object (plain_text or mrkdwn) of 1 to 3000 characters.",
    source: doc.section,
    scope: "block",
    types: ["section"],
    check: ({ block }) => textField(block, "text", { types: anyText, max: 3000 }),
  },
  {
    id: "section.fields",
    says: "A section has at most 10 fields, each a text object of at most 2000 characters.",
    source: doc.section,
    scope: "block",
    types: ["section"],
    check: ({ block }) => {
      const count = listField(block, "fields", { max: 10 });
      if (count.length > 0 || !Array.isArray(block.fields)) return count;
      return block.fields.flatMap((field, i) =>
        textObject(field, { types: anyText, max: 2000 }, `fields[${i}]`),
      );
    },
  },
  {
    id: "section.accessory",
    says:
      "A section's accessory is a button, checkboxes, date picker, image, multi-select, overflow, radio buttons, " +
      "select, time picker or workflow button.",
    source: doc.section,
    scope: "block",
    types: ["section"],
    check: ({ block }) => placement(block, sectionAccessories, (at) => `${at} cannot be a section accessory`),
  },

  // Header
  {
    id: "header.text",
    says: "A header's text is a plain_text object of at most 150 characters (required).",
    source: doc.header,
    scope: "block",
    types: ["header"],
    check: ({ block }) => textField(block, "text", { types: plain, max: 150, required: true }),
  },

  // Context
  {
    id: "context.elements",
    says: "A context block holds 1 to 10 elements, each an image element or a text object (required).",
    source: doc.context,
    scope: "block",
    types: ["context"],
    check: ({ block }) => {
      const count = listField(block, "elements", { max: 10, required: true });
      if (count.length > 0 || !Array.isArray(block.elements)) return count;
      return block.elements.flatMap((element, i) => {
        if (isTextObject(element))
          return textObject(element, { types: anyText, max: 3000 }, `elements[${i}]`);
        const type = typeOf(element);
        return type === "image"
          ? []
          : [`elements[${i}] must be an image element or a text object, not ${type ?? describe(element)}`];
      });
    },
  },

  // Actions
  {
    id: "actions.elements",
    says:
      "An actions block holds up to 25 interactive elements: buttons, checkboxes, date and datetime pickers, " +
      "menus, overflow menus, radio buttons, rich text inputs, time pickers and workflow buttons (required).",
    source: doc.actions,
    scope: "block",
    types: ["actions"],
    check: ({ block }) => {
      const count = listField(block, "elements", { max: 25, required: true });
      return count.length > 0
        ? count
        : placement(block, actionsElements, (at) => `${at} cannot go in an actions block`);
    },
  },

  // Image block
  {
    id: "image.alt_text",
    says: "An image block's alt_text is a plain string of at most 2000 characters (required).",
    source: doc.image,
    scope: "block",
    types: ["image"],
    check: ({ block }) => stringField(block, "alt_text", 2000, true),
  },
  {
    id: "image.source",
    says: "An image block gives either an image_url (at most 3000 characters) or a slack_file (by url or id), not both.",
    source: doc.image,
    scope: "block",
    types: ["image"],
    check: ({ block }) => imageSource(block, 3000),
  },
  {
    id: "image.title",
    says: "An image block's title is a plain_text object of at most 2000 characters.",
    source: doc.image,
    scope: "block",
    types: ["image"],
    check: ({ block }) => textField(block, "title", { types: plain, max: 2000 }),
  },

  // Input
  {
    id: "input.label",
    says: "An input block's label is a plain_text object of at most 2000 characters (required).",
    source: doc.input,
    scope: "block",
    types: ["input"],
    check: ({ block }) => textField(block, "label", { types: plain, max: 2000, required: true }),
  },
  {
    id: "input.hint",
    says: "An input block's hint is a plain_text object of at most 2000 characters.",
    source: doc.input,
    scope: "block",
    types: ["input"],
    check: ({ block }) => textField(block, "hint", { types: plain, max: 2000 }),
  },
  {
    id: "input.element",
    says:
      "An input block holds one element: checkboxes, a date, datetime or time picker, an email, file, number, " +
      "plain-text, rich text or URL input, radio buttons, or a select or multi-select menu (required).",
    source: doc.input,
    scope: "block",
    types: ["input"],
    check: ({ block }) =>
      block.element === undefined
        ? "element is required"
        : placement(block, inputElements, (at) => `${at} cannot go in an input block`),
  },
  {
    id: "input.dispatch_action",
    says: "dispatch_action is incompatible with the file_input element.",
    source: doc.input,
    scope: "block",
    types: ["input"],
    check: ({ block }) =>
      block.dispatch_action === true && typeOf(block.element) === "file_input"
        ? "dispatch_action cannot be set with a file_input element"
        : undefined,
  },

  // Markdown block
  {
    id: "markdown.text",
    says: "A markdown block's text is a string of standard markdown (required).",
    source: doc.markdown,
    scope: "block",
    types: ["markdown"],
    check: ({ block }) => stringField(block, "text", 12_000, true),
  },

  // Every element
  {
    id: "element.surface",
    says:
      "Email, file, number and URL inputs work only in modals; datetime pickers in modals and messages; " +
      "rich text inputs in modals and Home tabs.",
    source: doc.elements,
    scope: "element",
    check: ({ type, surface }) => {
      const surfaces = elementSurfaces[type];
      if (surfaces === undefined || surfaces.includes(surface)) return undefined;
      return `${type} is not available in a ${surfaceNames[surface]} (only in ${surfaces.map((s) => `${surfaceNames[s]}s`).join(" and ")})`;
    },
  },
  {
    id: "action_id.max",
    says: "An action_id is at most 255 characters.",
    source: doc.button,
    scope: "element",
    types: interactive,
    check: ({ element }) => stringField(element, "action_id", 255),
  },
  {
    id: "element.placeholder",
    says: "A placeholder is a plain_text object of at most 150 characters.",
    source: doc.select,
    scope: "element",
    types: withPlaceholder,
    check: ({ element }) => textField(element, "placeholder", { types: plain, max: 150 }),
  },

  // Button
  {
    id: "button.text",
    says: "A button's text is a plain_text object of at most 75 characters (required).",
    source: doc.button,
    scope: "element",
    types: ["button"],
    check: ({ element }) => textField(element, "text", { types: plain, max: 75, required: true }),
  },
  {
    id: "button.value",
    says: "A button's value is at most 2000 characters.",
    source: doc.button,
    scope: "element",
    types: ["button"],
    check: ({ element }) => stringField(element, "value", 2000),
  },
  {
    id: "button.url",
    says: "A button's url is at most 3000 characters; a button with a url still sends an interaction payload.",
    source: doc.button,
    scope: "element",
    types: ["button"],
    check: ({ element }) => stringField(element, "url", 3000),
  },
  {
    id: "button.style",
    says: "A button's style is primary or danger; leave it out for the default.",
    source: doc.button,
    scope: "element",
    types: ["button"],
    check: ({ element }) => oneOf(element, "style", ["primary", "danger"]),
  },
  {
    id: "button.accessibility_label",
    says: "A button's accessibility_label is at most 75 characters.",
    source: doc.button,
    scope: "element",
    types: ["button"],
    check: ({ element }) => stringField(element, "accessibility_label", 75),
  },

  // Pickers and inputs
  {
    id: "datepicker.initial_date",
    says: "A date picker's initial_date is a date in the format YYYY-MM-DD.",
    source: doc.datepicker,
    scope: "element",
    types: ["datepicker"],
    check: ({ element }) => {
      const value = element.initial_date;
      if (value === undefined || (typeof value === "string" && isCalendarDate(value))) return undefined;
      return `initial_date must be a YYYY-MM-DD date, not ${JSON.stringify(value)}`;
    },
  },
  {
    id: "timepicker.initial_time",
    says: "A time picker's initial_time is HH:mm, hours 00 to 23 and minutes 00 to 59.",
    source: doc.timepicker,
    scope: "element",
    types: ["timepicker"],
    check: ({ element }) => {
      const value = element.initial_time;
      if (value === undefined || (typeof value === "string" && /^([01]\d|2[0-3]):[0-5]\d$/.test(value)))
        return undefined;
      return `initial_time must be HH:mm (00:00 to 23:59), not ${JSON.stringify(value)}`;
    },
  },
  {
    id: "plain_text_input.min_length",
    says: "A plain-text input's min_length is an integer from 0 to 3000.",
    source: doc.plainTextInput,
    scope: "element",
    types: ["plain_text_input"],
    check: ({ element }) => {
      const value = element.min_length;
      if (value === undefined || (Number.isInteger(value) && Number(value) >= 0 && Number(value) <= 3000))
        return undefined;
      return `min_length must be an integer from 0 to 3000, not ${JSON.stringify(value)}`;
    },
  },
  {
    id: "plain_text_input.max_length",
    says: "A plain-text input's max_length is an integer from 1 to 3000.",
    source: doc.plainTextInput,
    scope: "element",
    types: ["plain_text_input"],
    check: ({ element }) => {
      const value = element.max_length;
      if (value === undefined || (Number.isInteger(value) && Number(value) >= 1 && Number(value) <= 3000))
        return undefined;
      return `max_length must be an integer from 1 to 3000, not ${JSON.stringify(value)}`;
    },
  },
  {
    id: "number_input.is_decimal_allowed",
    says: "A number input says whether decimals are allowed with is_decimal_allowed (required boolean).",
    source: doc.numberInput,
    scope: "element",
    types: ["number_input"],
    check: ({ element }) =>
      typeof element.is_decimal_allowed === "boolean"
        ? undefined
        : `is_decimal_allowed must be true or false, got ${element.is_decimal_allowed === undefined ? "nothing" : describe(element.is_decimal_allowed)}`,
  },
  {
    id: "number_input.range",
    says: "A number input's min_value and max_value are numbers, and min_value cannot be greater than max_value.",
    source: doc.numberInput,
    scope: "element",
    types: ["number_input"],
    check: ({ element }) => {
      const findings: string[] = [];
      const bound = (key: string) => {
        const value = element[key];
        if (value === undefined) return undefined;
        const n = typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
        if (Number.isNaN(n))
          findings.push(`${key} must be a number in a string, not ${JSON.stringify(value)}`);
        return n;
      };
      const min = bound("min_value");
      const max = bound("max_value");
      if (min !== undefined && max !== undefined && min > max)
        findings.push(`min_value ${min} is greater than max_value ${max}`);
      return findings;
    },
  },

  // Menus
  {
    id: "select.options",
    says: "A static menu lists its choices in options or in option_groups, never both, with at most 100 of either.",
    source: doc.select,
    scope: "element",
    types: staticMenus,
    check: ({ element }) => {
      const hasOptions = element.options !== undefined;
      if (hasOptions === (element.option_groups !== undefined))
        return "needs exactly one of options or option_groups";
      return hasOptions
        ? listField(element, "options", { max: 100 })
        : listField(element, "option_groups", { max: 100 });
    },
  },
  {
    id: "select.initial_options",
    says: "A static menu's initial_option (or initial_options) exactly matches options within options or option_groups.",
    source: doc.select,
    scope: "element",
    types: staticMenus,
    check: ({ element }) => {
      const known = new Set(allOptions(element).map(canonicalJson));
      const initial = [
        ...(element.initial_option === undefined ? [] : [element.initial_option]),
        ...(Array.isArray(element.initial_options) ? element.initial_options : []),
      ];
      return initial
        .filter((o) => !known.has(canonicalJson(o)))
        .map(
          (o) =>
            `initial option ${isRecord(o) ? JSON.stringify(o.value) : describe(o)} is not one of its options`,
        );
    },
  },
  {
    id: "multi_select.max_selected_items",
    says: "A multi-select's max_selected_items is at least 1.",
    source: doc.multiSelect,
    scope: "element",
    types: multiSelects,
    check: ({ element }) => {
      const value = element.max_selected_items;
      return value === undefined || (Number.isInteger(value) && Number(value) >= 1)
        ? undefined
        : `max_selected_items must be an integer of at least 1, not ${JSON.stringify(value)}`;
    },
  },
  {
    id: "overflow.options",
    says: "An overflow menu lists up to five options (required).",
    source: doc.overflow,
    scope: "element",
    types: ["overflow"],
    check: ({ element }) => listField(element, "options", { max: 5, min: 1, required: true }),
  },
  {
    id: "checkboxes.options",
    says: "A checkbox group lists at most 10 options (required).",
    source: doc.checkboxes,
    scope: "element",
    types: ["checkboxes"],
    check: ({ element }) => listField(element, "options", { max: 10, required: true }),
  },
  {
    id: "radio_buttons.options",
    says: "A radio button group lists at most 10 options (required).",
    source: doc.radio,
    scope: "element",
    types: ["radio_buttons"],
    check: ({ element }) => listField(element, "options", { max: 10, required: true }),
  },
  {
    id: "image_element.source",
    says: "An image element has alt_text, and either an image_url or a slack_file (by url or id), not both.",
    source: doc.imageElement,
    scope: "element",
    types: ["image"],
    check: ({ element }) => [
      ...(typeof element.alt_text === "string" ? [] : ["alt_text is required"]),
      ...imageSource(element),
    ],
  },

  // Options
  {
    id: "option.text",
    says:
      "An option's text is at most 75 characters; overflow, select and multi-select menus take plain_text only, " +
      "radio buttons and checkboxes may use mrkdwn (required).",
    source: doc.option,
    scope: "option",
    check: ({ option, menu }) =>
      textField(option, "text", {
        types: plainTextMenus.includes(menu) ? plain : anyText,
        max: 75,
        required: true,
      }),
  },
  {
    id: "option.value",
    says: "An option's value is a unique string of at most 150 characters (required).",
    source: doc.option,
    scope: "option",
    check: ({ option }) => stringField(option, "value", 150, true),
  },
  {
    id: "option.description",
    says: "An option's description is plain_text (mrkdwn in checkboxes and radio buttons) of at most 75 characters.",
    source: doc.option,
    scope: "option",
    check: ({ option, menu }) =>
      textField(option, "description", {
        types: menu === "checkboxes" || menu === "radio_buttons" ? anyText : plain,
        max: 75,
      }),
  },
  {
    id: "option.url",
    says: "An option's url is only available in overflow menus, and is at most 3000 characters.",
    source: doc.option,
    scope: "option",
    check: ({ option, menu }) => {
      if (option.url === undefined) return undefined;
      return menu === "overflow"
        ? stringField(option, "url", 3000)
        : `url is only available in overflow menus, not a ${menu}`;
    },
  },
  {
    id: "option_group.label",
    says: "An option group's label is a plain_text object of at most 75 characters (required).",
    source: doc.optionGroup,
    scope: "optionGroup",
    check: ({ group }) => textField(group, "label", { types: plain, max: 75, required: true }),
  },
  {
    id: "option_group.options",
    says: "An option group holds at most 100 options (required).",
    source: doc.optionGroup,
    scope: "optionGroup",
    check: ({ group }) => listField(group, "options", { max: 100, required: true }),
  },

  // Confirmation dialogs
  {
    id: "confirm.title",
    says: "A confirmation dialog's title is a plain_text object of at most 100 characters (required).",
    source: doc.confirm,
    scope: "confirm",
    check: ({ confirm }) => textField(confirm, "title", { types: plain, max: 100, required: true }),
  },
  {
    id: "confirm.text",
    says: "A confirmation dialog's text is a plain_text object of at most 300 characters (required).",
    source: doc.confirm,
    scope: "confirm",
    check: ({ confirm }) => textField(confirm, "text", { types: plain, max: 300, required: true }),
  },
  {
    id: "confirm.confirm",
    says: "A confirmation dialog's confirm button text is a plain_text object of at most 30 characters (required).",
    source: doc.confirm,
    scope: "confirm",
    check: ({ confirm }) => textField(confirm, "confirm", { types: plain, max: 30, required: true }),
  },
  {
    id: "confirm.deny",
    says: "A confirmation dialog's deny button text is a plain_text object of at most 30 characters (required).",
    source: doc.confirm,
    scope: "confirm",
    check: ({ confirm }) => textField(confirm, "deny", { types: plain, max: 30, required: true }),
  },
  {
    id: "confirm.style",
    says: "A confirmation dialog's style is danger or primary (primary when left out).",
    source: doc.confirm,
    scope: "confirm",
    check: ({ confirm }) => oneOf(confirm, "style", ["primary", "danger"]),
  },

  // Text objects
  {
    id: "text.emoji",
    says: "emoji is only usable when the text object's type is plain_text.",
    source: doc.text,
    scope: "text",
    check: ({ text }) =>
      text.emoji !== undefined && text.type !== "plain_text"
        ? `emoji is only for plain_text, not ${text.type}`
        : undefined,
  },
  {
    id: "text.verbatim",
    says: "verbatim is only usable when the text object's type is mrkdwn.",
    source: doc.text,
    scope: "text",
    check: ({ text }) =>
      text.verbatim !== undefined && text.type !== "mrkdwn"
        ? `verbatim is only for mrkdwn, not ${text.type}`
        : undefined,
  },
];
