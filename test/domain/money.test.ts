import { describe, expect, it } from "vitest";
import { formatCents, maxCashCents, parseCash } from "../../src/domain/seizures/money.js";
import { errorOf } from "../helpers/errors.js";

const hint = "e.g. cash:4500, cash:$4,500.50 or cash:4.5k";

describe("parseCash", () => {
  it("reads dollars in the ways people write them, exactly, in cents", () => {
    expect(parseCash("4500")).toBe(450_000n);
    expect(parseCash("$4,500")).toBe(450_000n);
    expect(parseCash("4.5k")).toBe(450_000n);
    expect(parseCash("4.5K")).toBe(450_000n);
    expect(parseCash("$1.2m")).toBe(120_000_000n);
    expect(parseCash("4500.50")).toBe(450_050n);
    expect(parseCash("$4,500.50")).toBe(450_050n);
    expect(parseCash("$0.99")).toBe(99n);
    expect(parseCash("$.99")).toBe(99n);
    expect(parseCash(" $ 4,500 ")).toBe(450_000n);
    expect(parseCash("0")).toBe(0n);
  });

  it("allows decimals with a suffix as long as they come to whole cents", () => {
    expect(parseCash("1.23456k")).toBe(123_456n);
    expect(parseCash("1.00000001m")).toBe(100_000_001n);
    // 0.1 + 0.2 in floating point is not 0.3; here it is never floating point.
    expect(parseCash("0.30")).toBe(30n);
    const e = errorOf(() => parseCash("1.000000001m"));
    expect(e.message).toBe(
      "`cash:1.000000001m`: the amount must come to whole cents (at most 2 decimal places).",
    );
    expect(e.hint).toBe(hint);
  });

  it("rejects more than two decimals", () => {
    expect(errorOf(() => parseCash("4500.505")).message).toBe(
      "`cash:4500.505`: the amount must come to whole cents (at most 2 decimal places).",
    );
    // Trailing zeros still come to whole cents.
    expect(parseCash("4500.500")).toBe(450_050n);
  });

  it("accepts up to $1,000,000,000", () => {
    expect(maxCashCents).toBe(100_000_000_000n);
    expect(parseCash("1000000000")).toBe(100_000_000_000n);
    expect(parseCash("$1,000,000,000.00")).toBe(100_000_000_000n);
    expect(parseCash("1000m")).toBe(100_000_000_000n);
    const over = errorOf(() => parseCash("2000000000"));
    expect(over.message).toBe("`cash:2000000000` is more than $1,000,000,000; check the amount.");
    expect(over.hint).toBe(hint);
    expect(errorOf(() => parseCash("1000000000.01")).message).toContain("is more than $1,000,000,000");
    expect(errorOf(() => parseCash("9".repeat(30))).message).toContain("is more than $1,000,000,000");
  });

  it("rejects negatives", () => {
    for (const raw of ["-50", "$-50", "-$50", "(50)"]) {
      const e = errorOf(() => parseCash(raw));
      expect(e.message, raw).toBe(`\`cash:${raw}\`: an amount can't be negative.`);
      expect(e.hint).toBe(hint);
    }
  });

  it("rejects misplaced commas", () => {
    for (const raw of ["4,50", "45,00.00", "4500,", ",500", "1,0000"]) {
      expect(errorOf(() => parseCash(raw)).message, raw).toBe(
        `\`cash:${raw}\`: commas must separate thousands, like $4,500; cents follow a point, like $4.50.`,
      );
    }
  });

  it("rejects an empty amount", () => {
    const e = errorOf(() => parseCash("  "));
    expect(e.message).toBe("`cash:` needs an amount in dollars.");
    expect(e.hint).toBe(hint);
  });

  it("rejects exponents and anything that is not an amount", () => {
    expect(errorOf(() => parseCash("1e309")).message).toBe(
      "`cash:1e309`: write the amount as a plain number, like 4500 or 4.5k.",
    );
    for (const raw of ["abc", "NaN", "$", "4.5b", "$$5", "5$", "4.5.0", "k"]) {
      expect(errorOf(() => parseCash(raw)).message, raw).toBe(
        `\`cash:${raw}\` is not an amount: write dollars like 4500, $4,500.50, 4.5k or 1.2m.`,
      );
    }
  });

  it("escapes what it echoes", () => {
    expect(errorOf(() => parseCash("<!channel>")).message).toBe(
      "`cash:&lt;!channel&gt;` is not an amount: write dollars like 4500, $4,500.50, 4.5k or 1.2m.",
    );
  });
});

describe("formatCents", () => {
  it("shows dollars with separators and cents only when there are some", () => {
    expect(formatCents(450_000n)).toBe("$4,500");
    expect(formatCents(450_050n)).toBe("$4,500.50");
    expect(formatCents(99n)).toBe("$0.99");
    expect(formatCents(5n)).toBe("$0.05");
    expect(formatCents(0n)).toBe("$0");
    expect(formatCents(123_456_789n)).toBe("$1,234,567.89");
    expect(formatCents(100_000_000_000n)).toBe("$1,000,000,000");
    expect(formatCents(-450_050n)).toBe("-$4,500.50");
  });
});
