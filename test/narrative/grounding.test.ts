import { describe, expect, it } from "vitest";
import { checkNarrative, countSentences, numbersIn } from "../../src/domain/narrative/grounding.js";

// The figures of an imaginary digest, as allowedNumbers would give them.
const allowed = new Set([1531, 97, -12, 12, 3, -3, 4500, 12.5, 2025, 6, 28, 8, 24, 0, 2024]);

describe("checkNarrative accepts grounded plain prose", () => {
  it.each([
    ["grouped thousands", "Shooting incidents stand at 1,531 year to date."],
    ["a percent", "Recoveries reached 97% of thefts."],
    ["a signed percent", "Shootings are down 12% (-12%) on the same period of 2024."],
    ["a signed change", "Firearms seized are up +3 on last year."],
    ["dollars with separators and cents", "Currency seized totals $4,500 ($4,500.00)."],
    ["a decimal", "Narcotics seized came to 12.5 grams, written 12.50 in the table."],
    ["spelled-out numbers", "Three shootings and zero deaths were reported, up three."],
    ["an ISO date, read as its parts", "As of 2025-03-06 the figures are preliminary."],
    ["a written date", "Preliminary figures as of March 6, 2025."],
    ["a hyphenated window", "The 28-day trend is down over the last 8 weeks and 24 hours."],
    ["an ordinal in digits", "This is the 3rd week in a row."],
    ["a number at a sentence end", "Shootings: 1,531. Recoveries: 97%."],
    ["six sentences", "Three. Six. Eight. Zero. Three. Six."],
    ["no numbers at all", "Figures are preliminary and unchanged."],
  ])("%s", (_name, text) => {
    expect(checkNarrative(text, allowed)).toEqual({ ok: true });
  });
});

describe("checkNarrative rejects", () => {
  it.each([
    ["empty text", "", "empty text"],
    ["blank text", "   \t ", "empty text"],
    ["an invented number", "Shootings rose to 37 this year.", 'number "37"'],
    ["an invented percent", "Shootings rose 13% on last year.", 'number "13"'],
    ["an unrounded percent", "Shootings rose 12.4%.", 'number "12.4"'],
    ["an invented grouped number", "Shootings stand at 1,532.", 'number "1,532"'],
    ["invented dollars", "Currency seized totals $4,501.", 'number "4,501"'],
    ["an invented spelled-out number", "Eleven shootings were reported.", 'number "Eleven"'],
    ["a compound spelled-out number", "Twenty-one shootings were reported.", 'number "Twenty-one"'],
    ["a wrong date part", "As of 2025-03-07 the figures are preliminary.", 'number "07"'],
    ["a spelled-out large number", "Over a thousand rounds were seized.", "spelled-out number"],
    ["a dozen", "A dozen firearms were seized.", "spelled-out number"],
    ["a ratio word", "Shootings doubled.", 'ratio word "doubled"'],
    ["half", "Shootings fell by half.", 'ratio word "half"'],
    ["a Slack special mention", "<!channel> Shootings are down 12%.", '"<"'],
    ["a user mention", "Ask <@U012ABCDEF> about it.", '"<"'],
    ["a link in Slack markup", "See <https://example.com|the report>.", '"<"'],
    ["a closing angle bracket", "Shootings > 3.", '">"'],
    ["an @-mention", "Shootings are down 12%, @here.", '"@"'],
    ["an e-mail address", "Write to chief@example.gov.", '"@"'],
    ["an HTML entity", "Shootings &lt; 3.", '"&"'],
    ["a bare special mention", "!channel shootings are down 12%.", "special mention"],
    ["a Slack id", "Reported by U0123ABCD9.", "Slack id"],
    ["a URL", "See https://example.com for details.", "URL"],
    ["a www address", "See www.example.org for details.", "URL"],
    ["a bare domain", "Details at example.com today.", "URL"],
    ["a custom scheme", "Open slack://channel now.", "URL"],
    ["bold mrkdwn", "*Shootings* are down 12%.", 'markup "*"'],
    ["code", "Shootings are `down` 12%.", 'markup "`"'],
    ["strike", "Shootings are ~down~.", 'markup "~"'],
    ["italic", "Shootings are _down_.", 'markup "_"'],
    ["a Markdown link", "See [the report](report).", 'markup "["'],
    ["a heading", "# Digest", 'markup "#"'],
    ["an emoji code", "Shootings are down :tada: this week.", "emoji code"],
    ["a line break", "Shootings are down.\nVehicles are up.", "more than one line"],
    ["a control character", "Shootings are down\u0007.", "control character"],
    ["a zero-width space", "Shootings are\u200B down.", "invisible"],
    ["a bidi override", "Shootings are \u202Edown.", "invisible"],
    ["other scripts' digits", "Shootings stand at ١٢.", "digit other than 0-9"],
    ["a vulgar fraction", "Shootings fell by ½.", "digit other than 0-9"],
    ["an unreadable number", "Shootings stand at 1,2345.", 'unreadable number "1,2345"'],
    ["a version-like number", "Shootings stand at 1.2.3.", "unreadable number"],
    ["seven sentences", "Three. Six. Eight. Zero. Three. Six. Eight.", "too many sentences: 7"],
    ["text over 700 characters", `${"Shootings are down. ".repeat(35)}x`, "too long: 701 characters"],
  ])("%s", (_name, text, reason) => {
    const result = checkNarrative(text, allowed);
    expect(result.ok).toBe(false);
    expect(result.ok ? "" : result.reason).toContain(reason);
  });

  it("applies the limits it is given", () => {
    expect(checkNarrative("Three. Six.", allowed, { maxChars: 700, maxSentences: 1 })).toEqual({
      ok: false,
      reason: "too many sentences: 2 (at most 1)",
    });
    expect(checkNarrative("Shootings are down.", allowed, { maxChars: 10, maxSentences: 6 })).toMatchObject({
      ok: false,
    });
  });
});

describe("reading numbers", () => {
  it("reads digits, separators, decimals and number words", () => {
    const read = numbersIn("$4,500 and 12.5 g, -12%, +3, 2025-03-06, eight weeks, twenty-one, 1,531.");
    expect(read.ok && read.numbers.map((n) => n.value)).toEqual([4500, 12.5, 12, 3, 2025, 3, 6, 1531, 8, 21]);
  });

  it("does not read numbers inside words, or ordinal words", () => {
    const read = numbersIn("Someone often mentions the first and second weeks; anyone is tense.");
    expect(read.ok && read.numbers).toEqual([]);
  });

  it("counts sentences at . ! ? before a space or the end, not in decimals", () => {
    expect(countSentences("Up 12.5%. Down! Unchanged? Yes")).toBe(4);
    expect(countSentences("$4,500.00 seized.")).toBe(1);
  });
});
