// Slack's mrkdwn as Slack's clients draw it, as HTML. Text arrives with Slack's own escapes
// (&amp; &lt; &gt;); only the `<…>` forms Slack defines become markup, and only http(s) and
// mailto targets become links. Any other character is text, escaped on the way out.
import { unescapeSlack } from "../../domain/text/escape.js";
import { escapeHtml, isSafeUrl, tag } from "./html.js";

export interface RenderContext {
  /** Display name for a user id, when known (shown as @name for <@U…>). */
  userName(userId: string): string | undefined;
  /** Channel name for a channel id, when known (shown as #name for <#C…>). */
  channelName(channelId: string): string | undefined;
  /** URL the page loads an uploaded file's bytes from (files uploaded with files.completeUploadExternal). */
  fileUrl(fileId: string): string;
  /** The people a users_select offers; without it, a users_select offers only the user already chosen. */
  knownUsers?(): readonly { id: string; name: string }[];
}

/** The emoji shortcodes the bot writes (src/slack); any other shortcode stays as typed, as Slack shows an unknown one. */
const emojiByName: Record<string, string> = {
  hourglass: "\u231B",
  warning: "\u26A0\uFE0F",
  white_check_mark: "\u2705",
};

export function emojiOf(name: string): string | undefined {
  return Object.hasOwn(emojiByName, name) ? emojiByName[name] : undefined;
}

/** mrkdwn text as Slack shows it. */
export function renderMrkdwn(text: string, ctx: RenderContext): string {
  const parts = text.split("```");
  // An unclosed fence is shown as typed.
  if (parts.length % 2 === 0) parts.splice(-2, 2, `${parts.at(-2)}\`\`\`${parts.at(-1)}`);
  let html = "";
  parts.forEach((part, i) => {
    if (i % 2 === 1) {
      const code = part.replace(/^\n/, "").replace(/\n$/, "");
      html += tag("pre", { class: "sk-pre" }, escapeHtml(unescapeSlack(code)));
      return;
    }
    // A fence is a block of its own: the line break that leads into or out of it is not a blank line.
    let segment = part;
    if (i > 0) segment = segment.replace(/^\n/, "");
    if (i < parts.length - 1) segment = segment.replace(/\n$/, "");
    html += renderLines(segment, ctx);
  });
  return html;
}

/** plain_text as Slack shows it: escapes undone, shortcodes as emoji unless `emoji` is false, line breaks kept. */
export function renderPlainText(text: string, emoji = true): string {
  const decoded = unescapeSlack(text);
  const html = emoji
    ? decoded
        .split(/(:[a-z0-9_+-]+:)/)
        .map((piece, i) => (i % 2 === 1 ? (emojiOf(piece.slice(1, -1)) ?? piece) : piece))
        .map(escapeHtml)
        .join("")
    : escapeHtml(decoded);
  return html.replaceAll("\n", "<br>");
}

const quoteMarker = /^(?:>|&gt;) ?/;
const quoteRestMarker = /^(?:>>>|&gt;&gt;&gt;) ?/;

/** Lines joined by <br>; `>` lines grouped in one quote, `>>>` quoting every line after it. */
function renderLines(segment: string, ctx: RenderContext): string {
  let html = "";
  let quote: string[] = [];
  let plain: string[] = [];
  let quotingRest = false;
  const flushPlain = () => {
    if (plain.length) html += plain.join("<br>");
    plain = [];
  };
  const flushQuote = () => {
    if (quote.length) html += tag("blockquote", { class: "sk-quote" }, quote.join("<br>"));
    quote = [];
  };
  for (const line of segment.split("\n")) {
    const rest = quotingRest ? undefined : quoteRestMarker.exec(line);
    if (rest) quotingRest = true;
    const marker = rest ?? (quotingRest ? undefined : quoteMarker.exec(line));
    if (marker || quotingRest) {
      flushPlain();
      quote.push(renderInline(line.slice(marker?.[0].length ?? 0), ctx));
    } else {
      flushQuote();
      plain.push(renderInline(line, ctx));
    }
  }
  flushPlain();
  flushQuote();
  return html;
}

/** One character of text, or a piece already rendered (code, a link, a mention, an emoji) that formatting wraps whole. */
type Unit = { char: string } | { html: string };

