// What the method families share with the server: who the emulated workspace is, its clock and ids, and where
// breaches and events go.
import type { Json } from "../json-values.js";
import type { EmulatedBot, EmulatedTeam, EmulatorEvent } from "./types.js";

export interface EmulatorContext {
  readonly team: EmulatedTeam;
  readonly bot: EmulatedBot;
  readonly now: () => number;
  /** Bot scopes manifest.yml declares; undefined when there is no manifest to read. */
  readonly manifestScopes: ReadonlySet<string> | undefined;
  /** http://host:port; set once the server listens, before any request can arrive. */
  baseUrl: string;
  /** A fresh number for ids and timestamps, unique for this server. */
  nextId(): number;
  addViolation(message: string): void;
  emit(event: EmulatorEvent): void;
}

export interface HandlerResult {
  body: Json;
  /** A breach only the handler can see, e.g. a trigger used after it expired. */
  violation?: string;
}

/** Web API methods by name. */
export type Methods = Record<string, (args: Json, token: string) => HandlerResult>;

/** A message timestamp as Slack writes one: epoch seconds, a dot, six digits. */
export function nextTs(context: EmulatorContext): string {
  return `${Math.floor(context.now() / 1000)}.${String(context.nextId()).padStart(6, "0")}`;
}
