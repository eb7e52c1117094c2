// Block Kit as Slack receives it: JSON that may hold anything, read without trusting its shape.

import { isRecord, type Json } from "../json-values.js";

export { decodeJson, describe, isMissing, isRecord, type Json } from "../json-values.js";

/** Where blocks are shown; each surface has its own limits. */
export type Surface = "message" | "modal" | "home";

export const surfaceNames: Record<Surface, string> = { message: "message", modal: "modal", home: "Home tab" };

export function typeOf(value: unknown): string | undefined {
  return isRecord(value) && typeof value.type === "string" ? value.type : undefined;
}

export function isTextObject(value: unknown): value is Json {
  const type = typeOf(value);
  return type === "plain_text" || type === "mrkdwn";
}

/** Slack counts characters, so an emoji is one, not the two UTF-16 units JavaScript counts. */
export function characters(text: string): number {
  return [...text].length;
}

/** A block's elements and the field each sits in: a section's accessory, an input's element, or an item of `elements`. */
export function elementsOf(block: Json): { element: unknown; slot: string }[] {
  switch (block.type) {
    case "section":
      return block.accessory === undefined ? [] : [{ element: block.accessory, slot: "accessory" }];
    case "input":
      return block.element === undefined ? [] : [{ element: block.element, slot: "element" }];
    case "actions":
    case "context":
      return (Array.isArray(block.elements) ? block.elements : [])
        .map((element, i) => ({ element, slot: `elements[${i}]` }))
        .filter(({ element }) => !isTextObject(element));
    default:
      return [];
  }
}

/** JSON with keys in a fixed order, so two objects that say the same thing compare equal. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (isRecord(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
