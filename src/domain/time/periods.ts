import { invalid } from "../errors.js";
import { quoteInput } from "../text/escape.js";
import { closestMatch } from "../text/suggest.js";
import {
  addDays,
  dayOfWeek,
  daysBetween,
  explainNonexistentDate,
  isValidLocalDate,
  type LocalDate,
} from "./local-date.js";

export type WeekStart = "monday" | "sunday";

/** A run of dates, both ends inclusive, with a label naming it for people. */
export interface Period {
  from: LocalDate;
  to: LocalDate;
  label: string;
}

/** The longest range accepted as `YYYY-MM-DD..YYYY-MM-DD`, in days counting both ends (about 10 years). */
export const maxPeriodDays = 3660;

export const defaultPeriodToken = "28d";

const periodKeywords = ["wtd", "28d", "7d", "30d", "ytd"] as const;
const acceptedForms = "wtd, 28d, 7d, 30d, ytd, or a range YYYY-MM-DD..YYYY-MM-DD";
const periodHint = "e.g. 28d, wtd, ytd or 2025-01-01..2025-03-31";

const grouped = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
const span = (from: LocalDate, to: LocalDate) => `${from} – ${to}`;

function lastDays(days: number, asOf: LocalDate): Period {
  const from = addDays(asOf, -(days - 1));
  return { from, to: asOf, label: `last ${days} days (${span(from, asOf)})` };
}

/**
 * The period a `/tf tally`-style token names, ending on `asOf` for the relative forms:
 * - `wtd`: the week so far, starting on `weekStart`;
 * - `7d`, `28d`, `30d`: that many days ending on `asOf` inclusive;
 * - `ytd`: January 1 of `asOf`'s year to `asOf`;
 * - `YYYY-MM-DD..YYYY-MM-DD`: exactly those dates (at most {@link maxPeriodDays} days);
 * - undefined or blank: `28d`.
 */
export function parsePeriod(token: string | undefined, asOf: LocalDate, weekStart: WeekStart): Period {
  if (!isValidLocalDate(asOf)) throw new RangeError(`parsePeriod: asOf is not a YYYY-MM-DD date: ${asOf}`);
  const text = (token ?? "").trim();
  const lower = text === "" ? defaultPeriodToken : text.toLowerCase();

  switch (lower) {
    case "wtd": {
      const back = weekStart === "monday" ? (dayOfWeek(asOf) + 6) % 7 : dayOfWeek(asOf);
      const from = addDays(asOf, -back);
      return { from, to: asOf, label: `week to date (${span(from, asOf)})` };
    }
    case "7d":
      return lastDays(7, asOf);
    case "28d":
      return lastDays(28, asOf);
    case "30d":
      return lastDays(30, asOf);
    case "ytd": {
      const from = `${asOf.slice(0, 4)}-01-01`;
      return { from, to: asOf, label: `year to date (${span(from, asOf)})` };
    }
  }

  const range = /^(.*?)(?:\.\.|…)(.*)$/.exec(text);
  if (range) return parseRange(text, range[1] ?? "", range[2] ?? "");

  const guess = closestMatch(lower, periodKeywords);
  const didYouMean = guess ? ` Did you mean \`${guess}\`?` : "";
  throw invalid(`The period must be ${acceptedForms}; got \`${quoteInput(text)}\`.${didYouMean}`, periodHint);
}

function parseRange(text: string, fromText: string, toText: string): Period {
  const shape = /^\d{4}-\d{2}-\d{2}$/;
  if (!shape.test(fromText) || !shape.test(toText)) {
    throw invalid(
      `A period range is written YYYY-MM-DD..YYYY-MM-DD; got \`${quoteInput(text)}\`.`,
      "e.g. 2025-01-01..2025-03-31",
    );
  }
  for (const [end, value] of [
    ["starts", fromText],
    ["ends", toText],
  ] as const) {
    const problem = explainNonexistentDate(value);
    if (problem) {
      throw invalid(
        `The period \`${quoteInput(text)}\` ${end} on a date that does not exist (${problem}).`,
        "e.g. 2025-02-01..2025-02-28",
      );
    }
  }
  const days = daysBetween(fromText, toText) + 1;
  if (days < 1) {
    throw invalid(`The period \`${quoteInput(text)}\` ends before it starts.`, `e.g. ${toText}..${fromText}`);
  }
  if (days > maxPeriodDays) {
    throw invalid(
      `The period \`${quoteInput(text)}\` spans ${grouped(days)} days; the longest is ${grouped(maxPeriodDays)} days (about 10 years).`,
      `e.g. ${addDays(toText, -(maxPeriodDays - 1))}..${toText}`,
    );
  }
  const length = days === 1 ? "1 day" : `${grouped(days)} days`;
  return { from: fromText, to: toText, label: `${span(fromText, toText)} (${length})` };
}
