/**
 * Which incidents may be linked, and what a link means. Pure: the caller has already loaded both
 * records, in the task force's local dates.
 *
 * - a shooting and a stolen vehicle: the vehicle was used in the shooting ("vehicle_used"); a
 *   shooting may involve several stolen vehicles, and one vehicle several shootings;
 * - a recovered vehicle and a stolen vehicle: the recovery closes the theft ("recovery"); one
 *   recovery closes one theft, and a theft is recovered once;
 * - nothing else: two shootings, two thefts, a shooting and a recovery are different stories.
 */
import { daysBetween, type LocalDate } from "../time/local-date.js";
import { type IncidentKind, incidentKindLabels } from "./kinds.js";

export const linkKinds = ["vehicle_used", "recovery"] as const;
export type LinkKind = (typeof linkKinds)[number];

export interface LinkableIncident {
  id: number;
  /** As users see it: "I-42"; for a record being entered (id 0), what it is: "this shooting". */
  recordId: string;
  kind: IncidentKind;
  localDate: LocalDate;
  /** HH:MM local, when known. */
  localTime: string | null;
  voided: boolean;
}

/** A link as stored: `incident` is the shooting or the recovery, `stolen` the theft. */
export interface LinkPlan {
  kind: LinkKind;
  incident: LinkableIncident;
  stolen: LinkableIncident;
  /** Local calendar days from theft to recovery; null for a vehicle used in a shooting. */
  recoveryDays: number | null;
}

/** Why two incidents cannot be linked, said so the user knows what to link instead. */
export type LinkRefusal = { refused: string; field: "first" | "second" };

const allowedPairs =
  "A shooting links to the stolen vehicle used in it, and a recovered vehicle to the theft it closes";

function article(kind: IncidentKind): string {
  return kind === "shooting" ? "a shooting" : `a ${incidentKindLabels[kind]}`;
}

/** "I-5 (a shooting)"; a record not yet written is already named by its kind ("this shooting"). */
const describe = (incident: LinkableIncident) =>
  incident.id > 0 ? `${incident.recordId} (${article(incident.kind)})` : incident.recordId;

function when(incident: LinkableIncident): string {
  return incident.localTime ? `${incident.localDate} ${incident.localTime}` : incident.localDate;
}

/**
 * How two incidents (in either order) would be linked, or why they cannot be: a voided record, a
 * pair of kinds that tell no story together, a record linked to itself, or a recovery dated before
 * its theft (by local date, then by local time when both are known).
 */
export function planLink(first: LinkableIncident, second: LinkableIncident): LinkPlan | LinkRefusal {
  if (first.id === second.id) {
    return {
      refused: `${first.recordId} cannot be linked to itself: give two different records.`,
      field: "second",
    };
  }
  for (const [incident, field] of [
    [first, "first"],
    [second, "second"],
  ] as const) {
    if (incident.voided) {
      return {
        refused: `${incident.recordId} is voided, so it counts nowhere and cannot be linked. Link the record that replaced it.`,
        field,
      };
    }
  }
  const stolenFirst = first.kind === "stolen_vehicle";
  const stolen = stolenFirst ? first : second;
  const other = stolenFirst ? second : first;
  if (stolen.kind !== "stolen_vehicle" || other.kind === "stolen_vehicle") {
    return {
      refused: `${describe(first)} and ${describe(second)} cannot be linked. ${allowedPairs}.`,
      field: "second",
    };
  }
  if (other.kind === "shooting") return { kind: "vehicle_used", incident: other, stolen, recoveryDays: null };
  const days = daysBetween(stolen.localDate, other.localDate);
  const sameDayEarlier =
    days === 0 && stolen.localTime !== null && other.localTime !== null && other.localTime < stolen.localTime;
  if (days < 0 || sameDayEarlier) {
    return {
      refused: `${other.recordId} (recovered ${when(other)}) is dated before the theft ${stolen.recordId} (stolen ${when(stolen)}): a vehicle is recovered after it is stolen. Check the dates, or link the right theft.`,
      field: stolenFirst ? "second" : "first",
    };
  }
  return { kind: "recovery", incident: other, stolen, recoveryDays: days };
}

export function isRefusal(plan: LinkPlan | LinkRefusal): plan is LinkRefusal {
  return "refused" in plan;
}

/** The kind of record a link to `kind` needs on its other side, for errors and help. */
export function linkableTo(kind: IncidentKind): string {
  if (kind === "stolen_vehicle") return "a shooting or a recovered vehicle";
  return "a stolen vehicle";
}
