/**
 * Drug names a detective types (`fentanyl:25g`, `coke:1.5oz`) mapped to the FBI NIBRS "Suspected
 * Drug Type" codes (Data Element 20), so totals by type line up with what agencies report.
 *
 * The code set is the long-standing one: A–P, U (and X "Over 3 Drug Types", which describes an
 * incident, not a seizure item, so it is not offered here). Sources consulted:
 * - JRSA IBR Resource Center, "Suspected Drug Type" (lists the 18 values A–P, U, X):
 *   http://www.jrsa.org/ibrrc/using-data/data_quality/data_elements/drug/type_quality.shtml
 * - SEARCH's open-source NIBRS validator, `SuspectedDrugTypeCode` (same 18 values):
 *   github.com/SEARCH-NCJIS/nibrs, tools/nibrs-common/.../model/codes/SuspectedDrugTypeCode.java
 * - The FBI's examples for each type, as quoted in J. Kaplan's NIBRS guide (2022 data): H Other
 *   Narcotics = "Codeine, Demerol, Dilaudid, Hydrocodone or Percodan, Methadone, etc."; K Other
 *   Hallucinogens includes MDMA and psilocybin; P Other Drugs includes "Tranquilizers (Librium,
 *   Valium, etc.)"; O Other Depressants = "Glutethimide, Methaqualone, Pentazocine, etc.".
 *
 * Fentanyl: none of those sources, nor any other found, has a fentanyl-specific code; NIBRS has no
 * separate synthetic-opioid value, so fentanyl (a synthetic opioid narcotic, like methadone and
 * Demerol in the FBI's H examples) is reported as H = Other Narcotics, as most agencies do. A newer
 * FBI NIBRS Technical Specification adding a distinct fentanyl value could not be confirmed; if one
 * is adopted, change fentanyl's code here (the catalog name "fentanyl" is stored with each record,
 * so past entries can be recoded).
 */

export type NibrsDrugCode =
  | "A"
  | "B"
  | "C"
  | "D"
  | "E"
  | "F"
  | "G"
  | "H"
  | "I"
  | "J"
  | "K"
  | "L"
  | "M"
  | "N"
  | "O"
  | "P"
  | "U";

export const nibrsDrugTypes: Readonly<Record<NibrsDrugCode, string>> = {
  A: "Crack Cocaine",
  B: "Cocaine",
  C: "Hashish",
  D: "Heroin",
  E: "Marijuana",
  F: "Morphine",
  G: "Opium",
  H: "Other Narcotics",
  I: "LSD",
  J: "PCP",
  K: "Other Hallucinogens",
  L: "Amphetamines/Methamphetamines",
  M: "Other Stimulants",
  N: "Barbiturates",
  O: "Other Depressants",
  P: "Other Drugs",
  U: "Unknown",
};

export interface DrugEntry {
  /** The catalog name, stored with each record and shown in confirmations: "fentanyl". */
  name: string;
  code: NibrsDrugCode;
  /** The NIBRS label of `code`: "Other Narcotics". */
  label: string;
  /** Other names accepted for it, written with hyphens: "crystal-meth". */
  aliases: readonly string[];
}

const entry = (name: string, code: NibrsDrugCode, aliases: string[] = []): DrugEntry =>
  Object.freeze({ name, code, label: nibrsDrugTypes[code], aliases: Object.freeze(aliases) });

export const drugCatalog: readonly DrugEntry[] = Object.freeze([
  entry("fentanyl", "H", ["fent"]),
  entry("heroin", "D", ["black-tar"]),
  entry("cocaine", "B", ["coke", "powder-cocaine"]),
  entry("crack", "A", ["crack-cocaine"]),
  entry("marijuana", "E", ["cannabis", "weed", "marihuana"]),
  entry("hashish", "C", ["hash", "hash-oil"]),
  entry("meth", "L", ["methamphetamine", "crystal", "crystal-meth", "ice"]),
  entry("amphetamine", "L", ["amphetamines", "speed", "adderall"]),
  entry("mdma", "K", ["ecstasy", "molly"]),
  entry("oxycodone", "H", ["oxy", "percocet", "oxycontin"]),
  entry("hydrocodone", "H", ["vicodin"]),
  entry("methadone", "H"),
  entry("codeine", "H"),
  entry("buprenorphine", "H", ["suboxone"]),
  // Pills not yet identified: P (Other Drugs) until the lab says otherwise.
  entry("pills", "P", ["unknown-pills"]),
  // The FBI's examples put tranquilizers such as Valium under P (Other Drugs) and list only
  // non-benzodiazepine sedatives under O, so alprazolam, a benzodiazepine, is P.
  entry("xanax", "P", ["alprazolam"]),
  entry("barbiturates", "N", ["phenobarbital"]),
  entry("pcp", "J", ["angel-dust"]),
  entry("lsd", "I", ["acid"]),
  entry("morphine", "F"),
  entry("opium", "G"),
  entry("psilocybin", "K", ["mushrooms", "shrooms", "magic-mushrooms"]),
  entry("k2", "P", ["spice", "synthetic-cannabinoids", "synthetic-marijuana"]),
  entry("unknown", "U", ["unknown-drug"]),
]);

/** Case-, hyphen-, underscore- and space-insensitive: "Crystal_Meth" and "crystalmeth" match "crystal-meth". */
const lookupKey = (name: string) => name.toLowerCase().replace(/[-_\s]+/g, "");

const byKey = new Map<string, DrugEntry>();
for (const drug of drugCatalog) {
  for (const name of [drug.name, ...drug.aliases]) {
    const key = lookupKey(name);
    if (byKey.has(key)) throw new Error(`drug catalog: "${name}" is listed twice`);
    byKey.set(key, drug);
  }
}

export function findDrug(name: string): DrugEntry | undefined {
  return byKey.get(lookupKey(name.trim()));
}

/** Every name and alias the catalog accepts, for "did you mean" suggestions and help text. */
export function drugNames(): string[] {
  return drugCatalog.flatMap((drug) => [drug.name, ...drug.aliases]);
}

export function nibrsLabel(code: NibrsDrugCode): string {
  return nibrsDrugTypes[code];
}
