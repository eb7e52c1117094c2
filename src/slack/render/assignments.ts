import type { KnownBlock } from "@slack/types";
import { escapeMrkdwn } from "../../domain/text/escape.js";
import { type AssignmentView, describeRange, type Roster } from "../../usecases/assignments/assignments.js";
import { context, header, section, sectionsOf } from "./blocks.js";

/** Members listed on one page of `/tf roster`; keeps every page inside Block Kit's 50 blocks. */
export const rosterPageSize = 40;

function details(view: AssignmentView): string {
  const parts = [
    view.title ? escapeMrkdwn(view.title) : undefined,
    view.areas.length ? view.areas.map(escapeMrkdwn).join(", ") : undefined,
    view.shift ?? undefined,
  ].filter(Boolean);
  return parts.join(" · ");
}

export function renderAssignmentConfirmation(
  verb: "Registered" | "Ended",
  view: AssignmentView,
): [string, KnownBlock[]] {
  const text =
    `${verb} assignment ${view.recordId}: <@${view.memberUserId}> to ${escapeMrkdwn(view.unit.name)} ` +
    `(${escapeMrkdwn(view.agency.code)}), ${describeRange(view.startDate, view.endDate)}.`;
  const extra = details(view);
  return [text, [section(`:white_check_mark: ${text}${extra ? `\n${extra}` : ""}`)]];
}

export function renderRoster(roster: Roster, page: number): [string, KnownBlock[]] {
  const scope = [roster.unit, roster.agency]
    .filter(Boolean)
    .map((s) => escapeMrkdwn(s as string))
    .join(", ");
  const title = `Roster on ${roster.on}${scope ? ` — ${scope}` : ""}`;
  const text = `${title}: ${roster.total} assigned.`;
  if (roster.total === 0) {
    return [text, [header(title), section("Nobody is assigned on that date with those filters.")]];
  }
  const pages = Math.ceil(roster.total / rosterPageSize);
  const shown = Math.min(Math.max(page, 1), pages);
  const first = (shown - 1) * rosterPageSize;
  const blocks: KnownBlock[] = [
    header(title),
    context(`${roster.total} assigned · page ${shown} of ${pages}`),
  ];
  let index = 0;
  for (const group of roster.groups) {
    const lines: string[] = [];
    for (const view of group.assignments) {
      if (index >= first && index < first + rosterPageSize) {
        const extra = details(view);
        lines.push(`• <@${view.memberUserId}>${extra ? ` — ${extra}` : ""} (${view.recordId})`);
      }
      index++;
    }
    if (lines.length) {
      blocks.push(
        ...sectionsOf([
          `*${escapeMrkdwn(group.unit)} — ${escapeMrkdwn(group.agency)}* (${group.assignments.length})`,
          ...lines,
        ]),
      );
    }
  }
  if (pages > 1 && shown < pages) {
    blocks.push(
      context(
        `More: \`/tf roster ${[
          roster.unitCode ? `unit:${roster.unitCode}` : "",
          roster.agency ? `agency:${roster.agency}` : "",
          `on:${roster.on}`,
          `page:${shown + 1}`,
        ]
          .filter(Boolean)
          .join(" ")}\` — or narrow it with \`unit:\` or \`agency:\`.`,
      ),
    );
  }
  return [text, blocks];
}