const entity = /&(amp|lt|gt);/y;
const inlineCode = /`([^`]+)`/y;
const angle = /<([^<>]*)>/y;
const shortcode = /:([a-z0-9_+-]+):/y;
const entityChars: Record<string, string> = { amp: "&", lt: "<", gt: ">" };

function renderInline(line: string, ctx: RenderContext): string {
  const units: Unit[] = [];
  let i = 0;
  while (i < line.length) {
    const token = tokenAt(line, i, ctx);
    if (token) {
      units.push(token.unit);
      i += token.length;
    } else {
      units.push({ char: line[i] as string });
      i++;
    }
  }
  return emphasize(units, 0, units.length);
}

/** The escape, code span, `<…>` form or emoji shortcode starting at `i`, if one does. */
function tokenAt(line: string, i: number, ctx: RenderContext): { unit: Unit; length: number } | undefined {
  const match = (pattern: RegExp) => {
    pattern.lastIndex = i;
    return pattern.exec(line) ?? undefined;
  };
  const found = (unit: Unit, length: number) => ({ unit, length });
  switch (line[i]) {
    case "&": {
      const m = match(entity);
      return m && found({ char: entityChars[m[1] as string] as string }, m[0].length);
    }
    case "`": {
      const m = match(inlineCode);
      return (
        m &&
        found(
          { html: tag("code", { class: "sk-code" }, escapeHtml(unescapeSlack(m[1] as string))) },
          m[0].length,
        )
      );
    }
    case "<": {
      const m = match(angle);
      const html = m && angleHtml(m[1] as string, ctx);
      return m && html !== undefined ? found({ html }, m[0].length) : undefined;
    }
    case ":": {
      const m = match(shortcode);
      const emoji = m && emojiOf(m[1] as string);
      return m && emoji !== undefined ? found({ html: escapeHtml(emoji) }, m[0].length) : undefined;
    }
    default:
      return undefined;
  }
}

const broadcasts = new Set(["channel", "here", "everyone"]);

/** A `<…>` form: a mention, a special, or a link. Anything else is not one of Slack's forms and stays as text. */
function angleHtml(inner: string, ctx: RenderContext): string | undefined {
  const bar = inner.indexOf("|");
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? undefined : unescapeSlack(inner.slice(bar + 1));
  const user = /^@([A-Z0-9]+)$/i.exec(target)?.[1];
  if (user)
    return tag("span", { class: "sk-mention" }, escapeHtml(`@${ctx.userName(user) ?? (label || user)}`));
  const channel = /^#([A-Z0-9]+)$/i.exec(target)?.[1];
  if (channel) {
    return tag(
      "span",
      { class: "sk-channel" },
      escapeHtml(`#${ctx.channelName(channel) ?? (label || channel)}`),
    );
  }
  if (target.startsWith("!")) return specialHtml(target.slice(1), label);
  if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) return undefined;
  const url = unescapeSlack(target);
  const text = escapeHtml(label || url);
  return isSafeUrl(url)
    ? tag("a", { class: "sk-link", href: url, target: "_blank", rel: "noopener noreferrer" }, text)
    : text;
}

/** `<!here>` and kin, user groups and dates; an unknown special is not drawn as one. */
function specialHtml(special: string, label: string | undefined): string | undefined {
  if (broadcasts.has(special)) return tag("span", { class: "sk-broadcast" }, `@${special}`);
  const group = /^subteam\^([A-Z0-9]+)$/i.exec(special)?.[1];
  if (group) return tag("span", { class: "sk-mention" }, escapeHtml(label || `@${group}`));
  const seconds = /^date\^(\d{1,12})\^/.exec(special)?.[1];
  if (seconds) {
    // Slack formats the date in the reader's time zone; the console does not know it, so it shows the fallback.
    const iso = new Date(Number(seconds) * 1000).toISOString().replace(/\.000Z$/, "Z");
    return tag("time", { class: "sk-date", datetime: iso }, escapeHtml(label || iso));
  }
  return undefined;
}

const emphasisTags: Record<string, string> = { "*": "b", _: "i", "~": "s" };
const wordChar = /[\p{L}\p{N}]/u;
const space = /\s/;

function charOf(unit: Unit | undefined): string | undefined {
  return unit !== undefined && "char" in unit ? unit.char : undefined;
}

/**
 * *bold*, _italic_ and ~strike~, nested as typed, inside one line. As in Slack, a mark opens only
 * where a word starts (not inside snake_case) and before a non-space, and closes after a non-space
 * where the word ends.
 */
function emphasize(units: readonly Unit[], from: number, to: number): string {
  let html = "";
  for (let i = from; i < to; i++) {
    const unit = units[i] as Unit;
    if ("html" in unit) {
      html += unit.html;
      continue;
    }
    const tagName = emphasisTags[unit.char];
    const close = tagName ? closerOf(units, i, to) : -1;
    if (tagName && close !== -1) {
      html += `<${tagName}>${emphasize(units, i + 1, close)}</${tagName}>`;
      i = close;
    } else {
      html += escapeHtml(unit.char);
    }
  }
  return html;
}

function closerOf(units: readonly Unit[], open: number, to: number): number {
  const mark = charOf(units[open]);
  const before = charOf(units[open - 1]);
  const after = charOf(units[open + 1]);
  if (open + 1 >= to || (before !== undefined && wordChar.test(before))) return -1;
  if (after !== undefined && space.test(after)) return -1;
  for (let j = open + 2; j < to; j++) {
    if (charOf(units[j]) !== mark) continue;
    const inside = charOf(units[j - 1]);
    const next = charOf(units[j + 1]);
    if (inside !== undefined && space.test(inside)) continue;
    if (next !== undefined && wordChar.test(next)) continue;
    return j;
  }
  return -1;
}
