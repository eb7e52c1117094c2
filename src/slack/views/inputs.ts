import type { types } from "@slack/bolt";
import type { ReferenceEntry } from "../../domain/reference/match.js";

/** Slack allows 100 options in a static select. */
const maxOptions = 100;

export function referenceOptions(entries: readonly ReferenceEntry[], label: (e: ReferenceEntry) => string) {
  return entries.slice(0, maxOptions).map((e) => ({
    text: { type: "plain_text" as const, text: label(e).slice(0, 75) },
    value: e.code,
  }));
}

export function input(
  blockId: string,
  label: string,
  element: types.InputBlock["element"],
  optional = false,
): types.InputBlock {
  return { type: "input", block_id: blockId, label: { type: "plain_text", text: label }, element, optional };
}
