import { escapeMrkdwn } from "../text/escape.js";

/** At most this many changed fields are named in one line; the export has the rest. */
const maxFields = 3;
const maxValueChars = 40;

/**
 * What an audit row changed, in one short line of mrkdwn: each field whose value differs between
 * the row's before and after, e.g. `role: viewer → leadership`. Undefined when the row records no
 * before (a creation, a refusal, a read) or nothing differs.
 */
export function describeChange(before: string | null, after: string | null): string | undefined {
  if (before === null) return undefined;
  const old = objectOf(before);
  const now = after === null ? {} : objectOf(after);
  const keys = [...new Set([...Object.keys(old), ...Object.keys(now)])].filter(
    (key) => JSON.stringify(old[key] ?? null) !== JSON.stringify(now[key] ?? null),
  );
  if (keys.length === 0) return undefined;
  const shown = keys
    .slice(0, maxFields)
    .map((key) => `${escapeMrkdwn(key)}: ${display(old[key])} → ${display(now[key])}`);
  const more = keys.length > maxFields ? ` (+${keys.length - maxFields} more)` : "";
  return `${shown.join(", ")}${more}`;
}

function objectOf(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { value };
  } catch {
    return { value: json };
  }
}

function display(value: unknown): string {
  if (value === null || value === undefined) return "none";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const chars = [...text];
  return escapeMrkdwn(chars.length > maxValueChars ? `${chars.slice(0, maxValueChars - 1).join("")}…` : text);
}
