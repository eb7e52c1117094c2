import { describe, expect, it } from "vitest";
import {
  formatGrams,
  formatMass,
  maxMassMg,
  milligramsPerUnit,
  parseQuantity,
} from "../../src/domain/seizures/quantities.js";
import { errorOf } from "../helpers/errors.js";

describe("parseQuantity: weights", () => {
  it("uses the exact international ounce and pound", () => {
    expect(milligramsPerUnit.oz).toEqual({ numerator: 28_349_523_125n, denominator: 1_000_000n });
    expect(milligramsPerUnit.lb).toEqual({ numerator: 45_359_237n, denominator: 100n });
  });

  it("normalises to whole milligrams exactly, rounding half up", () => {
    expect(parseQuantity("25g", "fentanyl")).toEqual({
      quantity: 25,
      unit: "g",
      massMg: 25000n,
      dosageUnits: null,
    });
    // 1.5 oz = 42,524.2846875 mg.
    expect(parseQuantity("1.5oz", "cocaine")).toEqual({
      quantity: 1.5,
      unit: "oz",
      massMg: 42524n,
      dosageUnits: null,
    });
    // 453,592.37 mg.
    expect(parseQuantity("1lb", "meth").massMg).toBe(453592n);
    // 28,349.523125 mg.
    expect(parseQuantity("1oz", "meth").massMg).toBe(28350n);
    // 226,796.185 mg.
    expect(parseQuantity("0.5lb", "weed")).toEqual({
      quantity: 0.5,
      unit: "lb",
      massMg: 226796n,
      dosageUnits: null,
    });
    // 14,174.7615625 mg.
    expect(parseQuantity(".5oz", "coke")).toEqual({
      quantity: 0.5,
      unit: "oz",
      massMg: 14175n,
      dosageUnits: null,
    });
    // Exactly 22,679,618.5 mg both ways: half rounds up.
    expect(parseQuantity("50lb", "weed").massMg).toBe(22679619n);
    expect(parseQuantity("800oz", "weed").massMg).toBe(22679619n);
    expect(parseQuantity("0.001g", "fentanyl").massMg).toBe(1n);
    expect(parseQuantity("0.001oz", "fentanyl").massMg).toBe(28n);
    expect(parseQuantity("0.001lb", "fentanyl").massMg).toBe(454n);
  });

  it("accepts a space, a trailing zero, capitals, thousands commas and long unit names", () => {
    const twoKilos = { quantity: 2, unit: "kg", massMg: 2_000_000n, dosageUnits: null };
    expect(parseQuantity("2kg", "cocaine")).toEqual(twoKilos);
    expect(parseQuantity("2 kg", "cocaine")).toEqual(twoKilos);
    expect(parseQuantity("2.0kg", "cocaine")).toEqual(twoKilos);
    expect(parseQuantity(" 2 KG ", "cocaine")).toEqual(twoKilos);
    expect(parseQuantity("2 kilos", "cocaine")).toEqual(twoKilos);
    expect(parseQuantity("1,000g", "weed")).toMatchObject({ quantity: 1000, unit: "g", massMg: 1_000_000n });
    expect(parseQuantity("3 lbs", "weed")).toMatchObject({ quantity: 3, unit: "lb", massMg: 1_360_777n });
    expect(parseQuantity("25 grams", "fentanyl").unit).toBe("g");
    expect(parseQuantity("1.25 ounces", "fentanyl")).toMatchObject({
      quantity: 1.25,
      unit: "oz",
      massMg: 35437n,
    });
  });

  it("accepts up to 10,000 kg", () => {
    expect(parseQuantity("10000kg", "cocaine").massMg).toBe(maxMassMg);
    expect(parseQuantity("10,000kg", "cocaine").massMg).toBe(10_000_000_000n);
    const over = errorOf(() => parseQuantity("10000.001kg", "cocaine"));
    expect(over.message).toBe(
      "`cocaine:10000.001kg` is more than 10,000 kg; check the quantity and its unit.",
    );
    expect(over.hint).toBe("e.g. cocaine:25kg");
    expect(errorOf(() => parseQuantity("20000kg", "cocaine")).message).toBe(
      "`cocaine:20000kg` is more than 10,000 kg; check the quantity and its unit.",
    );
    expect(errorOf(() => parseQuantity("99999999999999999999999g", "cocaine")).message).toContain(
      "is more than 10,000 kg",
    );
  });
});

