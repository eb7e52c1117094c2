import { invalid } from "../errors.js";
import { quoteInput } from "../text/escape.js";
import { closestMatch } from "../text/suggest.js";
import { drugNames, findDrug, type NibrsDrugCode } from "./drug-catalog.js";
import { formatCents, parseCash } from "./money.js";
import { formatGrams, parseQuantity, type QuantityUnit } from "./quantities.js";

export interface SeizedNarcotic {
  /** The catalog name (`coke:5g` is stored as "cocaine"). */
  drugName: string;
  code: NibrsDrugCode;
  quantity: number;
  unit: QuantityUnit;
  massMg: bigint | null;
  dosageUnits: number | null;
}

export interface SeizureItems {
  firearms: number;
  /** Counted within `firearms`. */
  stolenFirearms: number;
  /** Privately made firearms, counted within `firearms`. */
  ghostGuns: number;
  conversionDevices: number;
  currencyCents: bigint;
  vehicles: number;
  arrests: number;
  warrants: number;
  narcotics: SeizedNarcotic[];
}

/** Options of `/tf seizure` that describe the report, not what was seized: the caller reads them. */
export const seizureAttributeKeys = ["area", "case", "on", "unit", "agency", "note"] as const;

export const maxCount = 100_000;

type CountField =
  | "firearms"
  | "stolenFirearms"
  | "ghostGuns"
  | "conversionDevices"
  | "vehicles"
  | "arrests"
  | "warrants";

/** Item keys as documented, then accepted spellings. Keys are compared with `_` read as `-`. */
const countKeys: Readonly<Record<string, CountField>> = {
  guns: "firearms",
  "stolen-guns": "stolenFirearms",
  "ghost-guns": "ghostGuns",
  "conversion-devices": "conversionDevices",
  switches: "conversionDevices",
  vehicles: "vehicles",
  arrests: "arrests",
  warrants: "warrants",
  gun: "firearms",
  "stolen-gun": "stolenFirearms",
  "ghost-gun": "ghostGuns",
  "conversion-device": "conversionDevices",
  switch: "conversionDevices",
  vehicle: "vehicles",
  arrest: "arrests",
  warrant: "warrants",
};

const documentedItemKeys = [
  "guns",
  "stolen-guns",
  "ghost-guns",
  "conversion-devices",
  "switches",
  "cash",
  "vehicles",
  "arrests",
  "warrants",
];

const itemsHint =
  "e.g. /tf seizure guns:2 stolen-guns:1 fentanyl:25g cocaine:1.5oz pills:40du cash:4500 arrests:1";

