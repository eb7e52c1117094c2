import type { KnownBlock, SectionBlock } from "@slack/types";
import { formatShare } from "../../domain/compstat/ratios.js";
import { describeHighwayShare } from "../../domain/effort/highway-share.js";
import { type NibrsDrugCode, nibrsLabel } from "../../domain/seizures/drug-catalog.js";
import { formatCents } from "../../domain/seizures/money.js";
import { formatGrams } from "../../domain/seizures/quantities.js";
import { describeItems, seizedAnything } from "../../domain/seizures/seizure-items.js";
import { escapeMrkdwn } from "../../domain/text/escape.js";
import { countOf as count, formatCount as grouped } from "../../domain/text/numbers.js";
import type { SeizureTotals, SeizureView, Tally } from "../../usecases/seizures/seizures.js";
import { context, header, section } from "./blocks.js";

export function renderSeizureConfirmation(view: SeizureView): [string, KnownBlock[]] {
  const where = [
    view.area ? escapeMrkdwn(view.area) : undefined,
    view.caseRef ? `case ${escapeMrkdwn(view.caseRef)}` : undefined,
  ]
    .filter(Boolean)
    .join(", ");
  // A report of activity alone (a shift of traffic stops, a day of parole visits) seized nothing.
  const what = seizedAnything(view.items) ? "seizure" : "activity report";
  const text = `Recorded ${what} ${view.recordId} on ${view.occurredOn}: ${escapeMrkdwn(view.unit)} (${escapeMrkdwn(view.agency)})${where ? `, ${where}` : ""}.`;
  const items = describeItems(view.items).map((line) => `• ${escapeMrkdwn(line)}`);
  return [
    text,
    [
      section(`:white_check_mark: ${text}\n${items.join("\n")}`),
      context(`Wrong? \`/tf void ${view.recordId} reason:"…"\` within 24 hours.`),
    ],
  ];
}

function gunsText(t: SeizureTotals): string {
  const within = [
    t.stolenFirearms ? `${grouped(t.stolenFirearms)} stolen` : "",
    t.ghostGuns ? `${grouped(t.ghostGuns)} ghost` : "",
  ]
    .filter(Boolean)
    .join(", ");
  return `${grouped(t.firearms)}${within ? ` (${within})` : ""}`;
}

/** A fixed-width table for a code block: Slack renders it legibly on desktop and mobile. */
export function table(headings: string[], rows: string[][]): string {
  const widths = headings.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ");
  return [line(headings), ...rows.map(line)].join("\n");
}

function breakdown(title: string, rows: Tally["byUnit"]): SectionBlock | undefined {
  if (rows.length === 0) return undefined;
  const body = table(
    [title, "Reports", "Guns", "Cash", "Vehicles", "Arrests", "Warrants"],
    rows.map(({ name, totals: t }) => [
      name,
      grouped(t.reports),
      grouped(t.firearms),
      formatCents(t.currencyCents),
      grouped(t.vehicles),
      grouped(t.arrests),
      grouped(t.warrants),
    ]),
  );
  return section(`*By ${title.toLowerCase()}*\n\`\`\`\n${escapeMrkdwn(body)}\n\`\`\``);
}

/** Enforcement activity in words, only what there was: "12 traffic stops (75% on highway posts), 4 citations". */
function activityText(tally: Tally): string {
  const t = tally.totals;
  const share =
    tally.highway.percent === null ? "" : ` (${formatShare(tally.highway.percent)} on highway posts)`;
  return [
    t.trafficStops > 0 ? `${count(t.trafficStops, "traffic stop", "traffic stops")}${share}` : "",
    t.citations > 0 ? count(t.citations, "citation", "citations") : "",
    t.paroleChecks > 0 ? count(t.paroleChecks, "parole check", "parole checks") : "",
    t.paroleViolations > 0 ? count(t.paroleViolations, "parole violation", "parole violations") : "",
  ]
    .filter(Boolean)
    .join(", ");
}

export function renderTally(tally: Tally, timeZone: string): [string, KnownBlock[]] {
  const t = tally.totals;
  const scope = [tally.unit, tally.agency].filter(Boolean).join(", ");
  const title = `Seizure tally — ${tally.period.label}`;
  const activity = activityText(tally);
  const text =
    `${title}${scope ? ` (${scope})` : ""}: ${count(t.reports, "report", "reports")}, ${gunsText(t)} guns, ` +
    `${formatCents(t.currencyCents)} cash, ${count(t.arrests, "arrest", "arrests")}.` +
    (activity ? ` Activity: ${activity}.` : "");
  const narcotics = tally.narcotics.map((n) => {
    const amounts = [
      n.massMg > 0n ? formatGrams(n.massMg) : "",
      n.dosageUnits > 0 ? `${grouped(n.dosageUnits)} du` : "",
    ]
      .filter(Boolean)
      .join(" + ");
    return `• ${nibrsLabel(n.code as NibrsDrugCode) ?? n.code} (${n.code}): ${amounts}`;
  });
  const blocks: KnownBlock[] = [
    header(title),
    context(
      `${scope ? `${escapeMrkdwn(scope)} · ` : ""}${count(t.reports, "report", "reports")} · time zone ${timeZone} · figures are preliminary`,
    ),
    {
      type: "section",
      fields: [
        { type: "mrkdwn", text: `*Guns*\n${gunsText(t)}` },
        { type: "mrkdwn", text: `*Conversion devices*\n${grouped(t.conversionDevices)}` },
        { type: "mrkdwn", text: `*Cash*\n${formatCents(t.currencyCents)}` },
        { type: "mrkdwn", text: `*Vehicles recovered*\n${grouped(t.vehicles)}` },
        { type: "mrkdwn", text: `*Arrests*\n${grouped(t.arrests)}` },
        { type: "mrkdwn", text: `*Search warrants*\n${grouped(t.warrants)}` },
        { type: "mrkdwn", text: `*Traffic stops*\n${grouped(t.trafficStops)}` },
        { type: "mrkdwn", text: `*Citations*\n${grouped(t.citations)}` },
        { type: "mrkdwn", text: `*Parole checks*\n${grouped(t.paroleChecks)}` },
        { type: "mrkdwn", text: `*Parole violations*\n${grouped(t.paroleViolations)}` },
      ],
    },
    section(`*Traffic stops on highway posts*\n${escapeMrkdwn(describeHighwayShare(tally.highway))}`),
    section(`*Narcotics*\n${narcotics.length ? narcotics.join("\n") : "None recorded."}`),
  ];
  for (const block of [breakdown("Unit", tally.byUnit), breakdown("Agency", tally.byAgency)]) {
    if (block) blocks.push(block);
  }
  return [text, blocks];
}
