import { describe, expect, it } from "vitest";
import { sourceCase } from "../../src/db/seed/source-case.js";
import { formatPoints, formatShare } from "../../src/domain/compstat/ratios.js";
import {
  briefHighwayShare,
  describeHighwayShare,
  highwayShare,
  shareChange,
} from "../../src/domain/effort/highway-share.js";
import {
  defaultUnitMeasures,
  effortMeasures,
  measureDefinitions,
  measuresFor,
  measuresSource,
  parseMeasureList,
  unitMeasureTable,
} from "../../src/domain/effort/unit-measures.js";
import { errorOf } from "../helpers/errors.js";

describe("the highway share of traffic stops", () => {
  it("divides highway stops by the stops whose place is known, leaving stops with no area out", () => {
    expect(highwayShare({ highway: 9, neighborhood: 3, noArea: 0 })).toEqual({
      highway: 9,
      neighborhood: 3,
      noArea: 0,
      stops: 12,
      percent: 75,
    });
    // 9 of 11 placed stops: 81.81…%, the stop with no area in neither side.
    const withUnplaced = highwayShare({ highway: 9, neighborhood: 2, noArea: 1 });
    expect(withUnplaced.stops).toBe(12);
    expect(withUnplaced.percent).toBeCloseTo(81.818, 3);
    expect(formatShare(withUnplaced.percent)).toBe("82%");
    expect(highwayShare({ highway: 0, neighborhood: 0, noArea: 0 }).percent).toBeNull();
    expect(highwayShare({ highway: 0, neighborhood: 0, noArea: 3 }).percent).toBeNull();
    expect(highwayShare({ highway: 0, neighborhood: 4, noArea: 0 }).percent).toBe(0);
  });

  it("rounds to whole percents, halves up, and says n/a with nothing to divide", () => {
    expect(formatShare(12.5)).toBe("13%");
    expect(formatShare((2 * 100) / 3)).toBe("67%");
    expect(formatShare(0)).toBe("0%");
    expect(formatShare(100)).toBe("100%");
    expect(formatShare(null)).toBe("n/a");
  });

  it("writes the figure with the stops behind it", () => {
    expect(describeHighwayShare(highwayShare({ highway: 9, neighborhood: 3, noArea: 0 }))).toBe(
      "75% on highway posts (9 of 12 stops)",
    );
    expect(describeHighwayShare(highwayShare({ highway: 9, neighborhood: 2, noArea: 1 }))).toBe(
      "82% on highway posts (9 of 11 stops with an area; 1 stop with no area left out)",
    );
    expect(describeHighwayShare(highwayShare({ highway: 1, neighborhood: 0, noArea: 2 }))).toBe(
      "100% on highway posts (1 of 1 stop with an area; 2 stops with no area left out)",
    );
    expect(describeHighwayShare(highwayShare({ highway: 0, neighborhood: 0, noArea: 0 }))).toBe(
      "n/a (no traffic stops)",
    );
    expect(describeHighwayShare(highwayShare({ highway: 0, neighborhood: 0, noArea: 1 }))).toBe(
      "n/a (1 traffic stop, none with an area)",
    );
    expect(describeHighwayShare(highwayShare({ highway: 1200, neighborhood: 300, noArea: 0 }))).toBe(
      "80% on highway posts (1,200 of 1,500 stops)",
    );
    expect(briefHighwayShare(highwayShare({ highway: 9, neighborhood: 3, noArea: 0 }))).toBe("75% (9 of 12)");
    expect(briefHighwayShare(highwayShare({ highway: 9, neighborhood: 2, noArea: 1 }))).toBe(
      "82% (9 of 11; 1 no area)",
    );
    expect(briefHighwayShare(highwayShare({ highway: 0, neighborhood: 0, noArea: 0 }))).toBe(
      "n/a (no stops)",
    );
    expect(briefHighwayShare(highwayShare({ highway: 0, neighborhood: 0, noArea: 2 }))).toBe(
      "n/a (2 stops, no area)",
    );
  });

  it("compares a share with a year earlier in percentage points", () => {
    const now = highwayShare({ highway: 3, neighborhood: 1, noArea: 0 }); // 75%
    const before = highwayShare({ highway: 1, neighborhood: 1, noArea: 0 }); // 50%
    expect(shareChange(now, before).points).toBe(25);
    expect(formatPoints(shareChange(now, before).points)).toBe("+25 pts");
    expect(formatPoints(shareChange(before, now).points)).toBe("-25 pts");
    expect(formatPoints(shareChange(now, now).points)).toBe("0 pts");
    expect(formatPoints(2.5)).toBe("+3 pts");
    expect(formatPoints(-2.5)).toBe("-3 pts");
    expect(formatPoints(-0.4)).toBe("0 pts");
    // A year earlier with no stops: nothing to compare with.
    const none = highwayShare({ highway: 0, neighborhood: 0, noArea: 0 });
    expect(shareChange(now, none).points).toBeNull();
    expect(formatPoints(shareChange(now, none).points)).toBe("n/a");
  });
});