describe("parseQuantity: dosage units", () => {
  it("counts whole dosage units apart from weight", () => {
    expect(parseQuantity("40du", "pills")).toEqual({
      quantity: 40,
      unit: "du",
      massMg: null,
      dosageUnits: 40,
    });
    expect(parseQuantity("40 DU", "pills")).toEqual({
      quantity: 40,
      unit: "du",
      massMg: null,
      dosageUnits: 40,
    });
    expect(parseQuantity("12 tabs", "xanax").dosageUnits).toBe(12);
    expect(parseQuantity("1000000du", "pills").dosageUnits).toBe(1_000_000);
  });

  it("rejects fractions and implausible counts", () => {
    const half = errorOf(() => parseQuantity("2.5du", "pills"));
    expect(half.message).toBe("`pills:2.5du`: dosage units are counted whole (pills, tabs, doses).");
    expect(half.hint).toBe("e.g. pills:2du");
    expect(errorOf(() => parseQuantity("0.5du", "pills")).hint).toBe("e.g. pills:1du");
    const many = errorOf(() => parseQuantity("1000001du", "pills"));
    expect(many.message).toBe("`pills:1000001du` is more than 1,000,000 dosage units; check the number.");
    expect(many.hint).toBe("e.g. pills:40du");
  });
});

describe("parseQuantity: mistakes", () => {
  it("rejects an unknown or missing unit", () => {
    const gr = errorOf(() => parseQuantity("25gr", "fentanyl"));
    expect(gr.message).toBe("`fentanyl:25gr`: unknown unit `gr`; use g, kg, oz, lb or du (dosage units).");
    expect(gr.hint).toBe("e.g. fentanyl:25g");
    const bare = errorOf(() => parseQuantity("25", "fentanyl"));
    expect(bare.message).toBe(
      "`fentanyl:25`: the quantity needs a unit: g, kg, oz, lb or du (dosage units).",
    );
    expect(bare.hint).toBe("e.g. fentanyl:25g");
  });

  it("rejects an empty quantity", () => {
    const empty = errorOf(() => parseQuantity(" ", "fentanyl"));
    expect(empty.message).toBe(
      "`fentanyl:` needs a quantity and a unit: g, kg, oz, lb or du (dosage units).",
    );
    expect(empty.hint).toBe("e.g. fentanyl:25g");
  });

  it("rejects zero and negatives", () => {
    expect(errorOf(() => parseQuantity("0g", "fentanyl")).message).toBe(
      "`fentanyl:0g`: the quantity must be more than zero.",
    );
    expect(errorOf(() => parseQuantity("0.000oz", "fentanyl")).message).toBe(
      "`fentanyl:0.000oz`: the quantity must be more than zero.",
    );
    expect(errorOf(() => parseQuantity("0du", "pills")).hint).toBe("e.g. pills:40du");
    expect(errorOf(() => parseQuantity("-5g", "fentanyl")).message).toBe(
      "`fentanyl:-5g`: a quantity can't be negative.",
    );
  });

  it("rejects more than three decimals", () => {
    const e = errorOf(() => parseQuantity("1.2345g", "fentanyl"));
    expect(e.message).toBe("`fentanyl:1.2345g`: use at most 3 decimal places.");
    expect(e.hint).toBe("e.g. fentanyl:1.234g");
  });

  it("rejects exponents, NaN, Infinity and other non-numbers", () => {
    expect(errorOf(() => parseQuantity("1e309", "fentanyl")).message).toBe(
      "`fentanyl:1e309`: write the quantity as a plain number with its unit, like 25g or 1.5oz.",
    );
    expect(errorOf(() => parseQuantity("1e3g", "fentanyl")).message).toContain("plain number");
    for (const raw of ["NaN", "Infinity", "abc", "1.5.5g", "g", ".g", "5g5"]) {
      expect(errorOf(() => parseQuantity(raw, "fentanyl")).message, raw).toBe(
        `\`fentanyl:${raw}\` is not a quantity: write a number and a unit, like 25g, 1.5oz or 40du.`,
      );
    }
  });

  it("rejects misplaced commas", () => {
    const e = errorOf(() => parseQuantity("1,00g", "fentanyl"));
    expect(e.message).toBe("`fentanyl:1,00g`: commas must separate thousands, like 1,000g.");
  });

  it("echoes input escaped and shortened", () => {
    expect(errorOf(() => parseQuantity("5<!channel>", "fentanyl")).message).toBe(
      "`fentanyl:5&lt;!channel&gt;` is not a quantity: write a number and a unit, like 25g, 1.5oz or 40du.",
    );
    const long = errorOf(() => parseQuantity(`5${"x".repeat(80)}`, "fentanyl"));
    expect(long.message).toBe(
      `\`fentanyl:5${"x".repeat(29)}…\`: unknown unit \`${"x".repeat(39)}…\`; use g, kg, oz, lb or du (dosage units).`,
    );
  });
});

