import { describe, expect, it } from "vitest";
import { maxPeriodDays, parsePeriod } from "../../src/domain/time/periods.js";
import { errorOf } from "../helpers/errors.js";

// 2025-03-06 is a Thursday.
const asOf = "2025-03-06";

describe("parsePeriod: relative windows", () => {
  it("defaults to the last 28 days, ending on the as-of date inclusive", () => {
    const expected = {
      from: "2025-02-07",
      to: "2025-03-06",
      label: "last 28 days (2025-02-07 – 2025-03-06)",
    };
    expect(parsePeriod(undefined, asOf, "monday")).toEqual(expected);
    expect(parsePeriod("", asOf, "monday")).toEqual(expected);
    expect(parsePeriod("28d", asOf, "monday")).toEqual(expected);
    expect(parsePeriod(" 28D ", asOf, "monday")).toEqual(expected);
  });

  it("gives the last 7 and 30 days", () => {
    expect(parsePeriod("7d", asOf, "monday")).toEqual({
      from: "2025-02-28",
      to: "2025-03-06",
      label: "last 7 days (2025-02-28 – 2025-03-06)",
    });
    expect(parsePeriod("30d", asOf, "monday")).toEqual({
      from: "2025-02-05",
      to: "2025-03-06",
      label: "last 30 days (2025-02-05 – 2025-03-06)",
    });
    // Across a leap day.
    expect(parsePeriod("28d", "2024-03-01", "monday").from).toBe("2024-02-03");
  });

  it("starts the week to date on the configured day", () => {
    expect(parsePeriod("wtd", asOf, "monday")).toEqual({
      from: "2025-03-03",
      to: "2025-03-06",
      label: "week to date (2025-03-03 – 2025-03-06)",
    });
    expect(parsePeriod("WTD", asOf, "sunday")).toEqual({
      from: "2025-03-02",
      to: "2025-03-06",
      label: "week to date (2025-03-02 – 2025-03-06)",
    });
  });

  it("handles the first day of the week and weeks spanning New Year", () => {
    expect(parsePeriod("wtd", "2025-03-03", "monday")).toMatchObject({
      from: "2025-03-03",
      to: "2025-03-03",
    });
    // A Sunday: the last day of a Monday week, the first of a Sunday week.
    expect(parsePeriod("wtd", "2025-03-09", "monday").from).toBe("2025-03-03");
    expect(parsePeriod("wtd", "2025-03-09", "sunday").from).toBe("2025-03-09");
    // A Saturday.
    expect(parsePeriod("wtd", "2025-03-08", "sunday").from).toBe("2025-03-02");
    // Wednesday 2025-01-01.
    expect(parsePeriod("wtd", "2025-01-01", "monday").from).toBe("2024-12-30");
    expect(parsePeriod("wtd", "2025-01-01", "sunday").from).toBe("2024-12-29");
  });

  it("gives the year to date", () => {
    expect(parsePeriod("ytd", asOf, "monday")).toEqual({
      from: "2025-01-01",
      to: "2025-03-06",
      label: "year to date (2025-01-01 – 2025-03-06)",
    });
    expect(parsePeriod("ytd", "2025-01-01", "monday")).toMatchObject({
      from: "2025-01-01",
      to: "2025-01-01",
    });
  });
});

