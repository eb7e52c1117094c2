import type { CsvHeader } from "../header.js";
import {
  type BoundProfile,
  countReader,
  dateReader,
  type ImportProfile,
  keyOrNull,
  keyValue,
  memoize,
  type RowResult,
  textValue,
} from "./profile.js";

/**
 * Gun Violence Archive incident exports: one row per incident, keyed by incident_id, dated like
 * "October 19, 2024" with no time of day (so localTime is null and the instant is the start of the
 * local day). The place is city_or_county. The street address is never read, let alone stored.
 * Column names are matched loosely, so GVA's web export headers ("Incident ID", "City Or County",
 * "Victims Killed", "# Killed") work as well as the snake_case ones.
 */
export const gva: ImportProfile = {
  source: "gva",
  grouping: "per-incident",
  bind(header: CsvHeader, { now }): BoundProfile {
    const key = header.require("the incident id", "incident_id");
    const date = header.require("the date", "incident_date");
    const place = header.require("the place", "city_or_county");
    const killed = header.require("fatal victims", "victims_killed", "# killed", "killed");
    const injured = header.require("injured victims", "victims_injured", "# injured", "injured");
    // Reasons name the columns as this file does ("Victims Killed", "# Killed", victims_killed…).
    const named = (index: number) => header.names[index] ?? "";
    const readDate = dateReader(named(date), "MONTH D, Y", now);
    const readKilled = countReader(named(killed));
    const readInjured = countReader(named(injured));
    const readPlace = memoize((text) => textValue(named(place), text));
    return {
      keyColumn: named(key),
      columns: [key, date, place, killed, injured],
      keyOf: (fields) => keyOrNull(named(key), fields[key] ?? ""),
      map(fields): RowResult {
        const id = keyValue(named(key), fields[key] ?? "");
        if (typeof id !== "string") return id.reject;
        const day = readDate(fields[date] ?? "");
        if (typeof day === "string") return day;
        const fatal = readKilled(fields[killed] ?? "");
        if (typeof fatal === "string") return fatal;
        const hurt = readInjured(fields[injured] ?? "");
        if (typeof hurt === "string") return hurt;
        const where = readPlace(fields[place] ?? "");
        if (typeof where === "string") return where;
        return {
          key: id,
          kind: "shooting",
          date: day.date,
          time: null,
          place: where.value,
          caseNumber: null,
          fatal,
          injured: hurt,
        };
      },
    };
  },
};
