// A rich_text block as HTML. Its text is literal (no mrkdwn, no escapes to undo); styles, mentions
// and links are explicit objects.
import { isRecord, type Json } from "../../emulator/json-values.js";
import { escapeHtml, isSafeUrl, tag } from "./html.js";
import { emojiOf, type RenderContext } from "./mrkdwn.js";

export function renderRichText(block: Json, ctx: RenderContext): string {
  return itemsOf(block)
    .map((element) => richBlock(element, ctx))
    .join("");
}

function richBlock(element: Json, ctx: RenderContext): string {
  switch (element.type) {
    case "rich_text_section":
      return tag("div", { class: "sk-rich-section" }, inline(element, ctx));
    case "rich_text_preformatted":
      return tag("pre", { class: "sk-pre" }, inline(element, ctx, true));
    case "rich_text_quote":
      return tag("blockquote", { class: "sk-quote" }, inline(element, ctx));
    case "rich_text_list": {
      const ordered = element.style === "ordered";
      const indent = typeof element.indent === "number" ? element.indent : 0;
      const offset = typeof element.offset === "number" ? element.offset : 0;
      const items = itemsOf(element)
        .map((item) => tag("li", {}, inline(item, ctx)))
        .join("");
      return tag(
        ordered ? "ol" : "ul",
        { class: `sk-rich-list sk-indent-${indent}`, start: ordered && offset ? offset + 1 : undefined },
        items,
      );
    }
    default:
      return "";
  }
}

function inline(container: Json, ctx: RenderContext, preformatted = false): string {
  const html = itemsOf(container)
    .map((element) => styled(inlineElement(element, ctx), element.style))
    .join("");
  return preformatted ? html : html.replaceAll("\n", "<br>");
}

function inlineElement(element: Json, ctx: RenderContext): string {
  const text = typeof element.text === "string" ? element.text : "";
  switch (element.type) {
    case "text":
      return escapeHtml(text);
    case "link": {
      const url = typeof element.url === "string" ? element.url : "";
      const label = escapeHtml(text || url);
      return isSafeUrl(url)
        ? tag("a", { class: "sk-link", href: url, target: "_blank", rel: "noopener noreferrer" }, label)
        : label;
    }
    case "user": {
      const id = String(element.user_id ?? "");
      return tag("span", { class: "sk-mention" }, escapeHtml(`@${ctx.userName(id) ?? id}`));
    }
    case "usergroup":
      return tag("span", { class: "sk-mention" }, escapeHtml(`@${String(element.usergroup_id ?? "")}`));
    case "channel": {
      const id = String(element.channel_id ?? "");
      return tag("span", { class: "sk-channel" }, escapeHtml(`#${ctx.channelName(id) ?? id}`));
    }
    case "broadcast":
      return tag("span", { class: "sk-broadcast" }, escapeHtml(`@${String(element.range ?? "")}`));
    case "emoji":
      return escapeHtml(emojiText(element));
    case "date":
      return escapeHtml(String(element.fallback ?? element.timestamp ?? ""));
    default:
      return escapeHtml(text);
  }
}

/** An emoji by its code points (`unicode`, e.g. "1f44d-1f3fb") when given, else by name, else as its shortcode. */
function emojiText(element: Json): string {
  const name = String(element.name ?? "");
  if (typeof element.unicode === "string" && /^[0-9a-f]{1,6}(-[0-9a-f]{1,6})*$/i.test(element.unicode)) {
    const points = element.unicode.split("-").map((hex) => Number.parseInt(hex, 16));
    if (points.every((p) => p <= 0x10ffff)) return String.fromCodePoint(...points);
  }
  return emojiOf(name) ?? `:${name}:`;
}

function styled(html: string, style: unknown): string {
  if (!isRecord(style)) return html;
  let out = html;
  if (style.code === true) out = tag("code", { class: "sk-code" }, out);
  if (style.strike === true) out = `<s>${out}</s>`;
  if (style.italic === true) out = `<i>${out}</i>`;
  if (style.bold === true) out = `<b>${out}</b>`;
  return out;
}

function itemsOf(value: Json): Json[] {
  return Array.isArray(value.elements) ? value.elements.filter(isRecord) : [];
}
