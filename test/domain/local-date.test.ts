import { describe, expect, it } from "vitest";
import {
  addDays,
  compareDates,
  dayOfWeek,
  daysBetween,
  explainNonexistentDate,
  isValidLocalDate,
  localDateOf,
  parseDateToken,
} from "../../src/domain/time/local-date.js";
import { errorOf } from "../helpers/errors.js";

describe("isValidLocalDate", () => {
  it("accepts real calendar dates, including leap days", () => {
    for (const date of ["2024-02-29", "2000-02-29", "2024-04-30", "2025-12-31", "0001-01-01", "9999-12-31"]) {
      expect(isValidLocalDate(date), date).toBe(true);
    }
  });

  it("rejects dates that do not exist or are not written YYYY-MM-DD", () => {
    for (const date of [
      "2025-02-29",
      "1900-02-29",
      "2024-13-01",
      "2024-04-31",
      "2024-00-10",
      "2024-01-00",
      "0000-01-01",
      "2024-4-30",
      " 2024-04-30",
      "2024/04/30",
      "20240430",
      "",
    ]) {
      expect(isValidLocalDate(date), date).toBe(false);
    }
  });

  it("explains why a date does not exist", () => {
    expect(explainNonexistentDate("2025-02-29")).toBe("February 2025 has 28 days");
    expect(explainNonexistentDate("2024-04-31")).toBe("April 2024 has 30 days");
    expect(explainNonexistentDate("2024-13-01")).toBe("there is no month 13; months run 01 to 12");
    expect(explainNonexistentDate("2024-01-00")).toBe("days start at 01");
    expect(explainNonexistentDate("2024-02-29")).toBeUndefined();
    expect(explainNonexistentDate("not a date")).toBeUndefined();
  });
});

describe("calendar arithmetic", () => {
  it("adds days across month, leap-day and year boundaries", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-02-28", 2)).toBe("2024-03-01");
    expect(addDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addDays("2024-12-31", 1)).toBe("2025-01-01");
    expect(addDays("2025-01-01", -1)).toBe("2024-12-31");
    expect(addDays("2025-03-06", -27)).toBe("2025-02-07");
    expect(addDays("2024-01-01", 365)).toBe("2024-12-31");
    expect(addDays("1970-01-01", 20153)).toBe("2025-03-06");
    expect(addDays("2025-03-06", 0)).toBe("2025-03-06");
  });

  it("is not moved by daylight-saving changes", () => {
    // US clocks changed on 2025-03-09 and 2025-11-02; calendar days are still one apart.
    expect(addDays("2025-03-08", 1)).toBe("2025-03-09");
    expect(addDays("2025-03-09", 1)).toBe("2025-03-10");
    expect(addDays("2025-11-02", -1)).toBe("2025-11-01");
    expect(daysBetween("2025-03-08", "2025-03-10")).toBe(2);
    expect(daysBetween("2025-11-01", "2025-11-03")).toBe(2);
  });

  it("counts days between dates, negative when the second is earlier", () => {
    expect(daysBetween("2025-03-01", "2025-03-06")).toBe(5);
    expect(daysBetween("2025-03-06", "2025-03-01")).toBe(-5);
    expect(daysBetween("2024-01-01", "2025-01-01")).toBe(366);
    expect(daysBetween("2025-01-01", "2026-01-01")).toBe(365);
    expect(daysBetween("2000-01-01", "2000-03-01")).toBe(60);
    expect(daysBetween("1970-01-01", "2025-03-06")).toBe(20153);
    expect(daysBetween("2025-03-06", "2025-03-06")).toBe(0);
  });

  it("compares dates for sorting", () => {
    expect(compareDates("2025-01-01", "2025-01-02")).toBe(-1);
    expect(compareDates("2025-01-02", "2025-01-01")).toBe(1);
    expect(compareDates("2025-01-01", "2025-01-01")).toBe(0);
    expect(["2025-03-01", "2024-12-31", "2025-01-15"].sort(compareDates)).toEqual([
      "2024-12-31",
      "2025-01-15",
      "2025-03-01",
    ]);
  });

  it("knows the day of the week (0 = Sunday)", () => {
    expect(dayOfWeek("1970-01-01")).toBe(4);
    expect(dayOfWeek("1969-12-31")).toBe(3);
    expect(dayOfWeek("2000-01-01")).toBe(6);
    expect(dayOfWeek("2025-03-02")).toBe(0);
    expect(dayOfWeek("2025-03-06")).toBe(4);
    expect(dayOfWeek("2025-03-08")).toBe(6);
  });

  it("treats invalid arguments as programming errors", () => {
    expect(() => addDays("2024-02-30", 1)).toThrow(RangeError);
    expect(() => addDays("2024-01-01", 1.5)).toThrow(RangeError);
    expect(() => addDays("9999-12-31", 1)).toThrow(RangeError);
    expect(() => daysBetween("2024-01-01", "soon")).toThrow(RangeError);
    expect(() => compareDates("2024-13-01", "2024-01-01")).toThrow(RangeError);
  });
});