describe("formatGrams", () => {
  it("shows milligram precision below a gram", () => {
    expect(formatGrams(0n)).toBe("0 g");
    expect(formatGrams(1n)).toBe("0.001 g");
    expect(formatGrams(125n)).toBe("0.125 g");
    expect(formatGrams(500n)).toBe("0.5 g");
    expect(formatGrams(999n)).toBe("0.999 g");
  });

  it("shows up to two decimals from a gram, trimmed", () => {
    expect(formatGrams(1000n)).toBe("1 g");
    expect(formatGrams(1500n)).toBe("1.5 g");
    expect(formatGrams(25000n)).toBe("25 g");
    expect(formatGrams(42524n)).toBe("42.52 g");
    expect(formatGrams(42525n)).toBe("42.53 g");
    expect(formatGrams(999994n)).toBe("999.99 g");
    expect(formatGrams(999995n)).toBe("1,000 g");
  });

  it("shows one decimal and thousands separators from 1,000 g", () => {
    expect(formatGrams(1_000_000n)).toBe("1,000.0 g");
    expect(formatGrams(1_234_500n)).toBe("1,234.5 g");
    expect(formatGrams(1_234_549n)).toBe("1,234.5 g");
    expect(formatGrams(1_234_550n)).toBe("1,234.6 g");
    expect(formatGrams(453_592_000n)).toBe("453,592.0 g");
  });

  it("keeps the sign of a negative difference", () => {
    expect(formatGrams(-42524n)).toBe("-42.52 g");
    expect(formatGrams(-1_234_500n)).toBe("-1,234.5 g");
  });
});

describe("formatMass", () => {
  it("switches to kilograms from 10 kg", () => {
    expect(formatMass(42524n)).toBe("42.52 g");
    expect(formatMass(9_999_999n)).toBe("10,000.0 g");
    expect(formatMass(10_000_000n)).toBe("10 kg");
    expect(formatMass(12_345_000n)).toBe("12.35 kg");
    expect(formatMass(12_344_999n)).toBe("12.34 kg");
    expect(formatMass(12_300_000n)).toBe("12.3 kg");
    expect(formatMass(10_000_000_000n)).toBe("10,000 kg");
    expect(formatMass(-12_345_000n)).toBe("-12.35 kg");
  });
});
