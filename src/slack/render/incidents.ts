import type { KnownBlock } from "@slack/types";
import { incidentKindLabels } from "../../domain/incidents/kinds.js";
import { escapeMrkdwn } from "../../domain/text/escape.js";
import type { IncidentView } from "../../usecases/incidents/incidents.js";
import type { LinkView } from "../../usecases/incidents/links.js";
import { context, section } from "./blocks.js";

export function renderIncidentConfirmation(view: IncidentView, timeZone: string): [string, KnownBlock[]] {
  const victims =
    view.kind === "shooting" ? `${view.fatalVictims} fatal, ${view.injuredVictims} injured, ` : "";
  const when = view.localTime ? `${view.localDate} ${view.localTime}` : `${view.localDate} (time not given)`;
  const text =
    `Recorded ${incidentKindLabels[view.kind]} ${view.recordId}: ${victims}${escapeMrkdwn(view.area)}, ${when}` +
    `${view.caseNumber ? `, case ${escapeMrkdwn(view.caseNumber)}` : ""}.`;
  const notes = [
    view.link ? linkSentence(view.link) : undefined,
    view.ambiguity,
    `Times are ${timeZone}. Wrong? \`/tf void ${view.recordId} reason:"…"\` within 24 hours.`,
  ];
  return [text, [section(`:white_check_mark: ${text}`), context(notes.filter(Boolean).join(" "))]];
}

function recoveredAfter(days: number | null): string {
  if (days === 0) return "recovered the same day it was stolen";
  return `recovered ${days === 1 ? "1 day" : `${days} days`} after it was stolen`;
}

function linkSentence(link: LinkView): string {
  if (link.kind === "vehicle_used") return `Linked to the stolen vehicle ${link.stolen}.`;
  return `Linked to the theft ${link.stolen}: ${recoveredAfter(link.recoveryDays)}.`;
}

/** What `/tf link` and `/tf unlink` say they did. */
export function renderLinkChange(change: "linked" | "unlinked", link: LinkView): string {
  const pair =
    link.kind === "vehicle_used"
      ? `the shooting ${link.incident} and the stolen vehicle ${link.stolen}`
      : `the recovery ${link.incident} and the theft ${link.stolen}`;
  if (change === "unlinked") {
    return `:white_check_mark: Unlinked ${pair}. Both records stay; the figures no longer pair them.`;
  }
  const after = link.kind === "recovery" ? ` The vehicle was ${recoveredAfter(link.recoveryDays)}.` : "";
  return `:white_check_mark: Linked ${pair}.${after} Wrong? \`/tf unlink ${link.incident} ${link.stolen} reason:"…"\``;
}
