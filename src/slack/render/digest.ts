import type { KnownBlock } from "@slack/types";
import { incidentKindLabels } from "../../domain/incidents/kinds.js";
import { formatCents } from "../../domain/seizures/money.js";
import { formatGrams } from "../../domain/seizures/quantities.js";
import { escapeMrkdwn } from "../../domain/text/escape.js";
import { countOf as plural } from "../../domain/text/numbers.js";
import { localTimeOf } from "../../domain/time/zoned.js";
import type { DigestContent, DigestIncident, DigestSection } from "../../usecases/digest/content.js";
import { context, header, section, sectionsOf } from "./blocks.js";
import { code, compstatHeadline, windowTable } from "./compstat.js";
import { unitEffortBlocks } from "./effort.js";
import { hotspotsSection } from "./hotspots.js";
import { linkedSection } from "./linked.js";
import { multiYearSection } from "./multi-year.js";

function incidentLine(i: DigestIncident): string {
  const when = i.localTime ?? "time n/a";
  const victims = i.kind === "shooting" ? `, ${i.fatalVictims} fatal, ${i.injuredVictims} injured` : "";
  return `• ${i.localDate} ${when} — ${escapeMrkdwn(i.area)}: ${incidentKindLabels[i.kind]}${victims}`;
}

/** The digest's headline, also the notification and fallback text. */
export function digestHeadline(content: DigestContent): string {
  const l = content.last24h;
  return (
    `Daily digest for ${content.localDate}${content.late ? " (late)" : ""}: in the last 24 hours ` +
    `${plural(l.shootings, "shooting", "shootings")} (${plural(l.victims, "victim", "victims")}, ${l.fatal} fatal), ` +
    `${plural(l.stolen, "stolen vehicle", "stolen vehicles")}, ${l.recovered} recovered. ${compstatHeadline(content.compstat)}`
  );
}

/**
 * The digest as Block Kit. At most 30 incident lines, two CompStat tables and a few short
 * sections: well inside 50 blocks and 3,000 characters a section (sectionsOf splits long lists).
 */
export function renderDigest(
  content: DigestContent,
  sections: readonly DigestSection[] | "all" = "all",
): [string, KnownBlock[]] {
  const on = (s: DigestSection) => sections === "all" || sections.includes(s);
  const { compstat, last24h: l } = content;
  const at = localTimeOf(content.scheduledAt, content.timeZone);
  const blocks: KnownBlock[] = [
    header(`Daily digest — ${content.localDate}${content.late ? " (late)" : ""}`),
    context(
      `As of ${at} ${content.timeZone} · CompStat to the end of ${compstat.asOf} · figures are preliminary` +
        (content.late ? " · posted late: the bot was down at the scheduled time" : ""),
    ),
  ];
  if (on("incidents")) {
    blocks.push(
      section(
        `*Last 24 hours:* ${plural(l.shootings, "shooting", "shootings")} (${plural(l.victims, "victim", "victims")}, ${l.fatal} fatal), ` +
          `${plural(l.stolen, "stolen vehicle", "stolen vehicles")}, ${plural(l.recovered, "recovered vehicle", "recovered vehicles")}.`,
      ),
    );
    const lines = content.incidents.map(incidentLine);
    if (content.moreIncidents > 0) lines.push(`…and ${content.moreIncidents} more.`);
    if (lines.length) blocks.push(...sectionsOf(lines));
  }
  if (on("narrative") && content.narrative) {
    blocks.push(section(escapeMrkdwn(content.narrative.text)));
  }
  if (on("compstat")) {
    blocks.push(
      section(
        `*${compstat.windows.d28.label}* (vs a year earlier)\n${code(windowTable(compstat, (r) => r.d28))}`,
      ),
    );
    blocks.push(
      section(
        `*${compstat.windows.ytd.label}* (vs a year earlier)\n${code(windowTable(compstat, (r) => r.ytd))}`,
      ),
    );
    blocks.push(linkedSection(content.linked), multiYearSection(content.multiYear));
    if (content.hotspots.areas.length > 0) blocks.push(hotspotsSection(content.hotspots));
  }
  if (on("seizures")) {
    const t = content.seizures.totals;
    const narcotics = content.seizures.narcotics
      .filter((n) => n.massMg > 0n || n.dosageUnits > 0)
      .map(
        (n) =>
          `${[n.massMg > 0n ? formatGrams(n.massMg) : "", n.dosageUnits ? `${n.dosageUnits} du` : ""]
            .filter(Boolean)
            .join(" + ")} (${n.code})`,
      );
    blocks.push(
      section(
        `*Seizures on ${content.seizures.period.from}:* ${plural(t.reports, "report", "reports")}, ${plural(t.firearms, "gun", "guns")} ` +
          `(${t.stolenFirearms} stolen, ${t.ghostGuns} ghost), ${formatCents(t.currencyCents)} cash, ${plural(t.arrests, "arrest", "arrests")}` +
          (narcotics.length ? `; narcotics ${narcotics.join(", ")}.` : "."),
      ),
    );
  }
  if (on("seizures")) blocks.push(...unitEffortBlocks(content.effort));
  if (on("roster")) {
    const lines = content.roster.map(
      (r) =>
        `• ${escapeMrkdwn(r.unit)} (${escapeMrkdwn(r.agency)}): ${r.started} starting, ${r.ended} ending`,
    );
    blocks.push(section(`*Roster changes*\n${lines.length ? lines.join("\n") : "None."}`));
  }
  return [digestHeadline(content), blocks];
}
