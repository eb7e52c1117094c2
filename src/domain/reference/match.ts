import { invalid } from "../errors.js";
import { quoteInput } from "../text/escape.js";
import { closestMatch } from "../text/suggest.js";

export type ReferenceKind = "unit" | "agency" | "area";

export interface ReferenceEntry {
  id: number;
  code: string;
  name: string;
}

const examples: Record<ReferenceKind, string> = {
  unit: "unit:vctf",
  agency: "agency:CSP",
  area: 'area:frog-hollow or area:"Frog Hollow"',
};

/** Folds case, spaces, hyphens and underscores, so `Frog Hollow`, `frog-hollow` and `FROG_HOLLOW` agree. */
export function referenceKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\s_-]+/g, "")
    .trim();
}

/**
 * Finds the active entry a user meant by its code or its name. An unknown name is refused with
 * the closest known one and the list to choose from.
 */
export function matchReference(
  kind: ReferenceKind,
  input: string,
  entries: readonly ReferenceEntry[],
): ReferenceEntry {
  const key = referenceKey(input);
  const found = entries.find((e) => referenceKey(e.code) === key || referenceKey(e.name) === key);
  if (found) return found;
  const suggestion = closestMatch(
    key,
    entries.flatMap((e) => [referenceKey(e.code), referenceKey(e.name)]),
  );
  const meant = suggestion
    ? entries.find((e) => referenceKey(e.code) === suggestion || referenceKey(e.name) === suggestion)
    : undefined;
  const didYouMean = meant ? ` Did you mean \`${kind}:${meant.code}\` (${meant.name})?` : "";
  const known = entries.map((e) => `\`${e.code}\``).join(", ");
  throw invalid(
    `\`${kind}:${quoteInput(input)}\`: there is no ${kind} by that name.${didYouMean}`,
    `Known ${kind === "agency" ? "agencies" : `${kind}s`}: ${known}. For example ${examples[kind]}.`,
    kind,
  );
}

/**
 * Finds an agency taking part in this task force. One known statewide but not here (never added,
 * or retired here) is refused by name, saying how an admin adds it, rather than as unknown.
 */
export function matchAgency(
  input: string,
  reference: { agencies: readonly ReferenceEntry[]; otherAgencies: readonly ReferenceEntry[] },
): ReferenceEntry {
  const key = referenceKey(input);
  const here = reference.agencies.find((e) => referenceKey(e.code) === key || referenceKey(e.name) === key);
  if (here) return here;
  const elsewhere = reference.otherAgencies.find(
    (e) => referenceKey(e.code) === key || referenceKey(e.name) === key,
  );
  if (elsewhere) {
    const known = reference.agencies.map((e) => `\`${e.code}\``).join(", ");
    throw invalid(
      `\`agency:${quoteInput(input)}\`: ${elsewhere.code} (${elsewhere.name}) does not take part in this task force.`,
      `An admin adds it with /tf admin agency add ${elsewhere.code} name:"${elsewhere.name}". Agencies here: ${known || "none yet"}.`,
      "agency",
    );
  }
  return matchReference("agency", input, reference.agencies);
}
