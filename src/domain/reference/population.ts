import { invalid } from "../errors.js";
import { quoteInput } from "../text/escape.js";

/** More residents than any one area of a city has: a larger figure is a typing slip. */
export const maxPopulation = 100_000_000;

const hint = "e.g. population:21500 (population:0 when it is not known)";

/**
 * An area's population as an admin typed it after `population:`: a whole number of residents, with
 * or without thousands commas ("21500", "21,500"). 0 means unknown. Negative, fractional,
 * exponent and other forms are refused with a message saying how to write it.
 */
export function parsePopulation(raw: string): number {
  const text = raw.trim();
  const quoted = `\`${quoteInput(`population:${text}`)}\``;
  if (text === "") throw invalid("`population:` needs a number of residents.", hint, "population");
  if (/^-/.test(text)) throw invalid(`${quoted}: a population can't be negative.`, hint, "population");
  if (/^\+?[\d,]*\.\d*$/.test(text) && !/^\+?[\d,]+\.0*$/.test(text)) {
    throw invalid(`${quoted}: a population is a whole number of residents.`, hint, "population");
  }
  const whole = /^\+?(\d{1,3}(?:,\d{3})+|\d+)(?:\.0*)?$/.exec(text)?.[1];
  if (whole === undefined) {
    throw invalid(`${quoted} is not a number: write a whole number of residents.`, hint, "population");
  }
  const population = Number(whole.replace(/,/g, ""));
  if (population > maxPopulation) {
    throw invalid(`${quoted} is more than 100,000,000; check the number.`, hint, "population");
  }
  return population;
}
