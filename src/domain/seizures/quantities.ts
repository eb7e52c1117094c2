import { invalid } from "../errors.js";
import { quoteInput } from "../text/escape.js";
import { formatCount } from "../text/numbers.js";

export type MassUnit = "g" | "kg" | "oz" | "lb";
export type QuantityUnit = MassUnit | "du";

export interface Quantity {
  /** The number as entered (1.5 for `1.5oz`), at most 3 decimals. */
  quantity: number;
  unit: QuantityUnit;
  /** Exact weight in whole milligrams (half-up); null for dosage units. */
  massMg: bigint | null;
  /** Whole dosage units (pills, tabs, doses); null for weights. */
  dosageUnits: number | null;
}

/**
 * Milligrams per unit as exact fractions: the international avoirdupois ounce is exactly
 * 28.349523125 g and the pound exactly 453.59237 g (International Yard and Pound Agreement, 1959).
 */
export const milligramsPerUnit: Readonly<Record<MassUnit, { numerator: bigint; denominator: bigint }>> = {
  g: { numerator: 1_000n, denominator: 1n },
  kg: { numerator: 1_000_000n, denominator: 1n },
  oz: { numerator: 28_349_523_125n, denominator: 1_000_000n },
  lb: { numerator: 45_359_237n, denominator: 100n },
};

/** 10,000 kg: anything heavier is a typo (kg for g), not a seizure. */
export const maxMassMg = 10_000_000_000n;
export const maxDosageUnits = 1_000_000;

const unitNames: Readonly<Record<string, QuantityUnit>> = {
  g: "g",
  gm: "g",
  gms: "g",
  gram: "g",
  grams: "g",
  kg: "kg",
  kgs: "kg",
  kilo: "kg",
  kilos: "kg",
  kilogram: "kg",
  kilograms: "kg",
  oz: "oz",
  ozs: "oz",
  ounce: "oz",
  ounces: "oz",
  lb: "lb",
  lbs: "lb",
  pound: "lb",
  pounds: "lb",
  du: "du",
  dose: "du",
  doses: "du",
  pill: "du",
  pills: "du",
  tab: "du",
  tabs: "du",
};

const unitList = "g, kg, oz, lb or du (dosage units)";

/** `numerator / denominator` rounded half-up, for non-negative values. */
const divideHalfUp = (numerator: bigint, denominator: bigint) =>
  (numerator * 2n + denominator) / (denominator * 2n);

/**
 * A narcotic quantity as typed after the drug name (`25g`, `1.5oz`, `2 kg`, `.5lb`, `40du`).
 * `drug` is the key it was typed under, used to quote the whole option in messages.
 */
export function parseQuantity(raw: string, drug: string): Quantity {
  const text = raw.trim();
  const quoted = `\`${quoteInput(`${drug}:${text}`)}\``;
  const example = (value: string) => `e.g. ${quoteInput(`${drug}:${value}`)}`;
  const compact = text.toLowerCase().replace(/\s+/g, "");

  if (compact === "") {
    throw invalid(`\`${quoteInput(drug)}:\` needs a quantity and a unit: ${unitList}.`, example("25g"));
  }
  if (compact.startsWith("-")) {
    throw invalid(`${quoted}: a quantity can't be negative.`, example("25g"));
  }
  if (/^\+?[\d.,]*\de[+-]?\d/.test(compact)) {
    throw invalid(
      `${quoted}: write the quantity as a plain number with its unit, like 25g or 1.5oz.`,
      example("25g"),
    );
  }

  const match = /^\+?([\d,]*)(?:\.(\d*))?([a-z]*)$/.exec(compact);
  const whole = match?.[1] ?? "";
  const fraction = match?.[2] ?? "";
  const unitText = match?.[3] ?? "";
  if (!match || (whole === "" && fraction === "")) {
    throw invalid(
      `${quoted} is not a quantity: write a number and a unit, like 25g, 1.5oz or 40du.`,
      example("25g"),
    );
  }
  if (whole.includes(",") && !/^\d{1,3}(,\d{3})+$/.test(whole)) {
    throw invalid(`${quoted}: commas must separate thousands, like 1,000g.`, example("1,000g"));
  }
  const digits = whole.replace(/,/g, "") || "0";
  if (fraction.length > 3) {
    throw invalid(
      `${quoted}: use at most 3 decimal places.`,
      example(`${digits}.${fraction.slice(0, 3)}${unitText || "g"}`),
    );
  }
  if (unitText === "") {
    throw invalid(`${quoted}: the quantity needs a unit: ${unitList}.`, example(`${text}g`));
  }
  const unit = unitNames[unitText];
  if (!unit) {
    throw invalid(
      `${quoted}: unknown unit \`${quoteInput(unitText)}\`; use ${unitList}.`,
      example(`${digits}g`),
    );
  }

  // The quantity in thousandths, exactly.
  const thousandths = BigInt(digits) * 1000n + BigInt(fraction.padEnd(3, "0"));
  if (thousandths === 0n) {
    throw invalid(`${quoted}: the quantity must be more than zero.`, example(unit === "du" ? "40du" : "25g"));
  }
  const quantity = Number(fraction === "" ? digits : `${digits}.${fraction}`);

  if (unit === "du") {
    if (thousandths % 1000n !== 0n) {
      throw invalid(
        `${quoted}: dosage units are counted whole (pills, tabs, doses).`,
        example(`${digits === "0" ? "1" : digits}du`),
      );
    }
    if (thousandths > BigInt(maxDosageUnits) * 1000n) {
      throw invalid(
        `${quoted} is more than ${formatCount(maxDosageUnits)} dosage units; check the number.`,
        example("40du"),
      );
    }
    return { quantity, unit, massMg: null, dosageUnits: quantity };
  }

  const factor = milligramsPerUnit[unit];
  const massMg = divideHalfUp(thousandths * factor.numerator, 1000n * factor.denominator);
  if (massMg > maxMassMg) {
    throw invalid(
      `${quoted} is more than 10,000 kg; check the quantity and its unit.`,
      example(unit === "kg" ? "25kg" : "25g"),
    );
  }
  return { quantity, unit, massMg, dosageUnits: null };
}

/** `mg` as a decimal of `scale` (10^places mg per displayed unit), half-up, trailing zeros optional. */
function decimal(mg: bigint, unitMg: bigint, places: number, trim: boolean): string {
  const negative = mg < 0n;
  const step = unitMg / 10n ** BigInt(places);
  const steps = divideHalfUp(negative ? -mg : mg, step);
  const scale = 10n ** BigInt(places);
  const whole = formatCount(steps / scale);
  let fraction = places > 0 ? String(steps % scale).padStart(places, "0") : "";
  if (trim) fraction = fraction.replace(/0+$/, "");
  return `${negative && steps !== 0n ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

/**
 * Grams with sensible precision: one decimal from 1,000 g ("1,234.5 g"), up to two from 1 g
 * ("42.52 g", "25 g"), milligram precision below ("0.125 g").
 */
export function formatGrams(mg: bigint): string {
  const size = mg < 0n ? -mg : mg;
  if (size >= 1_000_000n) return `${decimal(mg, 1000n, 1, false)} g`;
  if (size >= 1_000n) return `${decimal(mg, 1000n, 2, true)} g`;
  return `${decimal(mg, 1000n, 3, true)} g`;
}

/** Like {@link formatGrams}, but kilograms from 10 kg ("12.35 kg"). */
export function formatMass(mg: bigint): string {
  const size = mg < 0n ? -mg : mg;
  if (size >= 10_000_000n) return `${decimal(mg, 1_000_000n, 2, true)} kg`;
  return formatGrams(mg);
}
