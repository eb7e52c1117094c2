import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../../src/domain/grammar/args.js";
import {
  describeItems,
  parseCount,
  parseSeizureItems,
  type SeizureItems,
  seizedAnything,
  seizureAttributeKeys,
} from "../../src/domain/seizures/seizure-items.js";
import { errorOf } from "../helpers/errors.js";

/** Options as the real tokenizer produces them from `/tf seizure …` text. */
const optionsOf = (text: string) => parseCommandLine(`seizure ${text}`).args.options;
const items = (text: string) => parseSeizureItems(optionsOf(text));

const itemsHint =
  "e.g. /tf seizure guns:2 stolen-guns:1 fentanyl:25g cocaine:1.5oz pills:40du cash:4500 arrests:1";

const none: SeizureItems = {
  firearms: 0,
  stolenFirearms: 0,
  ghostGuns: 0,
  conversionDevices: 0,
  currencyCents: 0n,
  vehicles: 0,
  arrests: 0,
  warrants: 0,
  trafficStops: 0,
  citations: 0,
  paroleChecks: 0,
  paroleViolations: 0,
  narcotics: [],
};

describe("parseCount", () => {
  it("reads whole numbers from 0 to 100,000", () => {
    expect(parseCount("0", "guns")).toBe(0);
    expect(parseCount("2", "guns")).toBe(2);
    expect(parseCount(" 007 ", "guns")).toBe(7);
    expect(parseCount("2.0", "guns")).toBe(2);
    expect(parseCount("100000", "arrests")).toBe(100_000);
  });

  it("explains each kind of mistake", () => {
    const cases: Array<[string, string]> = [
      ["-1", "`guns:-1`: a count can't be negative."],
      ["2.5", "`guns:2.5`: a count must be a whole number."],
      [".5", "`guns:.5`: a count must be a whole number."],
      ["abc", "`guns:abc` is not a number: write a whole number."],
      ["NaN", "`guns:NaN` is not a number: write a whole number."],
      ["two", "`guns:two` is not a number: write a whole number."],
      ["1e309", "`guns:1e309`: write the count as a plain whole number."],
      ["1E3", "`guns:1E3`: write the count as a plain whole number."],
      ["100001", "`guns:100001` is more than 100,000; check the number."],
      ["99999999999999999999999", "`guns:99999999999999999999999` is more than 100,000; check the number."],
      ["", "`guns:` needs a number."],
    ];
    for (const [raw, message] of cases) {
      const e = errorOf(() => parseCount(raw, "guns"));
      expect(e.message, raw).toBe(message);
      expect(e.hint).toBe("e.g. guns:2");
    }
    expect(errorOf(() => parseCount("x", "warrants")).hint).toBe("e.g. warrants:2");
  });

  it("escapes what it echoes", () => {
    expect(errorOf(() => parseCount("<!here>", "guns")).message).toBe(
      "`guns:&lt;!here&gt;` is not a number: write a whole number.",
    );
  });
});

