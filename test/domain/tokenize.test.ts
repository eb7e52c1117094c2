import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../../src/domain/grammar/args.js";
import { TokenizeError, tokenize } from "../../src/domain/grammar/tokenize.js";

describe("tokenize", () => {
  it("splits words, key:value options, escaped mentions and channels", () => {
    expect(
      tokenize('assign <@U123ABC|jsmith> unit:vctf role:"Lead Detective" <#C999|ops> area:frog-hollow'),
    ).toEqual([
      { kind: "word", value: "assign" },
      { kind: "user", id: "U123ABC" },
      { kind: "option", key: "unit", value: "vctf" },
      { kind: "option", key: "role", value: "Lead Detective" },
      { kind: "channel", id: "C999" },
      { kind: "option", key: "area", value: "frog-hollow" },
    ]);
  });

  it("accepts the typographic quotes Slack clients type", () => {
    expect(tokenize("seizure note:\u201Cfound in trunk\u201D")).toEqual([
      { kind: "word", value: "seizure" },
      { kind: "option", key: "note", value: "found in trunk" },
    ]);
  });

  it("decodes Slack's entity escaping in values, after finding markup", () => {
    expect(tokenize('note:"a &amp; b &lt;ok&gt;"')).toEqual([
      { kind: "option", key: "note", value: "a & b <ok>" },
    ]);
  });

  it("keeps a time's colons inside the value and lower-cases keys", () => {
    expect(tokenize("AT:2024-03-10T02:30")).toEqual([
      { kind: "option", key: "at", value: "2024-03-10T02:30" },
    ]);
  });

  it("treats an apostrophe inside a word as a letter", () => {
    expect(tokenize("role:O'Neil")).toEqual([{ kind: "option", key: "role", value: "O'Neil" }]);
  });

  it("reports special mentions apart so they can be refused by name", () => {
    expect(tokenize("<!channel> <!subteam^S123|@leads>")).toEqual([
      { kind: "special", value: "channel" },
      { kind: "usergroup", id: "S123" },
    ]);
  });

  it("strips bidi and zero-width characters", () => {
    expect(tokenize("case:\u202E12\u200B34")).toEqual([{ kind: "option", key: "case", value: "1234" }]);
  });

  it("rejects an unclosed quote with a message that shows the right form", () => {
    expect(() => tokenize('note:"never closed')).toThrow(TokenizeError);
    expect(() => tokenize('note:"never closed')).toThrow(
      'has no closing quote. Write it as key:"two words".',
    );
  });

  it("rejects an unclosed mention", () => {
    expect(() => tokenize("assign <@U123")).toThrow("A mention or link is missing its closing `>`.");
  });
});

describe("parseCommandLine", () => {
  it("takes the first word as the lower-cased subcommand name", () => {
    const { name, args } = parseCommandLine("  ROSTER unit:vctf on:today ");
    expect(name).toBe("roster");
    expect(args.options).toEqual([
      { key: "unit", value: "vctf" },
      { key: "on", value: "today" },
    ]);
  });

  it("has no name for empty text", () => {
    expect(parseCommandLine("   ").name).toBeUndefined();
  });
});