describe("localDateOf", () => {
  const on = (iso: string, timeZone: string) => localDateOf(new Date(iso), timeZone);

  it("gives the date in the task force's time zone, not UTC's", () => {
    expect(on("2025-03-06T03:00:00Z", "America/Chicago")).toBe("2025-03-05");
    expect(on("2025-03-06T03:00:00Z", "UTC")).toBe("2025-03-06");
    expect(on("2025-03-09T05:30:00Z", "America/Chicago")).toBe("2025-03-08");
  });

  it("turns at local midnight on both sides of a daylight-saving change", () => {
    expect(on("2025-03-09T04:59:00Z", "America/New_York")).toBe("2025-03-08");
    expect(on("2025-03-09T05:00:00Z", "America/New_York")).toBe("2025-03-09");
    expect(on("2025-11-02T03:59:00Z", "America/New_York")).toBe("2025-11-01");
    expect(on("2025-11-02T04:00:00Z", "America/New_York")).toBe("2025-11-02");
  });

  it("handles the extreme offsets and four-digit years", () => {
    expect(on("2025-01-01T09:59:00Z", "Pacific/Kiritimati")).toBe("2025-01-01");
    expect(on("2025-01-01T10:00:00Z", "Pacific/Kiritimati")).toBe("2025-01-02");
    expect(on("2025-01-01T10:59:00Z", "Pacific/Pago_Pago")).toBe("2024-12-31");
    expect(on("2025-01-01T11:00:00Z", "Pacific/Pago_Pago")).toBe("2025-01-01");
    expect(on("0099-06-01T12:00:00Z", "UTC")).toBe("0099-06-01");
  });

  it("rejects an unknown time zone as a configuration error", () => {
    expect(() => on("2025-01-01T00:00:00Z", "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});

describe("parseDateToken", () => {
  // 21:00 on 2025-03-05 in Chicago: the UTC date is already the 6th.
  const now = new Date("2025-03-06T03:00:00Z");
  const parse = (token: string, field = "on") => parseDateToken(token, field, now, "America/Chicago");

  it("accepts YYYY-MM-DD, today and yesterday in any case", () => {
    expect(parse("2025-03-04")).toBe("2025-03-04");
    expect(parse(" 2024-02-29 ")).toBe("2024-02-29");
    expect(parse("today")).toBe("2025-03-05");
    expect(parse("TODAY")).toBe("2025-03-05");
    expect(parse(" Yesterday ")).toBe("2025-03-04");
    expect(parseDateToken("today", "on", now, "UTC")).toBe("2025-03-06");
  });

  it("says a date does not exist and offers the month's last day", () => {
    const feb = errorOf(() => parse("2025-02-29"));
    expect(feb.message).toBe("`on:2025-02-29`: that date does not exist (February 2025 has 28 days).");
    expect(feb.hint).toBe("e.g. on:2025-02-28");

    const april = errorOf(() => parse("2024-04-31"));
    expect(april.message).toBe("`on:2024-04-31`: that date does not exist (April 2024 has 30 days).");
    expect(april.hint).toBe("e.g. on:2024-04-30");

    const month = errorOf(() => parse("2024-13-01"));
    expect(month.message).toBe(
      "`on:2024-13-01`: that date does not exist (there is no month 13; months run 01 to 12).",
    );
    expect(month.hint).toBe("e.g. on:2025-03-05");
  });

  it("explains the accepted forms and rewrites a US-style date as an example", () => {
    const us = errorOf(() => parse("03/04/2025"));
    expect(us.message).toBe("`on:` must be a date written YYYY-MM-DD, today or yesterday; got `03/04/2025`.");
    expect(us.hint).toBe("e.g. on:2025-03-04");

    expect(errorOf(() => parse("3/4/25")).hint).toBe("e.g. on:2025-03-04");
    expect(errorOf(() => parse("2025-3-4")).hint).toBe("e.g. on:2025-03-04");
    expect(errorOf(() => parse("2025/03/04")).hint).toBe("e.g. on:2025-03-04");
    // No sensible reading: today is the example.
    expect(errorOf(() => parse("13/45/2025")).hint).toBe("e.g. on:2025-03-05");
    expect(errorOf(() => parse("last tuesday", "from")).message).toBe(
      "`from:` must be a date written YYYY-MM-DD, today or yesterday; got `last tuesday`.",
    );
    expect(errorOf(() => parse("last tuesday", "from")).hint).toBe("e.g. from:2025-03-05");
  });

  it("asks for a date when none was given", () => {
    const empty = errorOf(() => parse("  "));
    expect(empty.message).toBe("`on:` needs a date written YYYY-MM-DD, today or yesterday.");
    expect(empty.hint).toBe("e.g. on:2025-03-05");
  });

  it("echoes input escaped and shortened to 40 characters", () => {
    expect(errorOf(() => parse("<!channel>")).message).toBe(
      "`on:` must be a date written YYYY-MM-DD, today or yesterday; got `&lt;!channel&gt;`.",
    );
    const long = errorOf(() => parse("x".repeat(100)));
    expect(long.message).toBe(
      `\`on:\` must be a date written YYYY-MM-DD, today or yesterday; got \`${"x".repeat(39)}…\`.`,
    );
    expect(errorOf(() => parse("a`b")).message).toContain("got `a'b`.");
  });
});
