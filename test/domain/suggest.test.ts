import { describe, expect, it } from "vitest";
import { escapeMrkdwn, stripControlCharacters } from "../../src/domain/text/escape.js";
import { closestMatch, editDistance } from "../../src/domain/text/suggest.js";

describe("closestMatch", () => {
  it("suggests the nearest name within a typo's reach", () => {
    expect(editDistance("rostr", "roster")).toBe(1);
    expect(editDistance("hepl", "help")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(closestMatch("rostr", ["help", "roster", "tally"])).toBe("roster");
    expect(closestMatch("SEIZRE", ["seizure", "shooting"])).toBe("seizure");
  });

  it("suggests nothing for an unrelated word", () => {
    expect(closestMatch("banana", ["help", "roster"])).toBeUndefined();
  });
});

describe("escaping user text", () => {
  it("neutralises Slack control sequences", () => {
    expect(escapeMrkdwn("<!channel> & <https://x|bank>")).toBe(
      "&lt;!channel&gt; &amp; &lt;https://x|bank&gt;",
    );
  });

  it("removes bidi overrides and zero-width joiners but keeps ordinary text", () => {
    expect(stripControlCharacters("ab\u202Ec\u200Dd\u2066e")).toBe("abcde");
  });
});