describe("parsePeriod: explicit ranges", () => {
  it("accepts a range with both ends inclusive", () => {
    expect(parsePeriod("2025-01-01..2025-01-31", asOf, "monday")).toEqual({
      from: "2025-01-01",
      to: "2025-01-31",
      label: "2025-01-01 – 2025-01-31 (31 days)",
    });
    expect(parsePeriod("2025-03-04..2025-03-04", asOf, "monday")).toEqual({
      from: "2025-03-04",
      to: "2025-03-04",
      label: "2025-03-04 – 2025-03-04 (1 day)",
    });
    // A Slack client may turn ".." typed quickly into an ellipsis.
    expect(parsePeriod("2025-01-01…2025-01-31", asOf, "monday").to).toBe("2025-01-31");
  });

  it("does not depend on the as-of date", () => {
    expect(parsePeriod("2023-06-01..2023-06-30", asOf, "sunday")).toMatchObject({
      from: "2023-06-01",
      to: "2023-06-30",
    });
  });

  it("accepts up to 3660 days and rejects longer ranges", () => {
    expect(maxPeriodDays).toBe(3660);
    expect(parsePeriod("2015-01-01..2025-01-07", asOf, "monday").label).toBe(
      "2015-01-01 – 2025-01-07 (3,660 days)",
    );
    const tooLong = errorOf(() => parsePeriod("2015-01-01..2025-01-08", asOf, "monday"));
    expect(tooLong.message).toBe(
      "The period `2015-01-01..2025-01-08` spans 3,661 days; the longest is 3,660 days (about 10 years).",
    );
    expect(tooLong.hint).toBe("e.g. 2015-01-02..2025-01-08");
  });

  it("rejects a range that ends before it starts", () => {
    const backwards = errorOf(() => parsePeriod("2025-03-31..2025-03-01", asOf, "monday"));
    expect(backwards.message).toBe("The period `2025-03-31..2025-03-01` ends before it starts.");
    expect(backwards.hint).toBe("e.g. 2025-03-01..2025-03-31");
  });

  it("rejects dates that do not exist, saying which end", () => {
    expect(errorOf(() => parsePeriod("2025-02-30..2025-03-05", asOf, "monday")).message).toBe(
      "The period `2025-02-30..2025-03-05` starts on a date that does not exist (February 2025 has 28 days).",
    );
    expect(errorOf(() => parsePeriod("2024-04-01..2024-04-31", asOf, "monday")).message).toBe(
      "The period `2024-04-01..2024-04-31` ends on a date that does not exist (April 2024 has 30 days).",
    );
  });

  it("rejects range ends not written YYYY-MM-DD", () => {
    const e = errorOf(() => parsePeriod("2025-1-1..2025-2-1", asOf, "monday"));
    expect(e.message).toBe("A period range is written YYYY-MM-DD..YYYY-MM-DD; got `2025-1-1..2025-2-1`.");
    expect(e.hint).toBe("e.g. 2025-01-01..2025-03-31");
    expect(errorOf(() => parsePeriod("2025-01-01..", asOf, "monday")).message).toBe(
      "A period range is written YYYY-MM-DD..YYYY-MM-DD; got `2025-01-01..`.",
    );
  });
});

describe("parsePeriod: unknown tokens", () => {
  it("lists the accepted forms", () => {
    const e = errorOf(() => parsePeriod("lastweek", asOf, "monday"));
    expect(e.message).toBe(
      "The period must be wtd, 28d, 7d, 30d, ytd, or a range YYYY-MM-DD..YYYY-MM-DD; got `lastweek`.",
    );
    expect(e.hint).toBe("e.g. 28d, wtd, ytd or 2025-01-01..2025-03-31");
  });

  it("suggests the keyword a typo was close to", () => {
    expect(errorOf(() => parsePeriod("wdt", asOf, "monday")).message).toBe(
      "The period must be wtd, 28d, 7d, 30d, ytd, or a range YYYY-MM-DD..YYYY-MM-DD; got `wdt`. Did you mean `wtd`?",
    );
    expect(errorOf(() => parsePeriod("28", asOf, "monday")).message).toMatch(/Did you mean `28d`\?$/);
    // Other day counts are not (yet) part of the grammar.
    expect(errorOf(() => parsePeriod("14d", asOf, "monday")).message).toContain("got `14d`.");
  });

  it("escapes what it echoes", () => {
    expect(errorOf(() => parsePeriod("<!here>", asOf, "monday")).message).toContain("got `&lt;!here&gt;`.");
  });

  it("treats an invalid as-of date as a programming error", () => {
    expect(() => parsePeriod("28d", "2025-02-30", "monday")).toThrow(RangeError);
  });
});
