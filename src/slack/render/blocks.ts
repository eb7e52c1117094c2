import type { ContextBlock, HeaderBlock, SectionBlock } from "@slack/types";

/** Slack's Block Kit limits that replies must fit (ENGINEERING.md). */
export const blockLimits = {
  messageBlocks: 50,
  sectionText: 3000,
  headerText: 150,
} as const;

export function header(text: string): HeaderBlock {
  const plain = text.length > blockLimits.headerText ? `${text.slice(0, blockLimits.headerText - 1)}…` : text;
  return { type: "header", text: { type: "plain_text", text: plain, emoji: true } };
}

export function context(mrkdwn: string): ContextBlock {
  return { type: "context", elements: [{ type: "mrkdwn", text: mrkdwn }] };
}

export function section(mrkdwn: string): SectionBlock {
  return { type: "section", text: { type: "mrkdwn", text: mrkdwn } };
}

/** Packs lines into as few sections as fit the section text limit, never splitting a line. */
export function sectionsOf(
  lines: readonly string[],
  limit: number = blockLimits.sectionText - 100,
): SectionBlock[] {
  const blocks: SectionBlock[] = [];
  let current = "";
  for (const line of lines) {
    const clipped = line.length > limit ? `${line.slice(0, limit - 1)}…` : line;
    if (current && current.length + 1 + clipped.length > limit) {
      blocks.push(section(current));
      current = "";
    }
    current = current ? `${current}\n${clipped}` : clipped;
  }
  if (current) blocks.push(section(current));
  return blocks;
}
