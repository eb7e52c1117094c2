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
  /** Enforcement activity, which is not seized but is each line of effort's own output. */
  trafficStops: number;
  citations: number;
  /** Parole home and compliance visits. */
  paroleChecks: number;
  paroleViolations: number;
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
  | "warrants"
  | "trafficStops"
  | "citations"
  | "paroleChecks"
  | "paroleViolations";

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
  stops: "trafficStops",
  citations: "citations",
  "parole-checks": "paroleChecks",
  "parole-violations": "paroleViolations",
  gun: "firearms",
  "stolen-gun": "stolenFirearms",
  "ghost-gun": "ghostGuns",
  "conversion-device": "conversionDevices",
  switch: "conversionDevices",
  vehicle: "vehicles",
  arrest: "arrests",
  warrant: "warrants",
  stop: "trafficStops",
  "traffic-stops": "trafficStops",
  "traffic-stop": "trafficStops",
  citation: "citations",
  "parole-check": "paroleChecks",
  "parole-violation": "paroleViolations",
};

/** The enforcement activity a report may hold, as typed (and as the form's field names). */
export const activityItemKeys = ["stops", "citations", "parole-checks", "parole-violations"] as const;

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
  ...activityItemKeys,
];

const itemsHint =
  "e.g. /tf seizure guns:2 stolen-guns:1 fentanyl:25g cocaine:1.5oz pills:40du cash:4500 arrests:1";

const grouped = (n: number | string) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** A whole number from 0 to 100,000 typed after `field:` (`guns:2`). */
export function parseCount(raw: string, field: string): number {
  const text = raw.trim();
  const quoted = `\`${quoteInput(`${field}:${text}`)}\``;
  const hint = `e.g. ${quoteInput(field)}:2`;
  // The field, so a form shows the error under the input it is about (its block id is the key).
  const refuse = (message: string) => invalid(message, hint, field);
  if (text === "") throw refuse(`\`${quoteInput(field)}:\` needs a number.`);
  if (/^-/.test(text)) throw refuse(`${quoted}: a count can't be negative.`);
  if (/^\+?\d*\.?\d+e[+-]?\d+$/i.test(text)) {
    throw refuse(`${quoted}: write the count as a plain whole number.`);
  }
  if (/^\+?(\d+\.\d*|\.\d+)$/.test(text) && !/^\+?\d+\.0*$/.test(text)) {
    throw refuse(`${quoted}: a count must be a whole number.`);
  }
  const whole = /^\+?(\d+)(?:\.0*)?$/.exec(text)?.[1];
  if (whole === undefined) throw refuse(`${quoted} is not a number: write a whole number.`);
  const count = Number(whole);
  if (count > maxCount) {
    throw refuse(`${quoted} is more than ${grouped(maxCount)}; check the number.`);
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
    trafficStops: 0,
    citations: 0,
    paroleChecks: 0,
    paroleViolations: 0,
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
      : " Items are guns, stolen-guns, ghost-guns, conversion-devices, cash, vehicles, arrests, warrants, stops, citations, parole-checks, parole-violations, or a drug with its quantity, like fentanyl:25g.";
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

  // A report holds something seized or something done: a trooper's shift of stops with nothing
  // seized is a report, as is a parole officer's day of home visits. Only a report of nothing is refused.
  const anything =
    items.firearms +
      items.conversionDevices +
      items.vehicles +
      items.arrests +
      items.warrants +
      items.trafficStops +
      items.citations +
      items.paroleChecks +
      items.paroleViolations +
      items.narcotics.length >
      0 || items.currencyCents > 0n;
  if (!anything) {
    throw invalid(
      given === 0
        ? "A report needs at least one item: guns, drugs, cash, vehicles, arrests, warrants, stops, citations, parole-checks or parole-violations."
        : "Every item is zero: a report needs at least one thing seized or done.",
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
  if (items.trafficStops > 0) lines.push(plural(items.trafficStops, "traffic stop", "traffic stops"));
  if (items.citations > 0) lines.push(plural(items.citations, "citation", "citations"));
  if (items.paroleChecks > 0) lines.push(plural(items.paroleChecks, "parole check", "parole checks"));
  if (items.paroleViolations > 0) {
    lines.push(plural(items.paroleViolations, "parole violation", "parole violations"));
  }
  return lines;
}

/** Whether a report seized or served anything, as against holding enforcement activity only. */
export function seizedAnything(items: SeizureItems): boolean {
  return (
    items.firearms + items.conversionDevices + items.vehicles + items.arrests + items.warrants > 0 ||
    items.narcotics.length > 0 ||
    items.currencyCents > 0n
  );
}
