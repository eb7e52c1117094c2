import { invalid } from "../errors.js";
import { quoteInput } from "../text/escape.js";
import { closestMatch } from "../text/suggest.js";

/**
 * Each line of effort is judged by its own output: detectives by the arrests and warrants behind
 * shootings, narcotics investigators by the guns and drugs they take, the auto theft task force by
 * the cars it brings back, troopers by their stops (and where they make them), parole by its
 * visits. This is the one table of which measures `/tf tally by:unit` and the digest show for each
 * unit; an admin may replace a unit's list (`/tf admin unit measures`), which is stored on the unit.
 */

/** How a measure's figure reads: a count, grams (summed in mg), dosage units, money (cents) or a share. */
export type MeasureUnit = "count" | "mg" | "du" | "cents" | "share";

/** Measure names as admins type them; item-like names match the `/tf seizure` items they sum. */
export const effortMeasures = [
  "reports",
  "guns",
  "stolen-guns",
  "ghost-guns",
  "conversion-devices",
  "narcotics-grams",
  "dosage-units",
  "cash",
  "vehicles",
  "arrests",
  "warrants",
  "stops",
  "citations",
  "highway-share",
  "parole-checks",
  "parole-violations",
] as const;
export type EffortMeasure = (typeof effortMeasures)[number];

export const measureDefinitions: Readonly<Record<EffortMeasure, { label: string; unit: MeasureUnit }>> = {
  reports: { label: "Reports", unit: "count" },
  guns: { label: "Guns seized", unit: "count" },
  "stolen-guns": { label: "Stolen guns", unit: "count" },
  "ghost-guns": { label: "Ghost guns", unit: "count" },
  "conversion-devices": { label: "Conversion devices", unit: "count" },
  "narcotics-grams": { label: "Narcotics", unit: "mg" },
  "dosage-units": { label: "Narcotics (dosage units)", unit: "du" },
  cash: { label: "Cash", unit: "cents" },
  vehicles: { label: "Vehicles recovered", unit: "count" },
  arrests: { label: "Arrests", unit: "count" },
  warrants: { label: "Search warrants", unit: "count" },
  stops: { label: "Traffic stops", unit: "count" },
  citations: { label: "Citations", unit: "count" },
  "highway-share": { label: "Stops on highway posts", unit: "share" },
  "parole-checks": { label: "Parole checks", unit: "count" },
  "parole-violations": { label: "Parole violations", unit: "count" },
};

/** The source case's units, by code (src/db/seed/source-case.ts). */
export const unitMeasureTable: Readonly<Record<string, readonly EffortMeasure[]>> = {
  // Violent Crimes Task Force: the detectives identifying the people behind shootings.
  vctf: ["arrests", "warrants"],
  // Statewide Narcotics Task Force: the most violent narcotics offenders, illegal and stolen guns.
  sntf: ["guns", "stolen-guns", "narcotics-grams", "cash"],
  // Auto Theft Task Force: stolen vehicles, often linked to shootings.
  attf: ["vehicles", "arrests"],
  // Traffic Services Unit: troopers on the highway ramps rather than neighbourhood streets.
  tsu: ["stops", "citations", "highway-share", "guns"],
  // Parole Supervision: the Department of Correction's increased supervision.
  parole: ["parole-checks", "parole-violations", "warrants"],
};

/** Any other unit (one an admin added, or a source-case unit whose code was changed): the CompStat seizure rows. */
export const defaultUnitMeasures: readonly EffortMeasure[] = [
  "reports",
  "guns",
  "narcotics-grams",
  "cash",
  "arrests",
];

/** Enough for one line of a reply or one digest table per unit. */
export const maxUnitMeasures = 8;

const isMeasure = (name: string): name is EffortMeasure =>
  (effortMeasures as readonly string[]).includes(name);

/** The table's entry for a code; own keys only, so a unit coded `constructor` is not Object's. */
function tableEntry(unitCode: string): readonly EffortMeasure[] | undefined {
  return Object.hasOwn(unitMeasureTable, unitCode) ? unitMeasureTable[unitCode] : undefined;
}

/**
 * The measures shown for a unit: its stored list when an admin set one, else the table's entry
 * for its code, else the default. A stored name no longer known is skipped rather than failing
 * every tally.
 */
export function measuresFor(unitCode: string, stored: string | null): EffortMeasure[] {
  if (stored !== null) {
    const chosen = stored.split(",").filter(isMeasure);
    if (chosen.length > 0) return chosen;
  }
  return [...(tableEntry(unitCode) ?? defaultUnitMeasures)];
}

/** Where a unit's measures come from, for an admin reading them. */
export function measuresSource(unitCode: string, stored: string | null): "admin" | "table" | "default" {
  if (stored?.split(",").some(isMeasure)) return "admin";
  return tableEntry(unitCode) ? "table" : "default";
}

const listHint = "e.g. /tf admin unit measures tsu stops,citations,highway-share";

/**
 * An admin's list, "stops,citations" (commas, spaces or both between names; `_` read as `-`),
 * in the order given, repeats dropped. An unknown name is refused with the closest known one and
 * every valid name.
 */
export function parseMeasureList(text: string): EffortMeasure[] {
  const names = text
    .split(/[\s,]+/)
    .map((n) => n.trim().toLowerCase().replace(/_/g, "-"))
    .filter(Boolean);
  if (names.length === 0) {
    throw invalid(
      "Say which measures, separated by commas.",
      `${listHint}. Measures: ${effortMeasures.join(", ")}.`,
    );
  }
  const chosen: EffortMeasure[] = [];
  for (const name of names) {
    if (!isMeasure(name)) {
      const guess = closestMatch(name, effortMeasures);
      throw invalid(
        `\`${quoteInput(name)}\` is not a measure.${guess ? ` Did you mean \`${guess}\`?` : ""}`,
        `Measures: ${effortMeasures.join(", ")}.`,
      );
    }
    if (!chosen.includes(name)) chosen.push(name);
  }
  if (chosen.length > maxUnitMeasures) {
    throw invalid(
      `That is ${chosen.length} measures; a unit shows at most ${maxUnitMeasures}, so its line stays readable.`,
      listHint,
    );
  }
  return chosen;
}

/** The stored form of a list. */
export function storedMeasureList(measures: readonly EffortMeasure[]): string {
  return measures.join(",");
}
