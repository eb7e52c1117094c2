// Block Kit as HTML for the local console: each message, modal and Home view as Slack draws it,
// from the JSON the bot sent. Pure functions. Interactive elements carry data-* hooks and stateful
// ones are named form controls, so the page's script can send block actions and rebuild
// view.state.values; this module draws and never acts.
import { unescapeSlack } from "../../domain/text/escape.js";
import { isRecord, type Json } from "../../emulator/json-values.js";
import { attributes, escapeHtml, isSafeUrl, isWebUrl, tag } from "./html.js";
import { type RenderContext, renderMrkdwn, renderPlainText } from "./mrkdwn.js";
import { renderRichText } from "./rich-text.js";

export { type RenderContext, renderMrkdwn } from "./mrkdwn.js";

/** Values as Slack keeps them in view.state.values: block id → action id → the element's state. */
type StateValues = Record<string, Record<string, unknown>>;

interface Scope {
  ctx: RenderContext;
  errors: Record<string, string>;
  values: StateValues;
}

/** A message (chat.postMessage/postEphemeral/update or a response_url body): its blocks, or its text when it has none. */
export function renderMessageHtml(
  message: { text?: string; blocks?: unknown[] },
  ctx: RenderContext,
): string {
  const scope: Scope = { ctx, errors: {}, values: {} };
  const inner =
    Array.isArray(message.blocks) && message.blocks.length > 0
      ? renderBlocks(message.blocks, scope)
      : typeof message.text === "string" && message.text !== ""
        ? tag("div", { class: "sk-message-text sk-text" }, renderMrkdwn(message.text, ctx))
        : "";
  return tag("div", { class: "sk-message-content" }, inner);
}

/**
 * A modal or Home view (as the bot sent it to views.open/push/update/publish); `errors` from
 * response_action: errors are shown under their input blocks (keyed by block_id); `values`
 * (view.state.values) pre-fill inputs when redrawn.
 */
export function renderViewHtml(
  view: Record<string, unknown>,
  ctx: RenderContext,
  options: { errors?: Record<string, string>; values?: Record<string, Record<string, unknown>> } = {},
): string {
  const scope: Scope = { ctx, errors: options.errors ?? {}, values: options.values ?? {} };
  const blocks = Array.isArray(view.blocks) ? renderBlocks(view.blocks, scope) : "";
  const hooks = {
    "data-view-type": view.type === "home" ? "home" : "modal",
    "data-view-id": stringOf(view.id),
    "data-callback-id": stringOf(view.callback_id),
  };
  if (view.type === "home") return tag("div", { class: "sk-home", ...hooks }, blocks);
  const header =
    tag("h2", { class: "sk-modal-title" }, plainTextHtml(view.title)) +
    tag(
      "button",
      { type: "button", class: "sk-modal-dismiss", "data-view-action": "close", "aria-label": "Close" },
      "×",
    );
  const close = tag(
    "button",
    { type: "button", class: "sk-button sk-modal-close", "data-view-action": "close" },
    view.close === undefined ? "Cancel" : plainTextHtml(view.close),
  );
  const submit =
    view.submit === undefined
      ? ""
      : tag(
          "button",
          {
            type: "submit",
            class: "sk-button sk-button-primary sk-modal-submit",
            "data-view-action": "submit",
          },
          plainTextHtml(view.submit),
        );
  return tag(
    "form",
    { class: "sk-modal", ...hooks, novalidate: true },
    tag("div", { class: "sk-modal-header" }, header) +
      tag("div", { class: "sk-modal-body" }, blocks) +
      tag("div", { class: "sk-modal-footer" }, close + submit),
  );
}

function renderBlocks(blocks: readonly unknown[], scope: Scope): string {
  return blocks.map((block) => (isRecord(block) ? renderBlock(block, scope) : "")).join("");
}