const grouped = (n: number | string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** A whole number from 0 to 100,000 typed after `field:` (`guns:2`). */
export function parseCount(raw: string, field: string): number {
  const text = raw.trim();
  const quoted = `\`${quoteInput(`${field}:${text}`)}\``;
  const hint = `e.g. ${quoteInput(field)}:2`;
  if (text === "") throw invalid(`\`${quoteInput(field)}:\` needs a number.`, hint);
  if (/^-/.test(text)) throw invalid(`${quoted}: a count can't be negative.`, hint);
  if (/^\+?\d*\.?\d+e[+-]?\d+$/i.test(text)) {
    throw invalid(`${quoted}: write the count as a plain whole number.`, hint);
  }
  if (/^\+?(\d+\.\d*|\.\d+)$/.test(text) && !/^\+?\d+\.0*$/.test(text)) {
    throw invalid(`${quoted}: a count must be a whole number.`, hint);
  }
  const whole = /^\+?(\d+)(?:\.0*)?$/.exec(text)?.[1];
  if (whole === undefined) throw invalid(`${quoted} is not a number: write a whole number.`, hint);
  const count = Number(whole);
  if (count > maxCount) {
    throw invalid(`${quoted} is more than ${grouped(maxCount)}; check the number.`, hint);
  }
  return count;
}

/**
 * The items of a `/tf seizure` command from its options, in order. Attribute options
 * ({@link seizureAttributeKeys}) are skipped for the caller; every other key must be an item or a
 * drug in the catalog. The same drug may appear twice (two entries); a count may not.
 */
export function parseSeizureItems(options: Array<{ key: string; value: string }>): SeizureItems {
  const items: SeizureItems = {
    firearms: 0,
    stolenFirearms: 0,
    ghostGuns: 0,
    conversionDevices: 0,
    currencyCents: 0n,
    vehicles: 0,
    arrests: 0,
    warrants: 0,
    narcotics: [],
  };
  const seen = new Map<CountField | "currencyCents", string>();
  const attributes: readonly string[] = seizureAttributeKeys;
  let given = 0;

  const once = (field: CountField | "currencyCents", token: string) => {
    const earlier = seen.get(field);
    if (earlier !== undefined) {
      throw invalid(
        `\`${quoteInput(token)}\` repeats \`${quoteInput(earlier)}\`: give each count once, as the total.`,
        itemsHint,
      );
    }
    seen.set(field, token);
  };

  for (const { key: rawKey, value } of options) {
    const key = rawKey.trim().toLowerCase().replace(/_/g, "-");
    if (attributes.includes(key)) continue;
    const token = `${rawKey}:${value.trim()}`;
    given++;

    const countField = countKeys[key];
    if (countField) {
      once(countField, token);
      items[countField] = parseCount(value, rawKey);
      continue;
    }
    if (key === "cash") {
      once("currencyCents", token);
      items.currencyCents = parseCash(value);
      continue;
    }
    const drug = findDrug(key);
    if (drug) {
      const quantity = parseQuantity(value, rawKey);
      items.narcotics.push({ drugName: drug.name, code: drug.code, ...quantity });
      continue;
    }

    const guess = closestMatch(key, [...documentedItemKeys, ...drugNames(), ...seizureAttributeKeys]);
    const suffix = guess
      ? ` Did you mean \`${guess}\`?`
      : " Items are guns, stolen-guns, ghost-guns, conversion-devices, cash, vehicles, arrests, warrants, or a drug with its quantity, like fentanyl:25g.";
    throw invalid(`\`${quoteInput(token)}\`: unknown item \`${quoteInput(rawKey)}\`.${suffix}`, itemsHint);
  }

  for (const [field, name] of [
    ["stolenFirearms", "stolen-guns"],
    ["ghostGuns", "ghost-guns"],
  ] as const) {
    if (items[field] <= items.firearms) continue;
    const subset = `${name}:${items[field]}`;
    if (!seen.has("firearms")) {
      throw invalid(
        `\`${subset}\` needs \`guns:\` too: stolen and ghost guns are counted within guns.`,
        `e.g. guns:${items[field]} ${subset}`,
      );
    }
    throw invalid(
      `\`${subset}\` is more than \`guns:${items.firearms}\`: stolen and ghost guns are counted within guns.`,
      `e.g. guns:${items[field]} ${subset}`,
    );
  }

  const anything =
    items.firearms +
      items.conversionDevices +
      items.vehicles +
      items.arrests +
      items.warrants +
      items.narcotics.length >
      0 || items.currencyCents > 0n;
  if (!anything) {
    throw invalid(
      given === 0
        ? "A seizure needs at least one item: guns, drugs, cash, vehicles, arrests or warrants."
        : "Every item is zero: a seizure needs at least one item seized.",
      itemsHint,
    );
  }
  return items;
}

const plural = (n: number, one: string, many: string) => `${grouped(n)} ${n === 1 ? one : many}`;

function quantityText(quantity: number): string {
  const [whole = "0", fraction] = String(quantity).split(".");
  return fraction ? `${grouped(whole)}.${fraction}` : grouped(whole);
}

/** One line per kind of item, for a confirmation: "2 guns (1 stolen)", "fentanyl 25 g", "cash $4,500". */
export function describeItems(items: SeizureItems): string[] {
  const lines: string[] = [];
  if (items.firearms > 0) {
    const within = [
      items.stolenFirearms > 0 ? `${grouped(items.stolenFirearms)} stolen` : "",
      items.ghostGuns > 0 ? `${grouped(items.ghostGuns)} ghost` : "",
    ].filter(Boolean);
    lines.push(`${plural(items.firearms, "gun", "guns")}${within.length ? ` (${within.join(", ")})` : ""}`);
  }
  if (items.conversionDevices > 0) {
    lines.push(plural(items.conversionDevices, "conversion device", "conversion devices"));
  }
  for (const n of items.narcotics) {
    if (n.unit === "du") {
      lines.push(`${n.drugName} ${plural(n.quantity, "dosage unit", "dosage units")}`);
      continue;
    }
    const inGrams =
      (n.unit === "oz" || n.unit === "lb") && n.massMg !== null ? ` (${formatGrams(n.massMg)})` : "";
    lines.push(`${n.drugName} ${quantityText(n.quantity)} ${n.unit}${inGrams}`);
  }
  if (items.currencyCents > 0n) lines.push(`cash ${formatCents(items.currencyCents)}`);
  if (items.vehicles > 0) lines.push(plural(items.vehicles, "vehicle", "vehicles"));
  if (items.arrests > 0) lines.push(plural(items.arrests, "arrest", "arrests"));
  if (items.warrants > 0) lines.push(plural(items.warrants, "search warrant", "search warrants"));
  return lines;
}
