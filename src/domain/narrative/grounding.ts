/**
 * The check a narrative must pass before it is posted: every number it states is one of the
 * computed figures, it is short plain prose, and it holds nothing Slack would act on.
 *
 * The rules, checked in this order (the first failure is the reason):
 * 1. Not empty (after trimming), at most `maxChars` characters, one paragraph (no line breaks).
 * 2. No control characters and no invisible formatting characters (zero-width, bidi overrides,
 *    soft hyphen): they can hide or reorder what a reader sees.
 * 3. None of `<` `>` `&` (Slack's control characters: `<!channel>`, `<@U123>`, `<url|text>`,
 *    `&lt;`), no `@` (mentions, e-mail), no `!here` / `!channel` / `!everyone`, no Slack ids
 *    (U0123ABCD), no URLs (`scheme://`, `www.`, `mailto:`, bare domains like example.com).
 * 4. No mrkdwn or Markdown markup: `*` `~` `` ` `` `|` `#` `[` `]` `{` `}` `\`, `_` at a word's edge
 *    (inside a word, as in the zone name "America/New_York", it is inert), or `:emoji:` codes.
 * 5. At most `maxSentences` sentences (a sentence ends at `.`, `!` or `?` before a space or the end).
 * 6. Every number is allowed:
 *    - digits are read as whole numbers: "1,531" (commas only in groups of three), "12.5", "$4,500"
 *      (4500), "97%", "-12%" and "+3" (12 and 3: signs and hyphens are not read, so a date
 *      "2025-03-06" is 2025, 3 and 6, and "28-day" is 28); a run that is not a well-formed number
 *      ("1,2345", "1.2.3") is rejected;
 *    - the words zero to twenty, and twenty-one to ninety-nine ("thirty-two"), count as numbers;
 *      "hundred", "thousand", "million", "billion", "dozen" are rejected (figures go in digits),
 *      and so are ratio words ("half", "double(d)", "twice", "triple(d)", "threefold"): a ratio is a
 *      computed figure that is not among the facts;
 *    - digits other than 0–9 (other scripts, superscripts, fractions like ½) are rejected;
 *    - a number is allowed when it equals, to 2 decimals, a member of `allowed`. Only magnitudes
 *      are compared, so the check cannot tell "up 12%" from "down 12%"; the model is told to use
 *      the signs given, and the template gets them right by construction.
 *    Ordinal words ("first", "second") are not read as numbers; "1st" is read as 1.
 */

export interface NarrativeLimits {
  maxChars: number;
  maxSentences: number;
}

export type NarrativeCheck = { ok: true } | { ok: false; reason: string };

export const defaultNarrativeLimits: NarrativeLimits = { maxChars: 700, maxSentences: 6 };

const smallNumbers = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
] as const;
const tens = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"] as const;

const numberWords = new RegExp(
  `\\b(?:(${tens.join("|")})(?:[- ](${smallNumbers.slice(1, 10).join("|")}))?|(${smallNumbers.join("|")}))\\b`,
  "gi",
);
const largeNumberWords = /\b(hundreds?|thousands?|millions?|billions?|dozens?)\b/i;
const ratioWords =
  /\b(half|halved|halving|double[sd]?|doubling|twice|triple[sd]?|tripling|quadruple[sd]?|(?:two|three|four|five|ten|\d+)-?fold)\b/i;

