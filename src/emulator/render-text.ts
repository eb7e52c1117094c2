// Slack messages and views as plain terminal text, so a person trying the bot in local mode can read its replies.
// This is a reading aid, not a renderer: layout is one block after another, and formatting marks stay as typed.

export interface RenderableMessage {
  text?: unknown;
  /** An array of blocks, or the JSON string a form-encoded call carries. */
  blocks?: unknown;
  attachments?: unknown;
}

type Json = Record<string, unknown>;

/** The blocks when there are any (Slack shows those and keeps `text` for notifications), else the text. */
export function renderMessage(message: RenderableMessage): string {
  const blocks = decode(message.blocks);
  const lines: string[] = [];
  if (Array.isArray(blocks) && blocks.length > 0) lines.push(renderBlocks(blocks));
  else if (typeof message.text === "string") lines.push(mrkdwnToPlain(message.text));
  const attachments = decode(message.attachments);
  if (Array.isArray(attachments)) {
    for (const attachment of attachments) {
      const body = isRecord(attachment) ? renderAttachment(attachment) : "";
      if (body) lines.push(prefixLines(body, "| "));
    }
  }
  return lines.join("\n");
}

/** A modal (title, blocks, then its buttons) or a Home tab (blocks only). */
export function renderView(view: unknown): string {
  const v = decode(view);
  if (!isRecord(v)) return "";
  const blocks = Array.isArray(v.blocks) ? renderBlocks(v.blocks) : "";
  if (v.type === "home") return blocks;
  const title = textOf(v.title);
  const buttons = [`[${textOf(v.close) || "Cancel"}]`, ...(v.submit ? [`[${textOf(v.submit)}]`] : [])].join(
    " ",
  );
  return [title, "=".repeat(title.length), blocks, buttons].filter((part) => part !== "").join("\n");
}

/**
 * Slack's mrkdwn as it reads on screen: <@U1|name> → @name, <url|label> → label (url), entities unescaped.
 * Code fences are dropped and their content kept verbatim on its own lines, so tables stay aligned.
 */
export function mrkdwnToPlain(text: string): string {
  const parts = text.split("```");
  // An unclosed fence is shown literally by Slack.
  if (parts.length % 2 === 0) parts.splice(-2, 2, `${parts.at(-2)}\`\`\`${parts.at(-1)}`);
  let out = "";
  parts.forEach((part, i) => {
    if (i % 2 === 0) {
      out += convertLinks(part);
      return;
    }
    const code = unescapeEntities(part.replace(/^\n/, "").replace(/\n$/, ""));
    const before = out === "" || out.endsWith("\n") ? "" : "\n";
    const next = parts[i + 1] ?? "";
    const after = next === "" || next.startsWith("\n") ? "" : "\n";
    out += `${before}${code}${after}`;
  });
  return out;
}

function convertLinks(text: string): string {
  const converted = text.replace(/<([^<>]*)>/g, (_whole, inner: string) => {
    const bar = inner.indexOf("|");
    const target = bar === -1 ? inner : inner.slice(0, bar);
    const label = bar === -1 ? undefined : inner.slice(bar + 1);
    if (target.startsWith("@")) return `@${label ?? target.slice(1)}`;
    if (target.startsWith("#")) return `#${label ?? target.slice(1)}`;
    if (target.startsWith("!subteam^")) return label ?? `@${target.slice("!subteam^".length)}`;
    if (target.startsWith("!date^")) return label ?? target;
    if (target.startsWith("!")) return `@${target.slice(1)}`;
    if (label === undefined || label === target) return target;
    if (target.startsWith("mailto:")) return label;
    return `${label} (${target})`;
  });
  return unescapeEntities(converted);
}

function renderBlocks(blocks: readonly unknown[]): string {
  return blocks
    .map((block) => (isRecord(block) ? renderBlock(block) : ""))
    .filter((line) => line !== "")
    .join("\n");
}

function renderBlock(block: Json): string {
  switch (block.type) {
    case "header": {
      const text = renderText(block.text);
      return `${text}\n${"=".repeat(text.length)}`;
    }
    case "section": {
      const lines: string[] = [];
      if (block.text !== undefined) lines.push(renderText(block.text));
      if (Array.isArray(block.fields)) lines.push(...block.fields.map(renderText));
      if (block.accessory !== undefined) lines.push(renderElement(block.accessory));
      return lines.join("\n");
    }
    case "divider":
      return "---";
    case "context":
      return elementsOf(block)
        .map((e) => (isRecord(e) && e.type === "image" ? renderElement(e) : renderText(e)))
        .join("  ");
    case "actions":
      return elementsOf(block).map(renderElement).join(" ");
    case "image":
      return `[image: ${String(block.alt_text ?? "")}]`;
    case "input": {
      const optional = block.optional === true ? " (optional)" : "";
      const hint = block.hint !== undefined ? `\n  ${renderText(block.hint)}` : "";
      return `${renderText(block.label)}${optional}: ${renderElement(block.element)}${hint}`;
    }
    case "rich_text":
      return elementsOf(block).map(renderRichText).join("\n");
    case "markdown":
      return typeof block.text === "string" ? unescapeEntities(block.text) : "";
    case "video":
      return `[video: ${textOf(block.title) || String(block.alt_text ?? "")}]`;
    default:
      return `[${String(block.type)}]`;
  }
}

