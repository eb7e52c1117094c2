import { describe, expect, it } from "vitest";
import {
  allWindowsSpan,
  change,
  compstatWindows,
  formatDelta,
  formatPercent,
  priorYearDate,
  shortDateLabel,
  sparkline,
  weeklyBuckets,
} from "../../src/domain/compstat/windows.js";
import { daysBetween } from "../../src/domain/time/local-date.js";

const days = (range: { from: string; to: string }) => daysBetween(range.from, range.to) + 1;

describe("priorYearDate", () => {
  it("moves to the same calendar date one year earlier, 29 February to 28 February", () => {
    expect(priorYearDate("2025-03-06")).toBe("2024-03-06");
    expect(priorYearDate("2025-01-01")).toBe("2024-01-01");
    expect(priorYearDate("2024-12-31")).toBe("2023-12-31");
    expect(priorYearDate("2024-02-29")).toBe("2023-02-28");
    expect(priorYearDate("2024-02-28")).toBe("2023-02-28");
    expect(priorYearDate("2025-02-28")).toBe("2024-02-28");
    expect(priorYearDate("2025-03-01")).toBe("2024-03-01");
    expect(priorYearDate("0002-06-01")).toBe("0001-06-01");
  });

  it("rejects dates that are not real or have no year before them", () => {
    expect(() => priorYearDate("2025-02-29")).toThrow(RangeError);
    expect(() => priorYearDate("0001-06-01")).toThrow(RangeError);
  });
});