function renderBlock(block: Json, scope: Scope): string {
  const { ctx } = scope;
  const blockId = stringOf(block.block_id);
  const type = String(block.type);
  const attrs = (kind: string) => ({ class: `sk-block sk-${kind}`, "data-block-id": blockId });
  switch (type) {
    case "header":
      return tag("div", attrs("header"), textHtml(block.text, ctx));
    case "section":
      return tag("div", attrs("section"), sectionHtml(block, blockId, scope));
    case "divider":
      return `<hr${attributes(attrs("divider"))}>`;
    case "context":
      return tag(
        "div",
        attrs("context"),
        listOf(block.elements)
          .map((element) =>
            element.type === "image"
              ? imageHtml("sk-context-image", element, ctx)
              : tag("span", { class: "sk-context-text sk-text" }, textHtml(element, ctx)),
          )
          .join(""),
      );
    case "actions":
      return tag(
        "div",
        attrs("actions"),
        listOf(block.elements)
          .map((element) => elementHtml(element, blockId, scope))
          .join(""),
      );
    case "image": {
      const title = isRecord(block.title)
        ? tag("div", { class: "sk-image-title sk-text" }, textHtml(block.title, ctx))
        : "";
      return tag("div", attrs("image"), title + imageHtml("sk-image-img", block, ctx));
    }
    case "rich_text":
      return tag("div", attrs("rich-text sk-text"), renderRichText(block, ctx));
    case "input":
      return inputBlockHtml(block, blockId, scope);
    default:
      return tag(
        "div",
        { class: "sk-block sk-unsupported", "data-block-id": blockId, "data-type": type },
        escapeHtml(`[${type}]`),
      );
  }
}

function sectionHtml(block: Json, blockId: string | undefined, scope: Scope): string {
  const text = isRecord(block.text)
    ? tag("div", { class: "sk-section-text sk-text" }, textHtml(block.text, scope.ctx))
    : "";
  const fields = Array.isArray(block.fields)
    ? tag(
        "div",
        { class: "sk-fields" },
        listOf(block.fields)
          .map((field) => tag("div", { class: "sk-field sk-text" }, textHtml(field, scope.ctx)))
          .join(""),
      )
    : "";
  const accessory = isRecord(block.accessory)
    ? tag("div", { class: "sk-accessory" }, elementHtml(block.accessory, blockId, scope))
    : "";
  return tag("div", { class: "sk-section-body" }, text + fields) + accessory;
}

/** Slack marks the inputs a person may leave empty, and refuses to submit the others empty. */
function inputBlockHtml(block: Json, blockId: string | undefined, scope: Scope): string {
  const element = isRecord(block.element) ? block.element : {};
  const optional = block.optional === true;
  const label =
    plainTextHtml(block.label) + (optional ? tag("span", { class: "sk-optional" }, " (optional)") : "");
  const control = elementHtml(element, blockId, scope, !optional);
  // A group of checkboxes or radio buttons is named by a legend; a single control by the label around it.
  const field =
    element.type === "checkboxes" || element.type === "radio_buttons"
      ? tag(
          "fieldset",
          { class: "sk-input-field" },
          tag("legend", { class: "sk-input-label" }, label) + control,
        )
      : tag("label", { class: "sk-input-field" }, tag("span", { class: "sk-input-label" }, label) + control);
  const error = blockId === undefined ? undefined : scope.errors[blockId];
  const errorHtml =
    error === undefined ? "" : tag("div", { class: "sk-input-error", role: "alert" }, renderPlainText(error));
  const hint = isRecord(block.hint)
    ? tag("div", { class: "sk-hint sk-text" }, textHtml(block.hint, scope.ctx))
    : "";
  return tag(
    "div",
    { class: `sk-block sk-input${error === undefined ? "" : " sk-has-error"}`, "data-block-id": blockId },
    field + errorHtml + hint,
  );
}

/**
 * An interactive element. Every one carries data-type, data-action-id and data-block-id; the
 * stateful ones are form controls named "<block_id>/<action_id>", showing the state the view was
 * redrawn with, else the element's initial value.
 */
