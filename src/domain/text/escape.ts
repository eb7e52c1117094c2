/**
 * Slack treats `&`, `<` and `>` as control characters in mrkdwn: `<!channel>` pings everyone and
 * `<https://evil|bank>` disguises a link. Any text a user typed is escaped before it is echoed.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

// Echoed input must stay short and inert inside a mrkdwn code span: cut, no backticks, escaped.
export function quoteInput(raw: string, max = 40): string {
  const chars = [...raw];
  const short = chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : raw;
  return escapeMrkdwn(short.replace(/`/g, "'"));
}

/** Reverses Slack's own escaping of command text (`should_escape` sends `&amp;`, `&lt;`, `&gt;`). */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

// Bidi overrides and isolates can make text read differently from what it is; zero-width
// characters hide inside names and case numbers. Neither belongs in a record.
const invisibleControls = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u00AD]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is this regex's purpose
const asciiControls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function stripControlCharacters(text: string): string {
  return text.replace(invisibleControls, "").replace(asciiControls, "");
}
