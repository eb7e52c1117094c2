import { describe, expect, it } from "vitest";
import { localTimeOf, resolveLocalTime } from "../../src/domain/time/zoned.js";

const ny = "America/New_York";

describe("resolveLocalTime", () => {
  it("converts an ordinary local time with the offset in force", () => {
    expect(resolveLocalTime("2025-01-15", "14:30", ny)).toEqual({
      kind: "exact",
      instant: new Date("2025-01-15T19:30:00Z"),
      offset: "-05:00",
    });
    expect(resolveLocalTime("2025-07-04", "21:15", ny)).toEqual({
      kind: "exact",
      instant: new Date("2025-07-05T01:15:00Z"),
      offset: "-04:00",
    });
  });

  it("reports a time in the spring-forward gap, which never happened", () => {
    expect(resolveLocalTime("2025-03-09", "02:30", ny)).toEqual({
      kind: "gap",
      instant: new Date("2025-03-09T07:30:00Z"),
      offset: "-04:00",
    });
  });

  it("reports a time in the fall-back overlap with both instants, earlier first", () => {
    expect(resolveLocalTime("2025-11-02", "01:30", ny)).toEqual({
      kind: "overlap",
      instant: new Date("2025-11-02T05:30:00Z"),
      offset: "-04:00",
      later: new Date("2025-11-02T06:30:00Z"),
      laterOffset: "-05:00",
    });
  });

  it("reads local wall-clock time back from an instant across DST", () => {
    expect(localTimeOf(new Date("2025-11-02T05:30:00Z"), ny)).toBe("01:30");
    expect(localTimeOf(new Date("2025-11-02T06:30:00Z"), ny)).toBe("01:30");
    expect(localTimeOf(new Date("2025-03-09T07:30:00Z"), ny)).toBe("03:30");
  });
});