describe("compstatWindows", () => {
  // 2025-03-06 is a Thursday.
  it("gives week to date, 28 days and year to date with the same dates a year earlier (Monday weeks)", () => {
    expect(compstatWindows("2025-03-06", "monday")).toEqual({
      wtd: {
        current: { from: "2025-03-03", to: "2025-03-06" },
        prior: { from: "2024-03-03", to: "2024-03-06" },
        label: "Week to date",
      },
      d28: {
        current: { from: "2025-02-07", to: "2025-03-06" },
        prior: { from: "2024-02-07", to: "2024-03-06" },
        label: "28 days",
      },
      ytd: {
        current: { from: "2025-01-01", to: "2025-03-06" },
        prior: { from: "2024-01-01", to: "2024-03-06" },
        label: "Year to date",
      },
    });
  });

  it("starts the week on Sunday when configured, and only the week changes", () => {
    const monday = compstatWindows("2025-03-06", "monday");
    const sunday = compstatWindows("2025-03-06", "sunday");
    expect(sunday.wtd).toEqual({
      current: { from: "2025-03-02", to: "2025-03-06" },
      prior: { from: "2024-03-02", to: "2024-03-06" },
      label: "Week to date",
    });
    expect(sunday.d28).toEqual(monday.d28);
    expect(sunday.ytd).toEqual(monday.ytd);
    // A Sunday is the last day of a Monday week and the first of a Sunday week.
    expect(compstatWindows("2025-03-09", "monday").wtd.current).toEqual({
      from: "2025-03-03",
      to: "2025-03-09",
    });
    expect(compstatWindows("2025-03-09", "sunday").wtd.current).toEqual({
      from: "2025-03-09",
      to: "2025-03-09",
    });
    // A Monday is the first day of a Monday week.
    expect(compstatWindows("2025-03-03", "monday").wtd.current).toEqual({
      from: "2025-03-03",
      to: "2025-03-03",
    });
    expect(compstatWindows("2025-03-03", "sunday").wtd.current).toEqual({
      from: "2025-03-02",
      to: "2025-03-03",
    });
  });

  it("compares 29 February with 28 February a year earlier (as of 2024-02-29, a Thursday)", () => {
    expect(compstatWindows("2024-02-29", "monday")).toEqual({
      wtd: {
        current: { from: "2024-02-26", to: "2024-02-29" },
        prior: { from: "2023-02-26", to: "2023-02-28" },
        label: "Week to date",
      },
      d28: {
        current: { from: "2024-02-02", to: "2024-02-29" },
        prior: { from: "2023-02-02", to: "2023-02-28" },
        label: "28 days",
      },
      ytd: {
        current: { from: "2024-01-01", to: "2024-02-29" },
        prior: { from: "2023-01-01", to: "2023-02-28" },
        label: "Year to date",
      },
    });
  });

  it("includes 29 February in the prior window the year after a leap year (as of 2025-03-01)", () => {
    const windows = compstatWindows("2025-03-01", "monday");
    expect(windows.ytd.current).toEqual({ from: "2025-01-01", to: "2025-03-01" });
    expect(windows.ytd.prior).toEqual({ from: "2024-01-01", to: "2024-03-01" });
    expect(days(windows.ytd.current)).toBe(60);
    expect(days(windows.ytd.prior)).toBe(61);
    // 2025-03-01 is a Saturday.
    expect(windows.wtd.current).toEqual({ from: "2025-02-24", to: "2025-03-01" });
    expect(windows.wtd.prior).toEqual({ from: "2024-02-24", to: "2024-03-01" });
    expect(windows.d28.current).toEqual({ from: "2025-02-02", to: "2025-03-01" });
    expect(windows.d28.prior).toEqual({ from: "2024-02-02", to: "2024-03-01" });
  });

  it("starts the prior window on 28 February when the current one starts on 29 February", () => {
    const { d28 } = compstatWindows("2024-03-27", "monday");
    expect(d28.current).toEqual({ from: "2024-02-29", to: "2024-03-27" });
    expect(d28.prior).toEqual({ from: "2023-02-28", to: "2023-03-27" });
    expect(days(d28.prior)).toBe(28);
  });

  it("keeps 28 days current across February of a leap year; the prior window follows the calendar", () => {
    const leap = compstatWindows("2024-03-10", "monday").d28;
    expect(leap.current).toEqual({ from: "2024-02-12", to: "2024-03-10" });
    expect(leap.prior).toEqual({ from: "2023-02-12", to: "2023-03-10" });
    expect([days(leap.current), days(leap.prior)]).toEqual([28, 27]);

    const afterLeap = compstatWindows("2025-03-10", "monday").d28;
    expect(afterLeap.current).toEqual({ from: "2025-02-11", to: "2025-03-10" });
    expect(afterLeap.prior).toEqual({ from: "2024-02-11", to: "2024-03-10" });
    expect([days(afterLeap.current), days(afterLeap.prior)]).toEqual([28, 29]);
  });

  it("lets the week to date and 28 days reach back into December (as of Wednesday 2025-01-01)", () => {
    const monday = compstatWindows("2025-01-01", "monday");
    expect(monday.wtd.current).toEqual({ from: "2024-12-30", to: "2025-01-01" });
    expect(monday.wtd.prior).toEqual({ from: "2023-12-30", to: "2024-01-01" });
    expect(monday.d28.current).toEqual({ from: "2024-12-05", to: "2025-01-01" });
    expect(monday.d28.prior).toEqual({ from: "2023-12-05", to: "2024-01-01" });
    expect(monday.ytd.current).toEqual({ from: "2025-01-01", to: "2025-01-01" });
    expect(monday.ytd.prior).toEqual({ from: "2024-01-01", to: "2024-01-01" });

    const sunday = compstatWindows("2025-01-01", "sunday");
    expect(sunday.wtd.current).toEqual({ from: "2024-12-29", to: "2025-01-01" });
    expect(sunday.wtd.prior).toEqual({ from: "2023-12-29", to: "2024-01-01" });
  });

  it("rejects an as-of date that is not a real date", () => {
    expect(() => compstatWindows("2025-02-29", "monday")).toThrow(RangeError);
    expect(() => compstatWindows("today", "monday")).toThrow(RangeError);
  });
});

describe("allWindowsSpan", () => {
  it("runs from the prior 1 January to the as-of date in an ordinary week", () => {
    expect(allWindowsSpan(compstatWindows("2025-03-06", "monday"))).toEqual({
      from: "2024-01-01",
      to: "2025-03-06",
    });
  });

  it("reaches back to the prior December when the short windows do", () => {
    expect(allWindowsSpan(compstatWindows("2025-01-01", "monday"))).toEqual({
      from: "2023-12-05",
      to: "2025-01-01",
    });
    expect(allWindowsSpan(compstatWindows("2025-01-10", "sunday"))).toEqual({
      from: "2023-12-14",
      to: "2025-01-10",
    });
  });
});