describe("parseSeizureItems", () => {
  it("reads every kind of item", () => {
    const result = items(
      "guns:3 stolen-guns:1 ghost-guns:2 conversion-devices:1 fentanyl:25g cocaine:1.5oz pills:40du cash:$4,500 vehicles:1 arrests:2 warrants:1",
    );
    expect(result).toEqual({
      firearms: 3,
      stolenFirearms: 1,
      ghostGuns: 2,
      conversionDevices: 1,
      currencyCents: 450_000n,
      vehicles: 1,
      arrests: 2,
      warrants: 1,
      trafficStops: 0,
      citations: 0,
      paroleChecks: 0,
      paroleViolations: 0,
      narcotics: [
        { drugName: "fentanyl", code: "H", quantity: 25, unit: "g", massMg: 25_000n, dosageUnits: null },
        { drugName: "cocaine", code: "B", quantity: 1.5, unit: "oz", massMg: 42_524n, dosageUnits: null },
        { drugName: "pills", code: "P", quantity: 40, unit: "du", massMg: null, dosageUnits: 40 },
      ],
    });
  });

  it("stores drugs under their catalog name and accepts aliases and spellings of keys", () => {
    expect(items("coke:5g").narcotics).toEqual([
      { drugName: "cocaine", code: "B", quantity: 5, unit: "g", massMg: 5_000n, dosageUnits: null },
    ]);
    expect(items("Crystal_Meth:2oz").narcotics[0]).toMatchObject({ drugName: "meth", code: "L" });
    expect(items("switches:2")).toEqual({ ...none, conversionDevices: 2 });
    expect(items("stolen_guns:1 GUNS:1")).toEqual({ ...none, firearms: 1, stolenFirearms: 1 });
    expect(items("gun:1 arrest:1 warrant:1 vehicle:1")).toEqual({
      ...none,
      firearms: 1,
      arrests: 1,
      warrants: 1,
      vehicles: 1,
    });
  });

  it("keeps the same drug twice as two entries", () => {
    expect(items("fentanyl:25g fentanyl:40du").narcotics).toEqual([
      { drugName: "fentanyl", code: "H", quantity: 25, unit: "g", massMg: 25_000n, dosageUnits: null },
      { drugName: "fentanyl", code: "H", quantity: 40, unit: "du", massMg: null, dosageUnits: 40 },
    ]);
  });

  it("leaves report attributes to the caller", () => {
    expect(seizureAttributeKeys).toEqual(["area", "case", "on", "unit", "agency", "note"]);
    expect(
      items('guns:1 area:north case:"24-001234" on:today unit:gang agency:dea note:"traffic stop, I-94"'),
    ).toEqual({ ...none, firearms: 1 });
  });

  it("rejects a count given twice, including through an alias", () => {
    const e = errorOf(() => items("guns:2 fentanyl:5g guns:3"));
    expect(e.message).toBe("`guns:3` repeats `guns:2`: give each count once, as the total.");
    expect(e.hint).toBe(itemsHint);
    expect(errorOf(() => items("switches:1 conversion-devices:2")).message).toBe(
      "`conversion-devices:2` repeats `switches:1`: give each count once, as the total.",
    );
    expect(errorOf(() => items("cash:100 cash:200")).message).toBe(
      "`cash:200` repeats `cash:100`: give each count once, as the total.",
    );
  });

  it("counts stolen and ghost guns within guns", () => {
    const stolen = errorOf(() => items("guns:2 stolen-guns:3"));
    expect(stolen.message).toBe(
      "`stolen-guns:3` is more than `guns:2`: stolen and ghost guns are counted within guns.",
    );
    expect(stolen.hint).toBe("e.g. guns:3 stolen-guns:3");
    expect(errorOf(() => items("ghost-guns:2 guns:1")).message).toBe(
      "`ghost-guns:2` is more than `guns:1`: stolen and ghost guns are counted within guns.",
    );
    const missing = errorOf(() => items("stolen-guns:1"));
    expect(missing.message).toBe(
      "`stolen-guns:1` needs `guns:` too: stolen and ghost guns are counted within guns.",
    );
    expect(missing.hint).toBe("e.g. guns:1 stolen-guns:1");
    // Equal is fine, and a gun may be both stolen and privately made.
    expect(items("guns:2 stolen-guns:2 ghost-guns:2")).toMatchObject({
      firearms: 2,
      stolenFirearms: 2,
      ghostGuns: 2,
    });
  });

  it("needs at least one item seized", () => {
    const nothing = errorOf(() => items("area:north case:24-1"));
    expect(nothing.message).toBe(
      "A report needs at least one item: guns, drugs, cash, vehicles, arrests, warrants, stops, citations, parole-checks or parole-violations.",
    );
    expect(nothing.hint).toBe(itemsHint);
    expect(errorOf(() => parseSeizureItems([])).message).toBe(
      "A report needs at least one item: guns, drugs, cash, vehicles, arrests, warrants, stops, citations, parole-checks or parole-violations.",
    );
    expect(errorOf(() => items("guns:0 cash:0")).message).toBe(
      "Every item is zero: a report needs at least one thing seized or done.",
    );
    expect(items("cash:0.01").currencyCents).toBe(1n);
    expect(items("warrants:1")).toEqual({ ...none, warrants: 1 });
  });

  it("suggests the closest item or drug for an unknown key", () => {
    const typo = errorOf(() => items("fentanil:25g"));
    expect(typo.message).toBe("`fentanil:25g`: unknown item `fentanil`. Did you mean `fentanyl`?");
    expect(typo.hint).toBe(itemsHint);
    expect(errorOf(() => items("gusn:2")).message).toBe(
      "`gusn:2`: unknown item `gusn`. Did you mean `guns`?",
    );
    expect(errorOf(() => items("stolen-gusn:1")).message).toBe(
      "`stolen-gusn:1`: unknown item `stolen-gusn`. Did you mean `stolen-guns`?",
    );
    expect(errorOf(() => items("guns:1 aera:north")).message).toBe(
      "`aera:north`: unknown item `aera`. Did you mean `area`?",
    );
  });

  it("explains how to write items when nothing is close", () => {
    const e = errorOf(() => items("bicycles:2"));
    expect(e.message).toBe(
      "`bicycles:2`: unknown item `bicycles`. Items are guns, stolen-guns, ghost-guns, conversion-devices, cash, vehicles, arrests, warrants, stops, citations, parole-checks, parole-violations, or a drug with its quantity, like fentanyl:25g.",
    );
    expect(e.hint).toBe(itemsHint);
  });

  it("passes on the message of a bad value", () => {
    expect(errorOf(() => items("fentanyl:25gr")).message).toBe(
      "`fentanyl:25gr`: unknown unit `gr`; use g, kg, oz, lb or du (dosage units).",
    );
    expect(errorOf(() => items("coke:25")).message).toBe(
      "`coke:25`: the quantity needs a unit: g, kg, oz, lb or du (dosage units).",
    );
    expect(errorOf(() => items("guns:2.5")).message).toBe("`guns:2.5`: a count must be a whole number.");
    expect(errorOf(() => items("cash:4,50")).message).toBe(
      "`cash:4,50`: commas must separate thousands, like $4,500; cents follow a point, like $4.50.",
    );
  });

  it("reads enforcement activity, under its documented keys and their spellings", () => {
    expect(items("stops:14 citations:6 parole-checks:9 parole-violations:2")).toEqual({
      ...none,
      trafficStops: 14,
      citations: 6,
      paroleChecks: 9,
      paroleViolations: 2,
    });
    expect(items("traffic_stops:3 citation:1 Parole_Check:1 parole-violation:1")).toEqual({
      ...none,
      trafficStops: 3,
      citations: 1,
      paroleChecks: 1,
      paroleViolations: 1,
    });
    expect(items("stop:1 guns:1 arrests:1")).toEqual({ ...none, trafficStops: 1, firearms: 1, arrests: 1 });
    expect(errorOf(() => items("stops:2 traffic-stops:3")).message).toBe(
      "`traffic-stops:3` repeats `stops:2`: give each count once, as the total.",
    );
    expect(errorOf(() => items("stosp:2")).message).toBe(
      "`stosp:2`: unknown item `stosp`. Did you mean `stops`?",
    );
    expect(errorOf(() => items("parole-chekcs:2")).message).toBe(
      "`parole-chekcs:2`: unknown item `parole-chekcs`. Did you mean `parole-checks`?",
    );
  });

  it("takes a report of activity alone, but not one whose every count is zero", () => {
    // A trooper's shift of stops with nothing seized is a report; so is a day of parole visits.
    expect(items("stops:12")).toEqual({ ...none, trafficStops: 12 });
    expect(items("parole-checks:5")).toEqual({ ...none, paroleChecks: 5 });
    expect(errorOf(() => items("stops:0 citations:0")).message).toBe(
      "Every item is zero: a report needs at least one thing seized or done.",
    );
  });

  it("refuses negative and non-integer activity counts as it refuses any count, naming the field", () => {
    const cases: Array<[string, string, string]> = [
      ["stops:-3", "`stops:-3`: a count can't be negative.", "stops"],
      ["citations:1.5", "`citations:1.5`: a count must be a whole number.", "citations"],
      ["parole-checks:2e1", "`parole-checks:2e1`: write the count as a plain whole number.", "parole-checks"],
      [
        "parole-violations:some",
        "`parole-violations:some` is not a number: write a whole number.",
        "parole-violations",
      ],
      ["stops:100001", "`stops:100001` is more than 100,000; check the number.", "stops"],
    ];
    for (const [text, message, field] of cases) {
      const e = errorOf(() => items(text));
      expect(e.message, text).toBe(message);
      expect(e.hint, text).toBe(`e.g. ${field}:2`);
      // A form shows the error under the input of that name.
      expect(e.field, text).toBe(field);
    }
  });

  it("escapes and shortens echoed keys and values", () => {
    const e = errorOf(() =>
      parseSeizureItems([{ key: "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", value: "<!channel>" }]),
    );
    expect(e.message.startsWith(`\`${"z".repeat(39)}…\`: unknown item \`${"z".repeat(39)}…\`.`)).toBe(true);
    expect(errorOf(() => items("guns:1 cash:<!here>")).message).toBe(
      "`cash:&lt;!here&gt;` is not an amount: write dollars like 4500, $4,500.50, 4.5k or 1.2m.",
    );
  });
});

