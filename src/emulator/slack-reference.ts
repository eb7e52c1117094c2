// Slack's own method and manifest references, read from ../shared/slack beside the project. They are MIT-licensed
// copies that must not be committed, so every consumer has to cope with them being absent.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export type ArgType = "string" | "integer" | "number" | "boolean" | "array" | "object" | "null";

/** Slack's rate-limit tiers: t1…t4 are per-minute quotas, t5 ("Special") is a method's own rule. */
export type RateTier = "t1" | "t2" | "t3" | "t4" | "t5";
const RATE_TIERS: ReadonlySet<string> = new Set(["t1", "t2", "t3", "t4", "t5"]);

export interface ArgContract {
  /** Types the reference allows; empty when it only names a schema (e.g. "channel") and gives no JSON type. */
  readonly types: readonly ArgType[];
  readonly minimum?: number;
  readonly maximum?: number;
}

export interface MethodContract {
  readonly method: string;
  readonly required: readonly string[];
  readonly args: ReadonlyMap<string, ArgContract>;
  /** Alternatives, one per conversation type for conversations.*: any single one of them is enough. */
  readonly botScopes: readonly string[];
  /** The scrape only marks methods that do accept JSON; undefined means "not stated", not "no". */
  readonly jsonInputSupported: boolean | undefined;
  /** Undefined when the reference gives no tier. */
  readonly rateTier: RateTier | undefined;
}

export interface SlackReference {
  readonly available: boolean;
  readonly root: string;
  readonly methodsDir: string;
  readonly manifestSchemaPath: string;
  /** Undefined when the references are absent or Slack has no such method. */
  method(name: string): MethodContract | undefined;
}

export interface SlackReferenceOptions {
  /** Folder holding web-api-methods/ and manifest-schema/; defaults to ../shared/slack beside the project. */
  root?: string;
}

const ARG_TYPES: ReadonlySet<string> = new Set([
  "string",
  "integer",
  "number",
  "boolean",
  "array",
  "object",
  "null",
]);

export function findProjectRoot(start: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, "package.json"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No package.json above ${start}`);
    dir = parent;
  }
}

export function defaultSlackReferenceRoot(): string {
  return resolve(findProjectRoot(), "..", "shared", "slack");
}

export function loadSlackReference(options: SlackReferenceOptions = {}): SlackReference {
  const root = resolve(options.root ?? defaultSlackReferenceRoot());
  const methodsDir = join(root, "web-api-methods");
  const manifestSchemaPath = join(root, "manifest-schema", "manifest.schema.json");
  const available = existsSync(join(methodsDir, "chat.postMessage.json")) && existsSync(manifestSchemaPath);
  const cache = new Map<string, MethodContract | undefined>();

  function method(name: string): MethodContract | undefined {
    if (!available || !/^[a-zA-Z][\w.]*$/.test(name)) return undefined;
    if (!cache.has(name)) {
      const file = join(methodsDir, `${name}.json`);
      cache.set(
        name,
        existsSync(file) ? parseMethod(name, JSON.parse(readFileSync(file, "utf8"))) : undefined,
      );
    }
    return cache.get(name);
  }

  return { available, root, methodsDir, manifestSchemaPath, method };
}

function parseMethod(name: string, raw: unknown): MethodContract | undefined {
  // methods.json sits in the same folder and is a list, not a method.
  if (!isRecord(raw) || !isRecord(raw.args)) return undefined;
  const required = Array.isArray(raw.args.required) ? raw.args.required.filter(isString) : [];
  const properties = isRecord(raw.args.properties) ? raw.args.properties : {};
  const args = new Map<string, ArgContract>();
  for (const [arg, schema] of Object.entries(properties)) {
    if (!isRecord(schema)) continue;
    args.set(arg, {
      types: [...new Set(collectTypes(schema))],
      ...(typeof schema.minimum === "number" ? { minimum: schema.minimum } : {}),
      ...(typeof schema.maximum === "number" ? { maximum: schema.maximum } : {}),
    });
  }
  const scope = isRecord(raw.scope) ? raw.scope : {};
  const botScopes = Array.isArray(scope.bot) ? scope.bot.filter(isString) : [];
  const jsonInputSupported =
    typeof raw.json_input_supported === "boolean" ? raw.json_input_supported : undefined;
  const rateTier =
    typeof raw.rate_limits === "string" && RATE_TIERS.has(raw.rate_limits)
      ? (raw.rate_limits as RateTier)
      : undefined;
  return { method: name, required, args, botScopes, jsonInputSupported, rateTier };
}

// The scrape writes types as `type`, or as anyOf/oneOf alternatives, or (for `view`) as an allOf whose first member
// carries the type and the rest name schemas.
function collectTypes(schema: Record<string, unknown>): ArgType[] {
  const own = schema.type;
  const types: ArgType[] = [];
  for (const t of Array.isArray(own) ? own : [own]) {
    if (typeof t === "string" && ARG_TYPES.has(t)) types.push(t as ArgType);
  }
  for (const key of ["anyOf", "oneOf", "allOf"] as const) {
    const alternatives = schema[key];
    if (!Array.isArray(alternatives)) continue;
    for (const alt of alternatives) if (isRecord(alt)) types.push(...collectTypes(alt));
  }
  return types;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === "string";
}