describe("the measures each unit is judged by", () => {
  it("has an entry for every unit of the source case, and only known measures", () => {
    expect(Object.keys(unitMeasureTable).sort()).toEqual(sourceCase.units.map((u) => u.code).sort());
    expect(unitMeasureTable).toEqual({
      vctf: ["arrests", "warrants"],
      sntf: ["guns", "stolen-guns", "narcotics-grams", "cash"],
      attf: ["vehicles", "arrests"],
      tsu: ["stops", "citations", "highway-share", "guns"],
      parole: ["parole-checks", "parole-violations", "warrants"],
    });
    for (const list of [...Object.values(unitMeasureTable), defaultUnitMeasures]) {
      for (const measure of list) expect(effortMeasures).toContain(measure);
    }
    expect(Object.keys(measureDefinitions)).toEqual([...effortMeasures]);
  });

  it("takes an admin's list first, then the table by code, then the default", () => {
    expect(measuresFor("tsu", null)).toEqual(["stops", "citations", "highway-share", "guns"]);
    expect(measuresSource("tsu", null)).toBe("table");
    expect(measuresFor("gang-unit", null)).toEqual(["reports", "guns", "narcotics-grams", "cash", "arrests"]);
    expect(measuresSource("gang-unit", null)).toBe("default");
    expect(measuresFor("tsu", "stops,highway-share")).toEqual(["stops", "highway-share"]);
    expect(measuresSource("tsu", "stops,highway-share")).toBe("admin");
    // A stored name no longer known is skipped; with none left, the table applies again.
    expect(measuresFor("tsu", "stops,retired-measure")).toEqual(["stops"]);
    expect(measuresFor("tsu", "retired-measure")).toEqual(["stops", "citations", "highway-share", "guns"]);
    expect(measuresSource("tsu", "retired-measure")).toBe("table");
    // Object's own properties are no unit codes.
    expect(measuresFor("constructor", null)).toEqual([...defaultUnitMeasures]);
    expect(measuresSource("constructor", null)).toBe("default");
  });

  it("reads an admin's list in order, with commas or spaces, repeats dropped", () => {
    expect(parseMeasureList("stops,citations")).toEqual(["stops", "citations"]);
    expect(parseMeasureList("Stops, highway_share  guns,stops")).toEqual(["stops", "highway-share", "guns"]);
  });

  it("refuses an unknown measure naming the valid ones, an empty list and too many", () => {
    const all =
      "Measures: reports, guns, stolen-guns, ghost-guns, conversion-devices, narcotics-grams, dosage-units, cash, vehicles, arrests, warrants, stops, citations, highway-share, parole-checks, parole-violations.";
    const typo = errorOf(() => parseMeasureList("stops,citatoins"));
    expect(typo.message).toBe("`citatoins` is not a measure. Did you mean `citations`?");
    expect(typo.hint).toBe(all);
    const unknown = errorOf(() => parseMeasureList("stops,<!channel>"));
    expect(unknown.message).toBe("`&lt;!channel&gt;` is not a measure.");
    expect(unknown.hint).toBe(all);
    expect(errorOf(() => parseMeasureList(" , ")).message).toBe("Say which measures, separated by commas.");
    expect(
      errorOf(() =>
        parseMeasureList(
          "reports,guns,stolen-guns,ghost-guns,conversion-devices,narcotics-grams,cash,vehicles,arrests",
        ),
      ).message,
    ).toBe("That is 9 measures; a unit shows at most 8, so its line stays readable.");
  });
});
