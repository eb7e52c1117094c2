import { describe, expect, it } from "vitest";
import {
  formatSourceTime,
  parseSourceDate,
  parseSourceTime,
  pivotTwoDigitYear,
} from "../../src/domain/time/source-dates.js";

const now = new Date("2026-11-26T12:00:00Z");
const date = (text: string, format: Parameters<typeof parseSourceDate>[1]) => {
  const parsed = parseSourceDate(text, format, now);
  return parsed.ok ? parsed.value.date : `error: ${parsed.reason}`;
};

describe("pivotTwoDigitYear", () => {
  it("maps 00 up to this year's two digits to this century, and later ones to the last", () => {
    expect(pivotTwoDigitYear(0, now)).toBe(2000);
    expect(pivotTwoDigitYear(6, now)).toBe(2006);
    expect(pivotTwoDigitYear(26, now)).toBe(2026);
    expect(pivotTwoDigitYear(27, now)).toBe(1927);
    expect(pivotTwoDigitYear(99, now)).toBe(1999);
  });

  it("moves with the clock it is given", () => {
    const in2031 = new Date("2031-01-01T00:00:00Z");
    expect(pivotTwoDigitYear(30, in2031)).toBe(2030);
    expect(pivotTwoDigitYear(31, in2031)).toBe(2031);
    expect(pivotTwoDigitYear(32, in2031)).toBe(1932);
    expect(pivotTwoDigitYear(0, new Date("2100-06-01T00:00:00Z"))).toBe(2100);
    expect(pivotTwoDigitYear(1, new Date("2100-06-01T00:00:00Z"))).toBe(2001);
  });

  it("refuses anything but 0-99", () => {
    expect(() => pivotTwoDigitYear(100, now)).toThrow(RangeError);
    expect(() => pivotTwoDigitYear(-1, now)).toThrow(RangeError);
  });
});

describe("parseSourceDate", () => {
  it("reads month-first dates with two- and four-digit years", () => {
    expect(date("8/27/06", "M/D/Y")).toBe("2006-08-27");
    expect(date("08/27/2006", "M/D/Y")).toBe("2006-08-27");
    expect(date("12/31/99", "M/D/Y")).toBe("1999-12-31");
    expect(date("1/1/00", "M/D/Y")).toBe("2000-01-01");
    expect(date("3-9-2025", "M/D/Y")).toBe("2025-03-09");
    expect(date(" 8/27/06 ", "M/D/Y")).toBe("2006-08-27");
  });

  it("reads day-first dates only when told to", () => {
    expect(date("27/8/06", "D/M/Y")).toBe("2006-08-27");
    expect(date("27.08.2006", "D/M/Y")).toBe("2006-08-27");
    expect(date("27/8/06", "M/D/Y")).toMatch(/^error: is not a real date \(there is no month 27/);
  });

  it("reads ISO dates in every format, since they cannot be misread", () => {
    expect(date("2024-10-19", "Y-M-D")).toBe("2024-10-19");
    expect(date("2024/10/19", "Y-M-D")).toBe("2024-10-19");
    expect(date("2024-10-19", "M/D/Y")).toBe("2024-10-19");
    expect(date("2024-10-19", "MONTH D, Y")).toBe("2024-10-19");
  });

  it('reads dates like "October 19, 2024"', () => {
    expect(date("October 19, 2024", "MONTH D, Y")).toBe("2024-10-19");
    expect(date("Oct 19 2024", "MONTH D, Y")).toBe("2024-10-19");
    expect(date("Sept. 3, 2019", "MONTH D, Y")).toBe("2019-09-03");
    expect(date("february 29, 2024", "MONTH D, Y")).toBe("2024-02-29");
    expect(date("May 1st, 24", "MONTH D, Y")).toBe("2024-05-01");
    expect(date("Octember 19, 2024", "MONTH D, Y")).toMatch(/^error: is not a date written a month name/);
  });

  it("says why a date that does not exist is refused", () => {
    expect(date("2/30/20", "M/D/Y")).toBe("error: is not a real date (February 2020 has 29 days)");
    expect(date("February 29, 2023", "MONTH D, Y")).toBe(
      "error: is not a real date (February 2023 has 28 days)",
    );
    expect(date("13/1/20", "M/D/Y")).toMatch(/there is no month 13/);
    expect(date("0/10/20", "M/D/Y")).toMatch(/there is no month 00/);
  });

  it("refuses what is not a date in the format", () => {
    expect(date("", "M/D/Y")).toBe("error: is empty");
    expect(date("20061019", "M/D/Y")).toBe("error: is not a date written M/D/YY or M/D/YYYY, e.g. 8/27/06");
    expect(date("8/27/206", "M/D/Y")).toMatch(/^error: is not a date written/);
    expect(date("yesterday", "Y-M-D")).toMatch(/^error: is not a date written YYYY-MM-DD/);
  });

  it("keeps a time written after the date", () => {
    const parsed = parseSourceDate("2006-08-27T05:35:00.000", "Y-M-D", now);
    expect(parsed).toEqual({
      ok: true,
      value: { date: "2006-08-27", time: { hour: 5, minute: 35, second: 0, millisecond: 0 } },
    });
    const pm = parseSourceDate("08/27/2006 05:35 PM", "M/D/Y", now);
    expect(pm.ok && pm.value.time && formatSourceTime(pm.value.time)).toBe("17:35");
    expect(parseSourceDate("8/27/06", "M/D/Y", now)).toEqual({
      ok: true,
      value: { date: "2006-08-27", time: null },
    });
  });

  it("refuses an instant with a UTC offset: the source's clock is what it must give", () => {
    for (const text of ["2006-08-27T05:35:00Z", "2006-08-27T05:35:00-04:00", "2006-08-27 05:35+0100"]) {
      const parsed = parseSourceDate(text, "Y-M-D", now);
      expect(parsed.ok ? "ok" : parsed.reason).toMatch(/UTC offset/);
    }
  });
});

describe("parseSourceTime", () => {
  const time = (text: string) => {
    const parsed = parseSourceTime(text);
    return parsed.ok ? parsed.value : parsed.reason;
  };

  it("reads 24-hour and 12-hour clocks, with or without seconds", () => {
    expect(time("5:35:00")).toEqual({ hour: 5, minute: 35, second: 0, millisecond: 0 });
    expect(time("23:59:59")).toEqual({ hour: 23, minute: 59, second: 59, millisecond: 0 });
    expect(time("0:00")).toEqual({ hour: 0, minute: 0, second: 0, millisecond: 0 });
    expect(time("12:03 AM")).toEqual({ hour: 0, minute: 3, second: 0, millisecond: 0 });
    expect(time("12:03 p.m.")).toEqual({ hour: 12, minute: 3, second: 0, millisecond: 0 });
    expect(time("5:35:07.25 pm")).toEqual({ hour: 17, minute: 35, second: 7, millisecond: 250 });
    expect(time("1735")).toEqual({ hour: 17, minute: 35, second: 0, millisecond: 0 });
  });

  it("refuses times that do not exist or are not times", () => {
    expect(time("24:00")).toMatch(/hours run 0-23/);
    expect(time("12:60")).toMatch(/minutes and seconds 0-59/);
    expect(time("13:00 PM")).toMatch(/outside 1-12/);
    expect(time("noon")).toMatch(/is not a time of day/);
    expect(time("5")).toMatch(/is not a time of day/);
  });
});