describe("change", () => {
  it("gives the delta and the unrounded percentage of the prior figure", () => {
    expect(change(9, 8)).toEqual({ current: 9, prior: 8, delta: 1, percent: 12.5 });
    expect(change(7, 8)).toEqual({ current: 7, prior: 8, delta: -1, percent: -12.5 });
    expect(change(8, 8)).toEqual({ current: 8, prior: 8, delta: 0, percent: 0 });
    expect(change(0, 4)).toEqual({ current: 0, prior: 4, delta: -4, percent: -100 });
    expect(change(30, 3)).toEqual({ current: 30, prior: 3, delta: 27, percent: 900 });
  });

  it("has no percentage when the prior figure is 0", () => {
    expect(change(5, 0)).toEqual({ current: 5, prior: 0, delta: 5, percent: null });
    expect(change(0, 0)).toEqual({ current: 0, prior: 0, delta: 0, percent: null });
  });

  it("rejects figures that are not finite numbers", () => {
    expect(() => change(Number.NaN, 1)).toThrow(RangeError);
    expect(() => change(1, Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe("formatPercent", () => {
  it('prints "n/a" when there is nothing to compare with', () => {
    expect(formatPercent(null)).toBe("n/a");
    expect(formatPercent(change(5, 0).percent)).toBe("n/a");
  });

  it("prints a signed whole percent, halves rounded away from zero", () => {
    expect(formatPercent(12)).toBe("+12%");
    expect(formatPercent(-3)).toBe("-3%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(12.5)).toBe("+13%");
    expect(formatPercent(-12.5)).toBe("-13%");
    expect(formatPercent(12.49)).toBe("+12%");
    expect(formatPercent(-12.49)).toBe("-12%");
    expect(formatPercent(0.5)).toBe("+1%");
    expect(formatPercent(-0.5)).toBe("-1%");
    expect(formatPercent(0.4)).toBe("0%");
    expect(formatPercent(-0.4)).toBe("0%");
    expect(formatPercent(-100)).toBe("-100%");
    expect(formatPercent(1250)).toBe("+1,250%");
  });

  it("prints what change computes", () => {
    expect(formatPercent(change(9, 8).percent)).toBe("+13%");
    expect(formatPercent(change(7, 8).percent)).toBe("-13%");
    expect(formatPercent(change(2, 3).percent)).toBe("-33%");
    expect(formatPercent(change(5, 3).percent)).toBe("+67%");
    expect(formatPercent(change(201, 200).percent)).toBe("+1%");
    expect(formatPercent(change(199, 200).percent)).toBe("-1%");
    expect(formatPercent(change(1001, 1000).percent)).toBe("0%");
  });
});

describe("formatDelta", () => {
  it("prints a signed whole number, zero without a sign", () => {
    expect(formatDelta(5)).toBe("+5");
    expect(formatDelta(-2)).toBe("-2");
    expect(formatDelta(0)).toBe("0");
    expect(formatDelta(-0)).toBe("0");
    expect(formatDelta(12500)).toBe("+12,500");
    expect(formatDelta(-1234567)).toBe("-1,234,567");
  });

  it("prints fractions with at most 2 decimals, halves away from zero", () => {
    expect(formatDelta(1.5)).toBe("+1.5");
    expect(formatDelta(-0.25)).toBe("-0.25");
    expect(formatDelta(2.345)).toBe("+2.35");
    expect(formatDelta(-2.345)).toBe("-2.35");
    expect(formatDelta(0.1 + 0.2)).toBe("+0.3");
    expect(formatDelta(1000.1)).toBe("+1,000.1");
    expect(formatDelta(0.004)).toBe("0");
    expect(formatDelta(-0.004)).toBe("0");
    expect(formatDelta(1e-9)).toBe("0");
  });
});

describe("weeklyBuckets", () => {
  it("gives 8 Monday weeks ending with the partial week of the as-of date, oldest first", () => {
    expect(weeklyBuckets("2025-03-06", "monday")).toEqual([
      { from: "2025-01-13", to: "2025-01-19", label: "Jan 13" },
      { from: "2025-01-20", to: "2025-01-26", label: "Jan 20" },
      { from: "2025-01-27", to: "2025-02-02", label: "Jan 27" },
      { from: "2025-02-03", to: "2025-02-09", label: "Feb 3" },
      { from: "2025-02-10", to: "2025-02-16", label: "Feb 10" },
      { from: "2025-02-17", to: "2025-02-23", label: "Feb 17" },
      { from: "2025-02-24", to: "2025-03-02", label: "Feb 24" },
      { from: "2025-03-03", to: "2025-03-06", label: "Mar 3" },
    ]);
  });

  it("starts weeks on Sunday when configured", () => {
    expect(weeklyBuckets("2025-03-06", "sunday")).toEqual([
      { from: "2025-01-12", to: "2025-01-18", label: "Jan 12" },
      { from: "2025-01-19", to: "2025-01-25", label: "Jan 19" },
      { from: "2025-01-26", to: "2025-02-01", label: "Jan 26" },
      { from: "2025-02-02", to: "2025-02-08", label: "Feb 2" },
      { from: "2025-02-09", to: "2025-02-15", label: "Feb 9" },
      { from: "2025-02-16", to: "2025-02-22", label: "Feb 16" },
      { from: "2025-02-23", to: "2025-03-01", label: "Feb 23" },
      { from: "2025-03-02", to: "2025-03-06", label: "Mar 2" },
    ]);
  });

  it("crosses New Year and a leap day, and ends with a full week on the week's last day", () => {
    expect(weeklyBuckets("2025-01-08", "monday", 3)).toEqual([
      { from: "2024-12-23", to: "2024-12-29", label: "Dec 23" },
      { from: "2024-12-30", to: "2025-01-05", label: "Dec 30" },
      { from: "2025-01-06", to: "2025-01-08", label: "Jan 6" },
    ]);
    expect(weeklyBuckets("2024-03-10", "monday", 2)).toEqual([
      { from: "2024-02-26", to: "2024-03-03", label: "Feb 26" },
      { from: "2024-03-04", to: "2024-03-10", label: "Mar 4" },
    ]);
    expect(weeklyBuckets("2025-03-03", "monday", 1)).toEqual([
      { from: "2025-03-03", to: "2025-03-03", label: "Mar 3" },
    ]);
  });

  it("rejects a week count that is not a whole number of at least 1", () => {
    expect(() => weeklyBuckets("2025-03-06", "monday", 0)).toThrow(RangeError);
    expect(() => weeklyBuckets("2025-03-06", "monday", 2.5)).toThrow(RangeError);
    expect(() => weeklyBuckets("2025-13-01", "monday")).toThrow(RangeError);
  });
});

describe("shortDateLabel", () => {
  it("names the month and day without a year", () => {
    expect(shortDateLabel("2025-03-03")).toBe("Mar 3");
    expect(shortDateLabel("2024-12-30")).toBe("Dec 30");
    expect(shortDateLabel("2024-02-29")).toBe("Feb 29");
  });
});

describe("sparkline", () => {
  it("scales from 0 (▁) to the largest value (█)", () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe("▁▂▃▄▅▆▇█");
    expect(sparkline([7, 6, 5, 4, 3, 2, 1, 0])).toBe("█▇▆▅▄▃▂▁");
    expect(sparkline([2, 4, 8])).toBe("▃▅█");
    expect(sparkline([1, 2])).toBe("▅█");
    expect(sparkline([3, 0, 12, 6, 9, 12, 1, 4])).toBe("▃▁█▅▆█▂▃");
  });

  it("draws a flat series at its height, not at the bottom", () => {
    expect(sparkline([5, 5, 5])).toBe("███");
  });

  it("shows any value above 0 at least as ▂", () => {
    expect(sparkline([1, 100])).toBe("▂█");
    expect(sparkline([0, 1, 100])).toBe("▁▂█");
  });

  it("draws all zeros as ▁, and nothing for no values", () => {
    expect(sparkline([0, 0, 0, 0, 0, 0, 0, 0])).toBe("▁▁▁▁▁▁▁▁");
    expect(sparkline([])).toBe("");
  });

  it("draws a negative value as ▁ and rejects values that are not finite", () => {
    expect(sparkline([-3, 0, 7])).toBe("▁▁█");
    expect(() => sparkline([1, Number.NaN])).toThrow(RangeError);
  });
});
