// Checks what the bot sends against Slack's Block Kit rules (rules.ts): walks a message or a view
// down to every block, element, option, confirmation dialog and text object, and hands each part
// to the rules of its scope. Each violation reads "<where>: <what> [<rule id>]".
import { type AnyRule, type Rule, rules, type Scope, type Scopes } from "./rules.js";
import { decodeJson, elementsOf, isRecord, isTextObject, type Json, type Surface, typeOf } from "./shape.js";

/** A chat.postMessage / postEphemeral / update call's arguments, or a response_url body. */
export function checkMessage(message: Json): string[] {
  const report = new Report();
  const blocks = decodeJson(message.blocks);
  report.run("message", { message, blocks }, "");
  if (Array.isArray(blocks)) walkBlocks(report, blocks, "message", "blocks");
  return report.problems;
}

/** A views.open / push / update / publish call's arguments. */
export function checkViewCall(method: string, args: Json): string[] {
  const report = new Report();
  const view = decodeJson(args.view);
  report.run("viewCall", { method, args, view }, "");
  if (!isRecord(view)) return report.problems;
  const type = view.type === "home" ? "home" : "modal";
  report.run("view", { view, type }, "view", type);
  const { blocks, ...chrome } = view;
  walkTexts(report, chrome, "view");
  if (Array.isArray(blocks)) walkBlocks(report, blocks, type, "view.blocks");
  return report.problems;
}

class Report {
  readonly problems: string[] = [];

  run<S extends Scope>(scope: S, subject: Scopes[S], where: string, type?: string): void {
    for (const rule of byScope[scope]) {
      if (rule.types && (type === undefined || !rule.types.includes(type))) continue;
      const found = rule.check(subject);
      const findings = found === undefined ? [] : typeof found === "string" ? [found] : found;
      for (const finding of findings)
        this.problems.push(`${where ? `${where}: ` : ""}${finding} [${rule.id}]`);
    }
  }
}

type RulesByScope = { [S in Scope]: Rule<S>[] };

const byScope: RulesByScope = {
  message: [],
  viewCall: [],
  view: [],
  blocks: [],
  block: [],
  element: [],
  option: [],
  optionGroup: [],
  confirm: [],
  text: [],
};
for (const rule of rules) file(rule);

// One case per scope, so each rule lands in a list of its own type.
function file(rule: AnyRule): void {
  switch (rule.scope) {
    case "message":
      byScope.message.push(rule);
      break;
    case "viewCall":
      byScope.viewCall.push(rule);
      break;
    case "view":
      byScope.view.push(rule);
      break;
    case "blocks":
      byScope.blocks.push(rule);
      break;
    case "block":
      byScope.block.push(rule);
      break;
    case "element":
      byScope.element.push(rule);
      break;
    case "option":
      byScope.option.push(rule);
      break;
    case "optionGroup":
      byScope.optionGroup.push(rule);
      break;
    case "confirm":
      byScope.confirm.push(rule);
      break;
    case "text":
      byScope.text.push(rule);
      break;
  }
}

function walkBlocks(report: Report, blocks: readonly unknown[], surface: Surface, path: string): void {
  report.run("blocks", { blocks, surface }, path);
  blocks.forEach((value, i) => {
    const block = isRecord(value) ? value : {};
    const type = typeOf(block) ?? "";
    const where = `${path}[${i}]${type ? ` (${type})` : ""}`;
    report.run("block", { block, type, surface }, where, type);
    if (!type) return;
    for (const { element, slot } of elementsOf(block)) {
      const elementType = typeOf(element);
      if (!isRecord(element) || elementType === undefined) continue;
      walkElement(report, element, elementType, surface, type, `${where}.${slot} (${elementType})`);
    }
    walkTexts(report, block, where);
  });
}

function walkElement(
  report: Report,
  element: Json,
  type: string,
  surface: Surface,
  blockType: string,
  where: string,
): void {
  report.run("element", { element, type, surface, blockType }, where, type);
  const options = (list: unknown, at: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((option, i) => {
      if (isRecord(option)) report.run("option", { option, menu: type }, `${at}[${i}]`);
    });
  };
  options(element.options, `${where}.options`);
  if (Array.isArray(element.option_groups)) {
    element.option_groups.forEach((group, g) => {
      if (!isRecord(group)) return;
      const at = `${where}.option_groups[${g}]`;
      report.run("optionGroup", { group, menu: type }, at);
      options(group.options, `${at}.options`);
    });
  }
  if (isRecord(element.confirm)) report.run("confirm", { confirm: element.confirm }, `${where}.confirm`);
}

/** Every plain_text and mrkdwn object under `value`, named by its path from `where`. */
function walkTexts(report: Report, value: unknown, where: string): void {
  if (isTextObject(value)) {
    report.run("text", { text: value }, where);
    return;
  }
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) walkTexts(report, item, `${where}[${i}]`);
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) walkTexts(report, item, `${where}.${key}`);
  }
}
