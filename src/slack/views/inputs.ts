import type { InputBlock, InputBlockElement, PlainTextOption } from "@slack/types";
import type { ReferenceEntry } from "../../domain/reference/match.js";

/** Slack allows 100 options in a static select. */
const maxOptions = 100;
/** Slack allows 75 characters in an option's text. */
const maxOptionText = 75;

export function option(text: string, value: string): PlainTextOption {
  return { text: { type: "plain_text", text: text.slice(0, maxOptionText) }, value };
}

export function referenceOptions(
  entries: readonly ReferenceEntry[],
  label: (e: ReferenceEntry) => string,
): PlainTextOption[] {
  return entries.slice(0, maxOptions).map((e) => option(label(e), e.code));
}

export function input(
  blockId: string,
  label: string,
  element: InputBlockElement,
  optional = false,
): InputBlock {
  return { type: "input", block_id: blockId, label: { type: "plain_text", text: label }, element, optional };
}