function elementHtml(element: Json, blockId: string | undefined, scope: Scope, required = false): string {
  const type = String(element.type);
  const actionId = stringOf(element.action_id) ?? "";
  const hooks = { "data-type": type, "data-action-id": actionId, "data-block-id": blockId ?? "" };
  const control = { name: `${blockId ?? ""}/${actionId}`, ...hooks };
  const stateOf = scope.values[blockId ?? ""]?.[actionId];
  const state = isRecord(stateOf) ? stateOf : undefined;
  /** The state's field when the view was redrawn with one (null: cleared), else the element's initial value. */
  const current = (stateKey: string, initialKey: string): unknown =>
    state && stateKey in state ? state[stateKey] : element[initialKey];
  const placeholder = plainTextOf(element.placeholder);
  switch (type) {
    case "button":
      return tag(
        "button",
        {
          type: "button",
          class: `sk-button${element.style === "primary" || element.style === "danger" ? ` sk-button-${element.style}` : ""}`,
          ...hooks,
          "data-value": stringOf(element.value),
          "data-url": safeUrlOf(element.url),
          "data-confirm": confirmOf(element),
          "aria-label": stringOf(element.accessibility_label),
        },
        plainTextHtml(element.text),
      );
    case "static_select": {
      const chosen = optionValues(current("selected_option", "initial_option"));
      return tag(
        "select",
        { class: "sk-select", ...control, required },
        tag("option", { value: "" }, escapeHtml(placeholder ?? "Select an item")) +
          optionsHtml(element, chosen),
      );
    }
    case "multi_static_select": {
      const chosen = optionValues(current("selected_options", "initial_options"));
      return tag(
        "select",
        {
          class: "sk-select sk-multi-select",
          ...control,
          multiple: true,
          required,
          "data-placeholder": placeholder ?? "Select options",
          "data-max-selected-items":
            typeof element.max_selected_items === "number" ? element.max_selected_items : undefined,
        },
        optionsHtml(element, chosen),
      );
    }
    case "users_select":
      return usersSelectHtml(
        stringOf(current("selected_user", "initial_user")),
        placeholder,
        control,
        required,
        scope,
      );
    case "overflow":
      return tag(
        "details",
        { class: "sk-overflow", ...hooks, "data-confirm": confirmOf(element) },
        tag("summary", { class: "sk-overflow-toggle", "aria-label": "More actions" }, "⋯") +
          tag(
            "div",
            { class: "sk-overflow-menu" },
            listOf(element.options)
              .map((option) =>
                tag(
                  "button",
                  {
                    type: "button",
                    class: "sk-overflow-option",
                    "data-value": stringOf(option.value),
                    "data-url": safeUrlOf(option.url),
                  },
                  plainTextHtml(option.text),
                ),
              )
              .join(""),
          ),
      );
    case "datepicker":
      return `<input${attributes({ type: "date", class: "sk-datepicker", ...control, value: stringOf(current("selected_date", "initial_date")), required })}>`;
    case "timepicker":
      return `<input${attributes({ type: "time", class: "sk-timepicker", ...control, value: stringOf(current("selected_time", "initial_time")), required })}>`;
    case "plain_text_input": {
      const value = stringOf(current("value", "initial_value"));
      const attrs = {
        ...control,
        placeholder,
        minlength: typeof element.min_length === "number" ? element.min_length : undefined,
        maxlength: typeof element.max_length === "number" ? element.max_length : undefined,
        required,
      };
      if (element.multiline === true) {
        // The HTML parser drops one line break that opens a textarea: write one more so the value keeps its own.
        const text = value ?? "";
        return tag(
          "textarea",
          { class: "sk-text-input sk-textarea", ...attrs },
          (text.startsWith("\n") ? "\n" : "") + escapeHtml(text),
        );
      }
      return `<input${attributes({ type: "text", class: "sk-text-input", ...attrs, value })}>`;
    }
    case "number_input":
      return `<input${attributes({
        type: "number",
        class: "sk-number-input",
        ...control,
        placeholder,
        step: element.is_decimal_allowed === true ? "any" : "1",
        min: stringOf(element.min_value),
        max: stringOf(element.max_value),
        value: stringOf(current("value", "initial_value")),
        required,
      })}>`;
    case "checkboxes":
    case "radio_buttons": {
      const chosen = optionValues(
        type === "checkboxes"
          ? current("selected_options", "initial_options")
          : current("selected_option", "initial_option"),
      );
      const inputType = type === "checkboxes" ? "checkbox" : "radio";
      const options = listOf(element.options)
        .map((option) => {
          const value = stringOf(option.value) ?? "";
          const description = isRecord(option.description)
            ? tag("span", { class: "sk-option-description sk-text" }, textHtml(option.description, scope.ctx))
            : "";
          return tag(
            "label",
            { class: "sk-option" },
            `<input${attributes({ type: inputType, ...control, value, checked: chosen.has(value), required: required && inputType === "radio" })}>` +
              tag("span", { class: "sk-option-text sk-text" }, textHtml(option.text, scope.ctx)) +
              description,
          );
        })
        .join("");
      return tag("div", { class: `sk-${type.replace("_", "-")}`, ...hooks }, options);
    }
    case "image":
      return imageHtml("sk-image-element", element, scope.ctx);
    default:
      return tag("span", { class: "sk-unsupported", ...hooks }, escapeHtml(`[${type}]`));
  }
}

