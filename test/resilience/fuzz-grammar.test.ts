import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../../src/domain/grammar/args.js";
import { TokenizeError } from "../../src/domain/grammar/tokenize.js";
import { escapeMrkdwn } from "../../src/domain/text/escape.js";

const invisible = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/;

/** Text shaped like /tf input: words, key:value pairs, quotes, mentions and hostile pieces, mixed. */
const piece = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    "guns:2",
    'note:"two words"',
    "note:\u201Csmart quotes\u201D",
    "<@U123|bob>",
    "<#C123|ops>",
    "<!everyone>",
    "&lt;!channel&gt;",
    "__proto__:1",
    "constructor:x",
    "at:2025-03-09T02:30",
    "cash:1e309",
    "guns:NaN",
    "\u202Eevil",
    "zero\u200Bwidth",
    '"',
    "'",
    "<",
    ">",
    ":",
  ),
);
const commandText = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(" "));

describe("the command grammar under arbitrary input", () => {
  it("either parses or refuses with a TokenizeError, never anything else", () => {
    fc.assert(
      fc.property(commandText, (text) => {
        try {
          parseCommandLine(text);
        } catch (error) {
          expect(error).toBeInstanceOf(TokenizeError);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it("never lets bidi or zero-width characters into a parsed value", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), (text) => {
        let parsed: ReturnType<typeof parseCommandLine>;
        try {
          parsed = parseCommandLine(text);
        } catch {
          return;
        }
        const values = [
          parsed.name ?? "",
          ...parsed.args.words,
          ...parsed.args.options.flatMap((o) => [o.key, o.value]),
        ];
        for (const value of values) expect(invisible.test(value)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it("escapes every &, < and > so echoed text can never become Slack markup", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const escaped = escapeMrkdwn(text);
        expect(escaped).not.toMatch(/[<>]/);
        expect(escaped.replace(/&(amp|lt|gt);/g, "")).not.toContain("&");
      }),
      { numRuns: 2000 },
    );
  });
});
