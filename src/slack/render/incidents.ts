import type { KnownBlock } from "@slack/types";
import { incidentKindLabels } from "../../domain/incidents/kinds.js";
import { escapeMrkdwn } from "../../domain/text/escape.js";
import type { IncidentView } from "../../usecases/incidents/incidents.js";
import { context, section } from "./blocks.js";

export function renderIncidentConfirmation(view: IncidentView, timeZone: string): [string, KnownBlock[]] {
  const victims =
    view.kind === "shooting" ? `${view.fatalVictims} fatal, ${view.injuredVictims} injured, ` : "";
  const when = view.localTime ? `${view.localDate} ${view.localTime}` : `${view.localDate} (time not given)`;
  const text =
    `Recorded ${incidentKindLabels[view.kind]} ${view.recordId}: ${victims}${escapeMrkdwn(view.area)}, ${when}` +
    `${view.caseNumber ? `, case ${escapeMrkdwn(view.caseNumber)}` : ""}.`;
  const notes = [
    view.ambiguity,
    `Times are ${timeZone}. Wrong? \`/tf void ${view.recordId} reason:"…"\` within 24 hours.`,
  ];
  return [text, [section(`:white_check_mark: ${text}`), context(notes.filter(Boolean).join(" "))]];
}
