import { invalid } from "../errors.js";
import { quoteInput } from "../text/escape.js";
import { formatCount } from "../text/numbers.js";

/** $1,000,000,000 in cents: more is a typo, not a seizure. */
export const maxCashCents = 100_000_000_000n;

const hint = "e.g. cash:4500, cash:$4,500.50 or cash:4.5k";

const multipliers: Readonly<Record<string, bigint>> = { "": 1n, k: 1_000n, m: 1_000_000n };

/**
 * Cash seized, in cents, as a detective types it after `cash:`: `4500`, `$4,500`, `4500.50`,
 * `$0.99`, `4.5k`, `$1.2m`. Exact: the amount must come to whole cents.
 */
export function parseCash(raw: string): bigint {
  const text = raw.trim();
  const quoted = `\`${quoteInput(`cash:${text}`)}\``;
  const compact = text.toLowerCase().replace(/\s+/g, "");

  if (compact === "") throw invalid("`cash:` needs an amount in dollars.", hint);
  if (/^\$?-|^\(/.test(compact)) throw invalid(`${quoted}: an amount can't be negative.`, hint);
  if (/^\$?[\d.,]*\de[+-]?\d/.test(compact)) {
    throw invalid(`${quoted}: write the amount as a plain number, like 4500 or 4.5k.`, hint);
  }

  const match = /^\$?([\d,]*)(?:\.(\d*))?([km]?)$/.exec(compact);
  const whole = match?.[1] ?? "";
  const fraction = match?.[2] ?? "";
  const suffix = match?.[3] ?? "";
  if (!match || (whole === "" && fraction === "")) {
    throw invalid(`${quoted} is not an amount: write dollars like 4500, $4,500.50, 4.5k or 1.2m.`, hint);
  }
  if (whole.includes(",") && !/^\d{1,3}(,\d{3})+$/.test(whole)) {
    throw invalid(
      `${quoted}: commas must separate thousands, like $4,500; cents follow a point, like $4.50.`,
      hint,
    );
  }

  const digits = `${whole.replace(/,/g, "")}${fraction}` || "0";
  const numerator = BigInt(digits) * (multipliers[suffix] ?? 1n) * 100n;
  const denominator = 10n ** BigInt(fraction.length);
  if (numerator % denominator !== 0n) {
    throw invalid(`${quoted}: the amount must come to whole cents (at most 2 decimal places).`, hint);
  }
  const cents = numerator / denominator;
  if (cents > maxCashCents) {
    throw invalid(`${quoted} is more than $1,000,000,000; check the amount.`, hint);
  }
  return cents;
}

/** "$4,500", "$4,500.50", "$0.99"; cents are shown only when there are some. */
export function formatCents(cents: bigint): string {
  const negative = cents < 0n;
  const size = negative ? -cents : cents;
  const dollars = formatCount(size / 100n);
  const rest = size % 100n;
  return `${negative ? "-" : ""}$${dollars}${rest === 0n ? "" : `.${String(rest).padStart(2, "0")}`}`;
}
