import { stripControlCharacters, unescapeSlack } from "../text/escape.js";

/**
 * Tokens of `/tf` command text as Slack delivers it with `should_escape: true`:
 * mentions arrive as `<@U123|name>`, channels as `<#C123|name>`, and a literal `&`, `<`, `>` as
 * entities. Values with spaces are quoted, with straight or typographic quotes (Slack clients
 * "smarten" quotes as people type).
 */
export type Token =
  | { kind: "word"; value: string }
  | { kind: "option"; key: string; value: string }
  | { kind: "user"; id: string }
  | { kind: "channel"; id: string }
  | { kind: "usergroup"; id: string }
  | { kind: "special"; value: string };

export class TokenizeError extends Error {
  override name = "TokenizeError";
}

const openingQuotes: Record<string, string> = { '"': '"', "\u201C": "\u201D", "\u201E": "\u201D", "'": "'" };
const closingQuotes = new Set(['"', "\u201D", "\u201C", "'"]);

export function tokenize(rawText: string): Token[] {
  const text = stripControlCharacters(rawText).trim();
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i] ?? "")) {
      i++;
      continue;
    }
    if (text[i] === "<") {
      const end = text.indexOf(">", i);
      if (end === -1) throw new TokenizeError("A mention or link is missing its closing `>`.");
      tokens.push(slackReference(text.slice(i + 1, end)));
      i = end + 1;
      continue;
    }
    const [piece, next] = readPiece(text, i);
    tokens.push(classify(piece));
    i = next;
  }
  return tokens;
}

/** Reads one whitespace-delimited piece, keeping quoted spans (which may follow `key:`) whole. */
function readPiece(text: string, start: number): [{ raw: string; quotedFrom?: number }, number] {
  let raw = "";
  let quotedFrom: number | undefined;
  let i = start;
  while (i < text.length && !/\s/.test(text[i] ?? "")) {
    const ch = text[i] ?? "";
    const closing = openingQuotes[ch];
    // An apostrophe inside a word ("O'Neil") is not a quote.
    const isQuote = closing !== undefined && (ch !== "'" || raw === "" || raw.endsWith(":"));
    if (isQuote) {
      const end = findClosingQuote(text, i + 1, closing);
      if (end === -1) {
        throw new TokenizeError(
          `A quoted value starting with ${ch} has no closing quote. Write it as key:"two words".`,
        );
      }
      quotedFrom ??= raw.length;
      raw += text.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    raw += ch;
    i++;
  }
  return [{ raw, quotedFrom }, i];
}

function findClosingQuote(text: string, from: number, expected: string): number {
  for (let i = from; i < text.length; i++) {
    const ch = text[i] ?? "";
    if (ch === expected || (expected !== "'" && closingQuotes.has(ch) && ch !== "'")) return i;
  }
  return -1;
}

function classify(piece: { raw: string; quotedFrom?: number }): Token {
  const colon = piece.raw.indexOf(":");
  // `key:value` only when the colon comes before any quoted part: a quoted "a:b" stays a word.
  const isOption =
    colon > 0 &&
    (piece.quotedFrom === undefined || colon < piece.quotedFrom) &&
    /^[a-z][a-z0-9_-]*$/i.test(piece.raw.slice(0, colon));
  if (isOption) {
    const value = piece.raw.slice(colon + 1);
    return { kind: "option", key: piece.raw.slice(0, colon).toLowerCase(), value: unescapeSlack(value) };
  }
  return { kind: "word", value: unescapeSlack(piece.raw) };
}

function slackReference(inner: string): Token {
  const [target = ""] = inner.split("|");
  if (target.startsWith("@")) return { kind: "user", id: target.slice(1) };
  if (target.startsWith("#")) return { kind: "channel", id: target.slice(1) };
  if (target.startsWith("!subteam^")) return { kind: "usergroup", id: target.slice("!subteam^".length) };
  if (target.startsWith("!")) return { kind: "special", value: target.slice(1) };
  // A bare link Slack auto-formatted, e.g. a case URL: keep the visible text as a word.
  const label = inner.split("|")[1];
  return { kind: "word", value: unescapeSlack(label ?? target) };
}
