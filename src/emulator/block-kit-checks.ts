// Block Kit limits and the text fallback, checked on every message and view the bot sends to the emulator.
// Limits from Slack's Block Kit reference (docs.slack.dev/reference/block-kit).
import { decodeJson, describe, isMissing, isRecord, type Json, textOf } from "./json-values.js";

const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  buttonText: 75,
  actionsElements: 25,
  contextElements: 10,
  viewTitle: 24,
  viewButton: 24,
  privateMetadata: 3000,
} as const;

export function checkMessage(message: Json): string[] {
  const problems: string[] = [];
  const blocks = decodeJson(message.blocks);
  const hasText = typeof message.text === "string" && message.text.trim() !== "";
  if (blocks === undefined || blocks === null) {
    const attachments = decodeJson(message.attachments);
    const hasAttachments = Array.isArray(attachments) && attachments.length > 0;
    if (!hasText && !hasAttachments)
      problems.push("message has no text, blocks or attachments (Slack: no_text)");
    return problems;
  }
  if (typeof blocks === "string") return ["`blocks` is not valid JSON"];
  if (!Array.isArray(blocks)) return [`\`blocks\` must be an array, got ${describe(blocks)}`];
  problems.push(...checkBlocks(blocks, "message"));
  if (blocks.length > 0 && !hasText) {
    problems.push(
      "blocks sent without a non-empty `text` fallback (used by notifications and screen readers)",
    );
  }
  return problems;
}

export function checkViewCall(method: string, args: Json): string[] {
  const problems: string[] = [];
  if (
    (method === "views.open" || method === "views.push") &&
    isMissing(args.trigger_id) &&
    isMissing(args.interactivity_pointer)
  ) {
    problems.push("needs a trigger_id or interactivity_pointer");
  }
  if (method === "views.update" && isMissing(args.view_id) && isMissing(args.external_id)) {
    problems.push("needs a view_id or external_id");
  }
  const view = decodeJson(args.view);
  if (view === undefined) return problems;
  if (typeof view === "string") return [...problems, "`view` is not valid JSON"];
  if (!isRecord(view)) return [...problems, `\`view\` must be an object, got ${describe(view)}`];

  const expected = method === "views.publish" ? "home" : "modal";
  if (view.type !== expected)
    problems.push(`view.type must be "${expected}", got ${JSON.stringify(view.type)}`);
  const surface = view.type === "home" ? "home" : "modal";
  if (surface === "modal") {
    const title = textOf(view.title);
    if (title === undefined) problems.push("a modal needs a title");
    else if (title.length > LIMITS.viewTitle)
      problems.push(`view title is ${title.length} characters (max ${LIMITS.viewTitle})`);
    for (const key of ["submit", "close"] as const) {
      const text = textOf(view[key]);
      if (text !== undefined && text.length > LIMITS.viewButton) {
        problems.push(`view ${key} text is ${text.length} characters (max ${LIMITS.viewButton})`);
      }
    }
    const blocks = Array.isArray(view.blocks) ? view.blocks : [];
    if (view.submit === undefined && blocks.some((b) => isRecord(b) && b.type === "input")) {
      problems.push("a modal with input blocks needs a submit button");
    }
  }
  if (typeof view.private_metadata === "string" && view.private_metadata.length > LIMITS.privateMetadata) {
    problems.push(
      `private_metadata is ${view.private_metadata.length} characters (max ${LIMITS.privateMetadata})`,
    );
  }
  if (!Array.isArray(view.blocks)) problems.push("view.blocks must be an array");
  else problems.push(...checkBlocks(view.blocks, surface));
  return problems;
}

function checkBlocks(blocks: readonly unknown[], surface: "message" | "modal" | "home"): string[] {
  const problems: string[] = [];
  const max = surface === "message" ? LIMITS.messageBlocks : LIMITS.viewBlocks;
  if (blocks.length > max) problems.push(`${blocks.length} blocks (a ${surface} allows at most ${max})`);
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const at = `block ${i}`;
    if (!isRecord(block) || typeof block.type !== "string") {
      problems.push(`${at} has no type`);
      return;
    }
    const where = `${at} (${block.type})`;
    if (typeof block.block_id === "string") {
      if (blockIds.has(block.block_id)) problems.push(`${where}: duplicate block_id "${block.block_id}"`);
      blockIds.add(block.block_id);
    }
    switch (block.type) {
      case "section": {
        const text = textOf(block.text);
        const fields = Array.isArray(block.fields) ? block.fields : undefined;
        if (text === undefined && !fields) problems.push(`${where}: needs text or fields`);
        if (text !== undefined && text.length > LIMITS.sectionText) {
          problems.push(`${where}: text is ${text.length} characters (max ${LIMITS.sectionText})`);
        }
        if (fields && fields.length > LIMITS.sectionFields) {
          problems.push(`${where}: ${fields.length} fields (max ${LIMITS.sectionFields})`);
        }
        fields?.forEach((field, f) => {
          const t = textOf(field) ?? "";
          if (t.length > LIMITS.fieldText)
            problems.push(`${where}: field ${f} is ${t.length} characters (max ${LIMITS.fieldText})`);
        });
        if (block.accessory !== undefined) problems.push(...checkElement(block.accessory, where));
        break;
      }
      case "header": {
        const text = textOf(block.text);
        if (text === undefined) problems.push(`${where}: needs text`);
        else if (text.length > LIMITS.headerText) {
          problems.push(`${where}: text is ${text.length} characters (max ${LIMITS.headerText})`);
        }
        if (isRecord(block.text) && block.text.type !== "plain_text")
          problems.push(`${where}: text must be plain_text`);
        break;
      }
      case "actions": {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length > LIMITS.actionsElements) {
          problems.push(`${where}: ${elements.length} elements (max ${LIMITS.actionsElements})`);
        }
        for (const element of elements) problems.push(...checkElement(element, where));
        break;
      }
      case "context": {
        const elements = Array.isArray(block.elements) ? block.elements : [];
        if (elements.length > LIMITS.contextElements) {
          problems.push(`${where}: ${elements.length} elements (max ${LIMITS.contextElements})`);
        }
        break;
      }
      case "input":
        if (block.element !== undefined) problems.push(...checkElement(block.element, where));
        break;
    }
  });
  return problems;
}

function checkElement(element: unknown, where: string): string[] {
  if (!isRecord(element) || element.type !== "button") return [];
  const text = textOf(element.text);
  if (text === undefined) return [`${where}: button has no text`];
  if (text.length > LIMITS.buttonText)
    return [`${where}: button text is ${text.length} characters (max ${LIMITS.buttonText})`];
  return [];
}