/** Slack's users_select searches the workspace; the console offers the people it knows, and always the one chosen. */
function usersSelectHtml(
  chosen: string | undefined,
  placeholder: string | undefined,
  control: Record<string, string>,
  required: boolean,
  scope: Scope,
): string {
  const users = [...(scope.ctx.knownUsers?.() ?? [])];
  if (chosen && !users.some((u) => u.id === chosen)) {
    users.unshift({ id: chosen, name: scope.ctx.userName(chosen) ?? chosen });
  }
  const options = users
    .map((u) => tag("option", { value: u.id, selected: u.id === chosen }, escapeHtml(u.name)))
    .join("");
  return tag(
    "select",
    { class: "sk-select sk-users-select", ...control, required },
    tag("option", { value: "" }, escapeHtml(placeholder ?? "Select a user")) + options,
  );
}

function optionsHtml(element: Json, chosen: ReadonlySet<string>): string {
  const options = (list: unknown) =>
    listOf(list)
      .map((option) => {
        const value = stringOf(option.value) ?? "";
        return tag("option", { value, selected: chosen.has(value) }, plainTextHtml(option.text));
      })
      .join("");
  const groups = listOf(element.option_groups)
    .map((group) => tag("optgroup", { label: plainTextOf(group.label) ?? "" }, options(group.options)))
    .join("");
  return options(element.options) + groups;
}

/** The values of an option or a list of options, as state and initial_option(s) hold them. */
function optionValues(selection: unknown): Set<string> {
  const list = Array.isArray(selection) ? selection : [selection];
  return new Set(list.filter(isRecord).flatMap((o) => (typeof o.value === "string" ? [o.value] : [])));
}

function imageHtml(className: string, image: Json, ctx: RenderContext): string {
  const alt = typeof image.alt_text === "string" ? image.alt_text : "";
  const file = isRecord(image.slack_file) ? image.slack_file : undefined;
  const src =
    typeof image.image_url === "string" && isWebUrl(image.image_url)
      ? image.image_url
      : typeof file?.id === "string"
        ? ctx.fileUrl(file.id)
        : typeof file?.url === "string" && isWebUrl(file.url)
          ? file.url
          : undefined;
  if (src === undefined)
    return tag("span", { class: `${className} sk-image-unavailable` }, escapeHtml(`[image: ${alt}]`));
  return `<img${attributes({ class: className, src, alt })}>`;
}

/** A text object's HTML: mrkdwn rendered, plain_text with its escapes undone. */
function textHtml(value: unknown, ctx: RenderContext): string {
  if (!isRecord(value) || typeof value.text !== "string") return "";
  return value.type === "mrkdwn"
    ? renderMrkdwn(value.text, ctx)
    : renderPlainText(value.text, value.emoji !== false);
}

function plainTextHtml(value: unknown): string {
  return isRecord(value) && typeof value.text === "string"
    ? renderPlainText(value.text, value.emoji !== false)
    : "";
}

/** A plain_text object as an attribute holds it (placeholders, labels of option groups). */
function plainTextOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value.text === "string" ? unescapeSlack(value.text) : undefined;
}

function confirmOf(element: Json): string | undefined {
  return isRecord(element.confirm) ? JSON.stringify(element.confirm) : undefined;
}

function safeUrlOf(value: unknown): string | undefined {
  return typeof value === "string" && isSafeUrl(value) ? value : undefined;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

function listOf(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}
