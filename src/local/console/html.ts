// The few HTML-building helpers the console's renderer shares. Everything a payload carries is
// text to these functions: it reaches the page only through escapeHtml or attributes().

/** Text as HTML text or a quoted attribute value: no input can open a tag or leave an attribute. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

export type AttributeValue = string | number | boolean | undefined;

/**
 * ` name="value"` for each attribute with a value, in the order given; `true` writes the bare name,
 * `false` and `undefined` leave the attribute out. Names are the renderer's own, never a payload's.
 */
export function attributes(attrs: Record<string, AttributeValue>): string {
  let out = "";
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    out += value === true ? ` ${name}` : ` ${name}="${escapeHtml(String(value))}"`;
  }
  return out;
}

/** An element with its attributes and already-rendered inner HTML. */
export function tag(name: string, attrs: Record<string, AttributeValue>, inner = ""): string {
  return `<${name}${attributes(attrs)}>${inner}</${name}>`;
}

/** Only these schemes become links or image sources: a `javascript:` or `data:` URL stays text. */
export function isSafeUrl(url: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(url);
}

export function isWebUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}
