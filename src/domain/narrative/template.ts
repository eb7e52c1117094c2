/**
 * The deterministic narrative: what the digest says when no model is configured, or when the
 * model's text fails the grounding check. Plain English, 3 to 5 sentences, and only numbers from
 * the facts (it passes checkNarrative with allowedNumbers by construction; the tests hold it to that).
 *
 * Wording:
 * - a change is "up N (+P%)", "down N (-P%)" or "unchanged"; when the prior figure is 0 there is
 *   no percentage, and it says "no prior-year figure" instead of inventing one;
 * - every figure is said to be preliminary, with the as-of date and time zone;
 * - it states no causes and no names: it only reads the facts;
 * - it fits the check's 700 characters: with implausibly large figures the victims sentence, then
 *   the 28-day sentence, are left out (the lead, the last 24 hours and seizures always stay).
 *
 * Pure: no I/O, no clock.
 */

import { monthNames } from "../time/local-date.js";
import { type FactChange, factRow, type NarrativeFacts } from "./facts.js";
import { defaultNarrativeLimits } from "./grounding.js";

/** "March 6, 2025" for 2025-03-06. */
function longDate(asOf: string): string {
  const [year, month, day] = asOf.split("-").map(Number);
  return `${monthNames[(month ?? 1) - 1] ?? ""} ${day}, ${year}`;
}

const numberFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const n = (value: number) => numberFormat.format(value);

/** "1 victim", "3 victims". */
function count(value: number, one: string, many = `${one}s`): string {
  return `${n(value)} ${value === 1 ? one : many}`;
}

function percent(value: number): string {
  if (value === 0) return "0%";
  return `${value > 0 ? "+" : "-"}${n(Math.abs(value))}%`;
}

/** "up 4 (+11%) from 37 in the same period of 2024", "unchanged from 12 …", "up from 0 … (no prior-year figure)". */
function versus(change: FactChange, basis: string): string {
  if (change.delta === 0) return `unchanged from ${n(change.prior)} ${basis}`;
  const direction = change.delta > 0 ? "up" : "down";
  if (change.percent === null) {
    return `${direction} from ${n(change.prior)} ${basis} (no prior-year figure for a percentage)`;
  }
  return `${direction} ${n(Math.abs(change.delta))} (${percent(change.percent)}) from ${n(change.prior)} ${basis}`;
}

/** "down, 8 against 10 a year earlier (-20%)", "unchanged at 8", "up, 3 against 0 (no prior-year figure)". */
function trend(change: FactChange, basis: string): string {
  if (change.delta === 0) return `unchanged at ${n(change.current)}`;
  const direction = change.delta > 0 ? "up" : "down";
  const pct = change.percent === null ? "no prior-year figure" : percent(change.percent);
  return `${direction}, ${n(change.current)} against ${n(change.prior)}${basis} (${pct})`;
}

/** The template narrative of `facts`: 3 to 5 sentences, deterministic. */
export function templateNarrative(facts: NarrativeFacts): string {
  const sameDates = `in the same period of ${facts.priorYear}`;
  const sentences: { text: string; drop?: number }[] = [];
  const lead = `Preliminary figures as of ${longDate(facts.asOf)} (${facts.timeZone})`;

  const shootings = factRow(facts, "shootings");
  sentences.push({
    text: shootings
      ? `${lead}: ${count(shootings.yearToDate.current, "shooting incident")} year to date, ${versus(shootings.yearToDate, sameDates)}.`
      : `${lead}; this report has no year-to-date shooting figures.`,
  });

  const stolen = factRow(facts, "stolen");
  const trends = [
    shootings && `shootings are ${trend(shootings.last28Days, " a year earlier")}`,
    stolen && `stolen vehicles are ${trend(stolen.last28Days, "")}`,
  ].filter((clause): clause is string => Boolean(clause));
  if (trends.length > 0) {
    sentences.push({
      text: `Over the last ${facts.windows.last28Days.days} days ${trends.join(", and ")}.`,
      drop: 2,
    });
  }

  const victims = factRow(facts, "victims");
  if (victims) {
    const v = victims.yearToDate.current;
    const fatal = factRow(facts, "fatal");
    const fatally = fatal ? `, ${n(fatal.yearToDate.current)} fatally` : "";
    sentences.push({
      text: `Year to date ${n(v)} ${v === 1 ? "person has" : "people have"} been shot${fatally}, ${versus(victims.yearToDate, sameDates)}.`,
      drop: 1,
    });
  }

  const day = facts.last24Hours;
  sentences.push({
    text:
      `In the last ${day.hours} hours: ${count(day.shootingIncidents, "shooting incident")} with ` +
      `${count(day.shootingVictims, "victim")} (${n(day.fatalVictims)} fatal); ` +
      `${count(day.stolenVehicles, "vehicle")} reported stolen and ${n(day.recoveredVehicles)} recovered.`,
  });

  const seized = facts.seizuresLast24Hours;
  const roster = facts.rosterChanges;
  sentences.push({
    text:
      `Seizures reported for the previous day: ${count(seized.reports, "report")} with ` +
      `${count(seized.firearms, "firearm")}; roster changes: ` +
      `${count(roster.assignmentsStarted, "assignment")} started and ${n(roster.assignmentsEnded)} ended.`,
  });

  let kept = sentences;
  const join = () => kept.map((sentence) => sentence.text).join(" ");
  for (const rank of [1, 2]) {
    if (join().length <= defaultNarrativeLimits.maxChars) break;
    kept = kept.filter((sentence) => sentence.drop !== rank);
  }
  return join();
}
