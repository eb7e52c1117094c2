import { describe, expect, it } from "vitest";
import { localDateOf } from "../../src/domain/time/local-date.js";
import { localTimeOf, resolveLocalTime } from "../../src/domain/time/zoned.js";
import { createLocalInstantResolver } from "../../src/usecases/import/local-instants.js";

const at = (hour: number, minute: number, second = 0) => ({ hour, minute, second, millisecond: 0 });
const iso = (ms: number) => new Date(ms).toISOString();

describe("createLocalInstantResolver", () => {
  const ny = createLocalInstantResolver("America/New_York");

  it("takes a time in the spring-forward gap as the gap instant, and records the clock's reading then", () => {
    // 2020-03-08 02:30 never happened in New York: 02:30 EST is 07:30Z, which the clocks showed as 03:30 EDT.
    const when = ny("2020-03-08", at(2, 30));
    expect(iso(when.occurredAt)).toBe("2020-03-08T07:30:00.000Z");
    expect(when).toMatchObject({ localDate: "2020-03-08", localTime: "03:30", resolution: "gap" });
  });

  it("takes a time in the fall-back overlap as the earlier instant", () => {
    // 2020-11-01 01:30 happened twice: 05:30Z (EDT) and 06:30Z (EST). The earlier is taken.
    const when = ny("2020-11-01", at(1, 30));
    expect(iso(when.occurredAt)).toBe("2020-11-01T05:30:00.000Z");
    expect(when).toMatchObject({ localDate: "2020-11-01", localTime: "01:30", resolution: "overlap" });
  });

  it("takes a date without a time as the start of the local day, with no local time", () => {
    expect(ny("2024-10-19", null)).toEqual({
      occurredAt: Date.parse("2024-10-19T04:00:00Z"),
      localDate: "2024-10-19",
      localTime: null,
      resolution: "exact",
    });
    // Where midnight itself is skipped (Santiago, 2025-09-07 00:00 → 01:00), the day starts at 01:00.
    const santiago = createLocalInstantResolver("America/Santiago")("2025-09-07", null);
    expect(iso(santiago.occurredAt)).toBe("2025-09-07T04:00:00.000Z");
    expect(santiago.localDate).toBe("2025-09-07");
  });

  it("keeps seconds and milliseconds in the instant, and HH:MM as the local time", () => {
    const when = ny("2006-08-27", { hour: 5, minute: 35, second: 7, millisecond: 250 });
    expect(iso(when.occurredAt)).toBe("2006-08-27T09:35:07.250Z");
    expect(when.localTime).toBe("05:35");
  });

  // The caches (per day, then per hour, then per minute) must give exactly what resolving every
  // minute on its own gives, on the days zones change their clocks in every way they do.
  const days: Array<[string, string]> = [
    ["America/New_York", "2025-03-09"],
    ["America/New_York", "2025-11-02"],
    ["America/New_York", "2025-07-04"],
    ["Europe/London", "2025-03-30"],
    ["Europe/London", "2025-10-26"],
    ["Australia/Lord_Howe", "2025-04-06"], // back 30 minutes at 02:00
    ["Australia/Lord_Howe", "2025-10-05"], // forward 30 minutes at 02:00
    ["America/Santiago", "2025-04-05"], // back at 24:00
    ["America/Santiago", "2025-09-07"], // forward at 00:00
    ["Asia/Kolkata", "2025-03-09"],
    ["Pacific/Chatham", "2025-09-28"], // +12:45 → +13:45 at 02:45
  ];
  it.each(days)("agrees minute by minute with resolveLocalTime in %s on %s", (zone, date) => {
    const resolve = createLocalInstantResolver(zone);
    for (let minute = 0; minute < 24 * 60; minute++) {
      const hh = String(Math.floor(minute / 60)).padStart(2, "0");
      const mm = String(minute % 60).padStart(2, "0");
      const direct = resolveLocalTime(date, `${hh}:${mm}`, zone);
      const instant = direct.instant.getTime() + 42_000;
      const cached = resolve(date, at(Math.floor(minute / 60), minute % 60, 42));
      expect(cached, `${zone} ${date} ${hh}:${mm}`).toEqual({
        occurredAt: instant,
        localDate: localDateOf(new Date(instant), zone),
        localTime: localTimeOf(new Date(instant), zone),
        resolution: direct.kind,
      });
    }
  });
});