// biome-ignore lint/suspicious/noControlCharactersInRegex: detecting control characters is the point
const controlCharacters = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const invisibleCharacters = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF]/;
const slackControl = /[<>&@]/;
const specialMention = /!(here|channel|everyone|subteam)\b/i;
const slackId = /\b[UWCGBTS](?=[A-Z0-9]*\d)[A-Z0-9]{8,}\b/;
const urlPatterns = [
  /\b[a-z][a-z0-9+.-]*:\/\//i,
  /\bwww\./i,
  /\bmailto:/i,
  /\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|gov|edu|mil|int|io|ai|co|us|uk|info|biz|ly|me|app|dev|xyz|gg|tv)\b/i,
];
const markup = /[*~`|#[\]{}\\]/;
// "_" is italics only at a word's edge ("_down_"); inside a name ("America/New_York") it is inert.
const edgeUnderscore = /(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/;
const emojiCode = /:[a-z0-9][a-z0-9_+-]*:/i;
const otherDigits = /(?![0-9])[\p{Nd}\p{No}]/u;
const numberRun = /[0-9][0-9.,]*/g;
const wellFormed = /^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;

/** Numbers compare to 2 decimals, so "12.50" matches 12.5 and float noise does not matter. */
const key = (n: number) => Math.round(n * 100) / 100;

function fail(reason: string): NarrativeCheck {
  return { ok: false, reason };
}

/** The sentences of `text`: pieces ending at `.`, `!` or `?` before a space or the end of the text. */
export function countSentences(text: string): number {
  return text.split(/[.!?]+(?=\s|$)/).filter((piece) => /[\p{L}\p{N}]/u.test(piece)).length;
}

/** Every number stated in `text`, as written and as read; or the first unreadable one. */
export function numbersIn(
  text: string,
): { ok: true; numbers: { written: string; value: number }[] } | { ok: false; reason: string } {
  const numbers: { written: string; value: number }[] = [];
  for (const match of text.matchAll(numberRun)) {
    const written = match[0].replace(/[.,]+$/, "");
    if (!wellFormed.test(written)) return { ok: false, reason: `unreadable number "${written}"` };
    numbers.push({ written, value: Number(written.replace(/,/g, "")) });
  }
  for (const match of text.matchAll(numberWords)) {
    const [written, tensWord, unitWord, smallWord] = match;
    let value: number;
    if (tensWord) {
      value = (tens.indexOf(tensWord.toLowerCase() as (typeof tens)[number]) + 2) * 10;
      if (unitWord) value += smallNumbers.indexOf(unitWord.toLowerCase() as (typeof smallNumbers)[number]);
    } else {
      value = smallNumbers.indexOf((smallWord ?? "").toLowerCase() as (typeof smallNumbers)[number]);
    }
    numbers.push({ written, value });
  }
  return { ok: true, numbers };
}

/**
 * Whether `text` may be posted as the narrative of facts whose allowed numbers are `allowed`
 * (see allowedNumbers in facts.ts). The rules are listed at the top of this file.
 */
export function checkNarrative(
  text: string,
  allowed: Set<number>,
  limits: NarrativeLimits = defaultNarrativeLimits,
): NarrativeCheck {
  const trimmed = text.trim();
  if (trimmed === "") return fail("empty text");
  if (text.length > limits.maxChars) {
    return fail(`too long: ${text.length} characters (at most ${limits.maxChars})`);
  }
  if (/[\n\r\u2028\u2029]/.test(trimmed)) return fail("more than one line (a narrative is one paragraph)");
  if (controlCharacters.test(text)) return fail("contains a control character");
  if (invisibleCharacters.test(text)) return fail("contains an invisible formatting character");
  const control = slackControl.exec(text);
  if (control) return fail(`contains "${control[0]}" (Slack markup or a mention)`);
  if (specialMention.test(text)) return fail("contains a Slack special mention");
  if (slackId.test(text)) return fail("contains a Slack id");
  if (urlPatterns.some((pattern) => pattern.test(text))) return fail("contains a URL or domain");
  const mark = markup.exec(text);
  if (mark) return fail(`contains markup "${mark[0]}"`);
  if (edgeUnderscore.test(text)) return fail('contains markup "_"');
  if (emojiCode.test(text)) return fail("contains an emoji code");
  const sentences = countSentences(trimmed);
  if (sentences > limits.maxSentences) {
    return fail(`too many sentences: ${sentences} (at most ${limits.maxSentences})`);
  }
  if (otherDigits.test(text)) return fail("contains a digit other than 0-9");
  const large = largeNumberWords.exec(text);
  if (large) return fail(`spelled-out number "${large[0]}" (figures must be written in digits)`);
  const ratio = ratioWords.exec(text);
  if (ratio) return fail(`ratio word "${ratio[0]}" is not one of the computed figures`);
  const read = numbersIn(text);
  if (!read.ok) return fail(read.reason);
  const permitted = new Set([...allowed].map((n) => key(Math.abs(n))));
  for (const { written, value } of read.numbers) {
    if (!permitted.has(key(value))) return fail(`number "${written}" is not one of the computed figures`);
  }
  return { ok: true };
}
