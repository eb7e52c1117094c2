import { z } from "zod";
import { type IncidentKind, incidentKinds } from "../../../domain/incidents/kinds.js";
import { sourceDateFormats } from "../../../domain/time/source-dates.js";
import { type CsvHeader, columnKey, fileError } from "../header.js";
import {
  type BoundProfile,
  countReader,
  dateReader,
  flagReader,
  type ImportProfile,
  keyValue,
  memoize,
  type RowResult,
  type SourceRow,
  showValue,
  textValue,
  timeReader,
} from "./profile.js";

/**
 * A mapping file describes any other CSV export, as JSON. For example:
 *
 * {
 *   "name": "hartford-rms",                  // stored as Incident.source; with the key, identifies a record
 *   "rows": "per-incident",                  // or "per-victim": rows sharing a key are one incident
 *   "key": "CaseNumber",                     // or ["Case", "Offense"] for a key made of several columns
 *   "kind": { "column": "UCR", "values": { "SHOOTING": "shooting", "MV THEFT": "stolen_vehicle" } },
 *                                            // or a fixed kind: "kind": "stolen_vehicle"
 *   "date": { "column": "Date", "format": "M/D/Y" },   // M/D/Y, D/M/Y, Y-M-D or "MONTH D, Y"
 *   "time": "Time",                          // optional; the date's own column if it holds "date time"
 *   "area": "Neighborhood",                  // optional; or ["Boro", "Precinct"], joined with " / "
 *   "case": "CaseNumber",                    // optional
 *   "fatal": "Killed",                       // a count column, or a flag: { "column": "Died", "when": ["Y"] }
 *   "injured": "Wounded",                    // optional likewise
 *   "links": "Related"                       // optional: the records this one is linked to
 * }
 *
 * In a per-victim file with a fatal flag and no injured column, a victim who did not die was injured.
 * Victim counts belong to shootings: a vehicle row with victims is rejected.
 *
 * A links cell names other records, separated by ";" ("25-000123; 25-000180"): each by its key in
 * this same source, or else by its case number. A shooting links to the stolen vehicle used in it
 * and a recovered vehicle to the theft it closes (src/domain/incidents/links.ts), whichever side
 * names the other. A reference that cannot be linked is reported, and its row is still imported:
 * the link is about two records, and the row's own record is not wrong.
 */

const columnName = z.string().trim().min(1, "a column name cannot be empty");
const columnNames = z.union([columnName, z.array(columnName).min(1, "list at least one column")]);
const kind = z.enum(incidentKinds, { message: `expected one of ${incidentKinds.join(", ")}` });
const victims = z.union([
  columnName,
  z
    .object({
      column: columnName,
      when: z.array(z.string()).min(1, 'list the values that mean yes, e.g. ["TRUE", "Y"]').optional(),
    })
    .strict(),
]);

export const mappingSchema = z
  .object({
    name: z
      .string()
      .regex(
        /^[a-z0-9][a-z0-9._-]{0,62}$/,
        "expected a short lower-case name such as hartford-rms (letters, digits, . _ -)",
      )
      .refine((name) => name !== "slack", '"slack" is reserved for incidents entered in Slack'),
    rows: z.enum(["per-incident", "per-victim"], { message: 'expected "per-incident" or "per-victim"' }),
    key: columnNames,
    kind: z.union([
      kind,
      z.object({ column: columnName, values: z.record(z.string(), kind).optional() }).strict(),
    ]),
    date: z
      .object({
        column: columnName,
        format: z.enum(sourceDateFormats, { message: `expected one of ${sourceDateFormats.join(", ")}` }),
      })
      .strict(),
    time: columnName.optional(),
    area: columnNames.optional(),
    case: columnName.optional(),
    fatal: victims.optional(),
    injured: victims.optional(),
    links: columnName.optional(),
  })
  .strict();

export type Mapping = z.infer<typeof mappingSchema>;

/** Reads a mapping file's text; a mistake stops the import with every problem and where it is. */
export function parseMapping(text: string, fileName: string): ImportProfile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw fileError(`The mapping file ${fileName} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  ${issue.path.length ? issue.path.join(".") : "(the file)"}: ${issue.message}`,
    );
    throw fileError(
      `The mapping file ${fileName} is not right:\n${problems.join("\n")}`,
      "See README, Importing data, for an example mapping file.",
    );
  }
  return mappingProfile(parsed.data);
}

const asList = (value: string | string[]) => (typeof value === "string" ? [value] : value);

export function mappingProfile(mapping: Mapping): ImportProfile {
  return {
    source: mapping.name,
    grouping: mapping.rows,
    bind: (header, context) => bindMapping(mapping, header, context.now),
  };
}

