import type { CsvHeader } from "../header.js";
import {
  type BoundProfile,
  dateReader,
  flagReader,
  type ImportProfile,
  keyOrNull,
  keyValue,
  memoize,
  type RowResult,
  textValue,
  timeReader,
} from "./profile.js";

/**
 * NYPD Shooting Incident Data (NYC Open Data 833y-fsy8 and its year-to-date twin): one row per
 * shooting victim. The victims of one incident share INCIDENT_KEY, and their rows are not always
 * next to each other. STATISTICAL_MURDER_FLAG is TRUE for a victim who died (a fatal victim) and
 * FALSE for one who survived (an injured victim). OCCUR_DATE is M/D/YY in the historic export and
 * MM/DD/YYYY in later ones; OCCUR_TIME is H:MM:SS. The place is "BORO / precinct N".
 * Perpetrator and victim descriptions and coordinates are not imported.
 */
export const nypdShootings: ImportProfile = {
  source: "nypd-shootings",
  grouping: "per-victim",
  bind(header: CsvHeader, { now }): BoundProfile {
    const key = header.require("the incident key", "INCIDENT_KEY");
    const date = header.require("the date", "OCCUR_DATE");
    const time = header.require("the time", "OCCUR_TIME");
    const boro = header.require("the borough", "BORO");
    const precinct = header.require("the precinct", "PRECINCT");
    const murder = header.require("fatal or not", "STATISTICAL_MURDER_FLAG");
    const readDate = dateReader("OCCUR_DATE", "M/D/Y", now);
    const readTime = timeReader("OCCUR_TIME");
    const readFlag = flagReader("STATISTICAL_MURDER_FLAG");
    // Per borough, per precinct: the place is looked up without building its text for every row.
    const places = memoize((borough) =>
      memoize((number) =>
        textValue(
          "BORO/PRECINCT",
          borough && number ? `${borough} / precinct ${number}` : number ? `precinct ${number}` : borough,
        ),
      ),
    );
    return {
      keyColumn: "INCIDENT_KEY",
      columns: [key, date, time, boro, precinct, murder],
      keyOf: (fields) => keyOrNull("INCIDENT_KEY", fields[key] ?? ""),
      map(fields): RowResult {
        const id = keyValue("INCIDENT_KEY", fields[key] ?? "");
        if (typeof id !== "string") return id.reject;
        const day = readDate(fields[date] ?? "");
        if (typeof day === "string") return day;
        const at = readTime(fields[time] ?? "");
        if (typeof at === "string") return at;
        const fatal = readFlag(fields[murder] ?? "");
        if (typeof fatal === "string") return fatal;
        const place = places((fields[boro] ?? "").trim())((fields[precinct] ?? "").trim());
        if (typeof place === "string") return place;
        return {
          key: id,
          kind: "shooting",
          date: day.date,
          // Only OCCUR_TIME says when: the API export writes OCCUR_DATE as 2006-08-27T00:00:00.000, a
          // midnight that means "date only".
          time: at.time,
          place: place.value,
          caseNumber: null,
          fatal,
          injured: 1 - fatal,
        };
      },
    };
  },
};