function renderElement(element: unknown): string {
  if (!isRecord(element)) return "";
  const placeholder = textOf(element.placeholder);
  switch (element.type) {
    case "button":
      return `[${textOf(element.text)}]`;
    case "image":
      return `[image: ${String(element.alt_text ?? "")}]`;
    case "plain_text_input":
    case "number_input":
    case "email_text_input":
    case "url_text_input":
      return `[${String(element.initial_value ?? placeholder)}]`;
    case "datepicker":
      return `[${String(element.initial_date ?? (placeholder || "date"))}]`;
    case "timepicker":
      return `[${String(element.initial_time ?? (placeholder || "time"))}]`;
    case "checkboxes":
    case "radio_buttons": {
      const chosen = new Set(selectedValues(element));
      const [on, off] = element.type === "checkboxes" ? ["[x]", "[ ]"] : ["(o)", "( )"];
      return optionsOf(element)
        .map((o) => `${chosen.has(String(o.value)) ? on : off} ${textOf(o.text)}`)
        .join("  ");
    }
    case "overflow":
      return "[...]";
    default: {
      if (typeof element.type === "string" && element.type.includes("select")) {
        const initial = isRecord(element.initial_option) ? textOf(element.initial_option.text) : "";
        return `[${initial || placeholder || "Select"} ▾]`;
      }
      return `[${String(element.type)}]`;
    }
  }
}

function renderRichText(element: unknown): string {
  if (!isRecord(element)) return "";
  const inline = () => elementsOf(element).map(renderRichInline).join("");
  switch (element.type) {
    case "rich_text_section":
    case "rich_text_preformatted":
      return inline();
    case "rich_text_quote":
      return prefixLines(inline(), "> ");
    case "rich_text_list": {
      const indent = "  ".repeat(typeof element.indent === "number" ? element.indent : 0);
      const start = typeof element.offset === "number" ? element.offset : 0;
      return elementsOf(element)
        .map((item, i) => {
          const marker = element.style === "ordered" ? `${start + i + 1}. ` : "• ";
          return `${indent}${marker}${renderRichText(item)}`;
        })
        .join("\n");
    }
    default:
      return "";
  }
}

function renderRichInline(element: unknown): string {
  if (!isRecord(element)) return "";
  switch (element.type) {
    case "text":
      return String(element.text ?? "");
    case "link":
      return typeof element.text === "string" && element.text !== element.url
        ? `${element.text} (${String(element.url)})`
        : String(element.url ?? "");
    case "user":
      return `@${String(element.user_id)}`;
    case "usergroup":
      return `@${String(element.usergroup_id)}`;
    case "channel":
      return `#${String(element.channel_id)}`;
    case "broadcast":
      return `@${String(element.range)}`;
    case "emoji":
      return `:${String(element.name)}:`;
    case "date":
      return String(element.fallback ?? element.timestamp ?? "");
    default:
      return typeof element.text === "string" ? element.text : "";
  }
}

function renderAttachment(attachment: Json): string {
  const lines: string[] = [];
  for (const key of ["pretext", "title", "text"] as const) {
    if (typeof attachment[key] === "string" && attachment[key] !== "")
      lines.push(mrkdwnToPlain(attachment[key]));
  }
  if (Array.isArray(attachment.fields)) {
    for (const field of attachment.fields) {
      if (isRecord(field))
        lines.push(`${String(field.title ?? "")}: ${mrkdwnToPlain(String(field.value ?? ""))}`);
    }
  }
  if (Array.isArray(attachment.blocks)) lines.push(renderBlocks(attachment.blocks));
  return lines.join("\n");
}

/** A text object as displayed: mrkdwn converted, plain_text only unescaped. */
function renderText(value: unknown): string {
  if (!isRecord(value) || typeof value.text !== "string") return "";
  return value.type === "mrkdwn" ? mrkdwnToPlain(value.text) : unescapeEntities(value.text);
}

function textOf(value: unknown): string {
  return isRecord(value) && typeof value.text === "string" ? unescapeEntities(value.text) : "";
}

function elementsOf(value: Json): unknown[] {
  return Array.isArray(value.elements) ? value.elements : [];
}

function optionsOf(element: Json): Json[] {
  return Array.isArray(element.options) ? element.options.filter(isRecord) : [];
}

function selectedValues(element: Json): string[] {
  const initial = Array.isArray(element.initial_options) ? element.initial_options : [element.initial_option];
  return initial.filter(isRecord).map((o) => String(o.value));
}

function prefixLines(text: string, prefix: string): string {
  return text
    .split("\n")
    .map((line) => `${prefix}${line}`)
    .join("\n");
}

function unescapeEntities(text: string): string {
  return text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");
}

function decode(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
