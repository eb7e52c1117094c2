import { describe, expect, it } from "vitest";
import {
  compareHotspots,
  formatRate,
  hotspotWindows,
  ratePer10k,
} from "../../src/domain/compstat/hotspots.js";
import { UserFacingError } from "../../src/domain/errors.js";
import { parsePopulation } from "../../src/domain/reference/population.js";

describe("hotspotWindows", () => {
  it("is the 28 days ending on the as-of date and the 28 days before, across a month and a leap day", () => {
    expect(hotspotWindows("2024-03-10")).toEqual({
      current: { from: "2024-02-12", to: "2024-03-10" },
      prior: { from: "2024-01-15", to: "2024-02-11" },
    });
    expect(() => hotspotWindows("2024-02-30")).toThrow(RangeError);
  });
});

describe("ratePer10k", () => {
  it("is per 10,000 residents in hundredths, halves up, computed in integers", () => {
    expect(ratePer10k(3, 21_000)).toBe(1.43); // 1.428…
    expect(ratePer10k(1, 8_000)).toBe(1.25);
    expect(ratePer10k(201, 2_000_000)).toBe(1.01); // exactly 1.005: the nearest double is 1.00499…
    expect(ratePer10k(1, 80_000)).toBe(0.13); // exactly 0.125
    expect(ratePer10k(0, 5_000)).toBe(0);
    expect(ratePer10k(5, 3)).toBe(16_666.67);
  });

  it("is null when the population is unknown (0), and refuses what cannot be a count", () => {
    expect(ratePer10k(3, 0)).toBeNull();
    expect(() => ratePer10k(-1, 100)).toThrow(RangeError);
    expect(() => ratePer10k(1, 2.5)).toThrow(RangeError);
  });

  it("prints with two decimals and thousands commas, or n/a", () => {
    expect([1.43, 0, 16_666.67, 0.1, null].map(formatRate)).toEqual([
      "1.43",
      "0.00",
      "16,666.67",
      "0.10",
      "n/a",
    ]);
  });
});

describe("compareHotspots", () => {
  it("puts the most shootings first, then names in reading order with numbers as numbers", () => {
    const areas = [
      { name: "BRONX / precinct 52", current: 2 },
      { name: "South End", current: 3 },
      { name: "BRONX / precinct 9", current: 2 },
      { name: "BRONX / precinct 100", current: 2 },
      { name: "Frog Hollow", current: 3 },
      { name: "asylum hill", current: 0 },
    ];
    expect(areas.sort(compareHotspots).map((a) => a.name)).toEqual([
      "Frog Hollow",
      "South End",
      "BRONX / precinct 9",
      "BRONX / precinct 52",
      "BRONX / precinct 100",
      "asylum hill",
    ]);
  });
});

describe("parsePopulation", () => {
  it("reads a whole number of residents, with or without thousands commas", () => {
    expect(["21500", "21,500", "+21500", "21500.0", "0", " 7 ", "100,000,000"].map(parsePopulation)).toEqual([
      21_500, 21_500, 21_500, 21_500, 0, 7, 100_000_000,
    ]);
  });

  it.each([
    ["-5", "`population:-5`: a population can't be negative."],
    ["2.5", "`population:2.5`: a population is a whole number of residents."],
    [".5", "`population:.5`: a population is a whole number of residents."],
    ["1e5", "`population:1e5` is not a number: write a whole number of residents."],
    ["21,50", "`population:21,50` is not a number: write a whole number of residents."],
    ["many", "`population:many` is not a number: write a whole number of residents."],
    ["100000001", "`population:100000001` is more than 100,000,000; check the number."],
    ["", "`population:` needs a number of residents."],
  ])("refuses %j with a message saying what was wrong", (raw, message) => {
    let error: unknown;
    try {
      parsePopulation(raw);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).message).toBe(message);
    expect((error as UserFacingError).hint).toBe("e.g. population:21500 (population:0 when it is not known)");
    expect((error as UserFacingError).field).toBe("population");
  });
});