function bindMapping(mapping: Mapping, source: CsvHeader, now: Date): BoundProfile {
  // Every column looked up is one the reader must extract.
  const used: number[] = [];
  const header = {
    require(purpose: string, name: string): number {
      const index = source.require(purpose, name);
      used.push(index);
      return index;
    },
  } as CsvHeader;
  const keyColumns = asList(mapping.key);
  const keyIndexes = keyColumns.map((name) => header.require("the incident key", name));
  const keyColumn = keyColumns.join("+");

  const readKind = kindReader(mapping, header);
  const dateIndex = header.require("the date", mapping.date.column);
  const readDate = dateReader(mapping.date.column, mapping.date.format, now);
  // A time column that is the date column means the date values carry the time ("8/27/2006 05:35").
  const timeFromDate =
    mapping.time !== undefined && columnKey(mapping.time) === columnKey(mapping.date.column);
  const timeIndex =
    mapping.time === undefined || timeFromDate ? undefined : header.require("the time", mapping.time);
  const readTime = timeReader(mapping.time ?? "time");

  const areaColumns = mapping.area === undefined ? [] : asList(mapping.area);
  const areaIndexes = areaColumns.map((name) => header.require("the area", name));
  const areaName = areaColumns.join("/");
  const readPlace = memoize((text) => textValue(areaName, text));
  const caseIndex = mapping.case === undefined ? undefined : header.require("the case number", mapping.case);

  const linksIndex =
    mapping.links === undefined ? undefined : header.require("the linked records", mapping.links);
  const readLinks = memoize((text) => referenceList(mapping.links ?? "links", text));

  const readFatal = victimReader(mapping.fatal, header, "fatal victims");
  const readInjured = victimReader(mapping.injured, header, "injured victims");
  // In a per-victim file, a victim marked by a flag as not killed was injured.
  const injuredIsNotFatal =
    mapping.rows === "per-victim" && mapping.injured === undefined && typeof mapping.fatal === "object";

  const readKey = (fields: readonly string[]): string | { reject: string } => {
    if (keyIndexes.length === 1) return keyValue(keyColumn, fields[keyIndexes[0] ?? 0] ?? "");
    // JSON, so that ("a|b", "c") and ("a", "b|c") stay different keys.
    const parts = keyIndexes.map((i) => (fields[i] ?? "").trim());
    if (parts.every((part) => part === "")) {
      return { reject: `${keyColumn} is empty: every row needs its incident's key` };
    }
    return keyValue(keyColumn, JSON.stringify(parts));
  };

  return {
    keyColumn,
    linkColumn: mapping.links,
    columns: used,
    keyOf(fields) {
      const key = readKey(fields);
      return typeof key === "string" ? key : null;
    },
    map(fields): RowResult {
      const key = readKey(fields);
      if (typeof key !== "string") return key.reject;
      const kindOf = readKind(fields);
      if (typeof kindOf !== "string") return kindOf.reject;
      const day = readDate(fields[dateIndex] ?? "");
      if (typeof day === "string") return day;
      let time = timeFromDate ? day.time : null;
      if (timeIndex !== undefined) {
        const at = readTime(fields[timeIndex] ?? "");
        if (typeof at === "string") return at;
        time = at.time;
      }
      const parts = areaIndexes.map((i) => (fields[i] ?? "").trim()).filter((part) => part !== "");
      const place = readPlace(parts.join(" / "));
      if (typeof place === "string") return place;
      let caseNumber: string | null = null;
      if (caseIndex !== undefined) {
        const value = textValue(mapping.case ?? "case", fields[caseIndex] ?? "");
        if (typeof value === "string") return value;
        caseNumber = value.value;
      }
      const fatal = readFatal(fields);
      if (typeof fatal === "string") return fatal;
      let injured = readInjured(fields);
      if (typeof injured === "string") return injured;
      if (kindOf !== "shooting") {
        if (fatal > 0 || injured > 0) {
          return `a ${kindOf.replace("_", " ")} row has victim counts (${fatal} fatal, ${injured} injured); victims are counted for shootings`;
        }
      } else if (injuredIsNotFatal) {
        injured = 1 - fatal;
      }
      const row: SourceRow = {
        key,
        kind: kindOf,
        date: day.date,
        time,
        place: place.value,
        caseNumber,
        fatal,
        injured,
      };
      if (linksIndex !== undefined) {
        const links = readLinks(fields[linksIndex] ?? "");
        if (typeof links === "string") return links;
        row.links = links;
      }
      return row;
    },
  };
}

/** A links cell's references: split on ";", cleaned like any text, each once; empty means none. */
function referenceList(column: string, text: string): readonly string[] | string {
  const references = new Set<string>();
  for (const part of text.split(";")) {
    const value = textValue(column, part);
    if (typeof value === "string") return value;
    if (value.value !== null) references.add(value.value);
  }
  return [...references];
}

/** The row's kind, or why the row is rejected. */
function kindReader(
  mapping: Mapping,
  header: CsvHeader,
): (fields: readonly string[]) => IncidentKind | { reject: string } {
  const spec = mapping.kind;
  if (typeof spec === "string") return () => spec;
  const index = header.require("the kind of incident", spec.column);
  const values = new Map<string, IncidentKind>();
  for (const [from, to] of Object.entries(spec.values ?? {})) values.set(from.trim().toLowerCase(), to);
  const known = [...(spec.values ? Object.keys(spec.values) : incidentKinds)].map((v) => JSON.stringify(v));
  const read = memoize((text): IncidentKind | { reject: string } => {
    const value = text.trim().toLowerCase();
    const mapped = values.get(value) ?? (spec.values ? undefined : incidentKinds.find((k) => k === value));
    if (mapped) return mapped;
    return {
      reject: `${spec.column} ${showValue(text)} is an unknown kind of incident (the mapping knows ${known.join(", ")})`,
    };
  });
  return column(index, read);
}

const column =
  <T>(index: number, read: (text: string) => T) =>
  (fields: readonly string[]): T =>
    read(fields[index] ?? "");

/** A victim count per row, from a count column or a yes/no flag; 0 when the mapping has none. */
function victimReader(
  spec: Mapping["fatal"],
  header: CsvHeader,
  purpose: string,
): (fields: readonly string[]) => number | string {
  if (spec === undefined) return () => 0;
  if (typeof spec === "string") return column(header.require(purpose, spec), countReader(spec));
  const index = header.require(purpose, spec.column);
  if (spec.when === undefined) return column(index, flagReader(spec.column));
  const yes = new Set(spec.when.map((v) => v.trim().toLowerCase()));
  return column(index, (text) => (yes.has(text.trim().toLowerCase()) ? 1 : 0));
}