describe("describeItems", () => {
  it("writes one line per kind of item for a confirmation", () => {
    expect(
      describeItems(
        items(
          "guns:2 stolen-guns:1 switches:1 fentanyl:25g cocaine:1.5oz weed:2lb meth:2kg pills:40du cash:4500 vehicles:1 arrests:3 warrants:1",
        ),
      ),
    ).toEqual([
      "2 guns (1 stolen)",
      "1 conversion device",
      "fentanyl 25 g",
      "cocaine 1.5 oz (42.52 g)",
      // 2 lb is 907,184.74 mg, stored as 907,185 mg; shown from the stored figure.
      "marijuana 2 lb (907.19 g)",
      "meth 2 kg",
      "pills 40 dosage units",
      "cash $4,500",
      "1 vehicle",
      "3 arrests",
      "1 search warrant",
    ]);
  });

  it("uses singulars, separators and both gun subsets", () => {
    expect(describeItems({ ...none, firearms: 1 })).toEqual(["1 gun"]);
    expect(describeItems({ ...none, firearms: 3, stolenFirearms: 1, ghostGuns: 2 })).toEqual([
      "3 guns (1 stolen, 2 ghost)",
    ]);
    expect(describeItems({ ...none, firearms: 2, ghostGuns: 2 })).toEqual(["2 guns (2 ghost)"]);
    expect(describeItems(items("fentanyl:1,250.5g pills:1du cash:4500.50 arrests:1 warrants:2"))).toEqual([
      "fentanyl 1,250.5 g",
      "pills 1 dosage unit",
      "cash $4,500.50",
      "1 arrest",
      "2 search warrants",
    ]);
    expect(describeItems(none)).toEqual([]);
  });

  it("describes activity after what was seized, and tells a report of activity alone apart", () => {
    const shift = items("stops:14 citations:1 parole-checks:1 parole-violations:2 guns:1");
    expect(describeItems(shift)).toEqual([
      "1 gun",
      "14 traffic stops",
      "1 citation",
      "1 parole check",
      "2 parole violations",
    ]);
    expect(seizedAnything(shift)).toBe(true);
    expect(seizedAnything(items("stops:14 citations:6"))).toBe(false);
    expect(seizedAnything(items("cash:1"))).toBe(true);
    expect(seizedAnything(items("pills:1du"))).toBe(true);
    expect(seizedAnything(items("warrants:1"))).toBe(true);
  });
});
