// Reading what a Slack client sent: form bodies carry JSON arguments as strings, JSON bodies as values.

export type Json = Record<string, unknown>;

export function decodeJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const parsed = tryJson(value);
  return parsed === undefined ? value : parsed;
}

export function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

export function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value as a violation message names it. */
export function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  if (typeof value === "string")
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}
