import { invalid } from "../errors.js";
import { quoteInput } from "../text/escape.js";

/**
 * Record ids users see and type: a letter for the kind and the row id, e.g. `S-42`. One number
 * space per table, so the letter is what makes `/tf void S-42` unambiguous.
 */
export type RecordKind = "assignment" | "seizure" | "incident";

const prefixes: Record<RecordKind, string> = { assignment: "A", seizure: "S", incident: "I" };

export function formatRecordId(kind: RecordKind, id: number): string {
  return `${prefixes[kind]}-${id}`;
}

export function parseRecordId(
  raw: string,
  hint = 'e.g. /tf void S-42 reason:"entered twice"',
): { kind: RecordKind; id: number } {
  const match = /^([ASI])-?(\d{1,9})$/i.exec(raw.trim());
  const letter = match?.[1]?.toUpperCase();
  const kind = (Object.keys(prefixes) as RecordKind[]).find((k) => prefixes[k] === letter);
  if (!match || !kind) {
    throw invalid(
      `\`${quoteInput(raw)}\` is not a record id. Ids look like S-42 (seizure), I-7 (incident) or A-3 (assignment).`,
      hint,
    );
  }
  return { kind, id: Number(match[2]) };
}
