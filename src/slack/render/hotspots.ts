import type { KnownBlock, SectionBlock } from "@slack/types";
import { formatRate } from "../../domain/compstat/hotspots.js";
import { formatDelta, formatPercent } from "../../domain/compstat/windows.js";
import { formatCount } from "../../domain/text/numbers.js";
import type { BarChartInput } from "../../infra/charts/bar-chart.js";
import type { HotspotReport } from "../../usecases/trends/hotspots.js";
import { context, header, section } from "./blocks.js";
import { code } from "./compstat.js";
import { table } from "./seizures.js";

/** Longest area name in the table, so a row fits a Slack message's width without wrapping. */
const maxNameLength = 32;

function shortName(name: string): string {
  const chars = [...name];
  return chars.length > maxNameLength ? `${chars.slice(0, maxNameLength - 1).join("")}…` : name;
}

function span(report: HotspotReport): string {
  const { current, prior } = report.windows;
  return `${current.from} – ${current.to} vs ${prior.from} – ${prior.to}`;
}

/** The ranking as a fixed-width table: rank and area, the two windows, Δ, %Δ and the rate per 10,000. */
export function hotspotsTable(report: HotspotReport): string {
  const rankWidth = String(report.areas.length).length;
  return table(
    ["Area", "28d", "Prior", "Δ", "%Δ", "Per 10k"],
    report.areas.map((area) => [
      `${String(area.rank).padStart(rankWidth)}. ${shortName(area.name)}`,
      formatCount(area.shootings.current),
      formatCount(area.shootings.prior),
      formatDelta(area.shootings.delta),
      formatPercent(area.shootings.percent),
      formatRate(area.ratePer10k),
    ]),
  );
}

/** All shootings in both windows, and those with no area, under the table. */
function totalsLine(report: HotspotReport): string {
  const { total, unplaced } = report;
  const more = report.moreAreas > 0 ? ` ${formatCount(report.moreAreas)} more areas are not shown.` : "";
  const none =
    unplaced.current + unplaced.prior > 0
      ? ` ${formatCount(unplaced.current)} (prior ${formatCount(unplaced.prior)}) had no area.`
      : "";
  return `All shootings: ${formatCount(total.current)} against ${formatCount(total.prior)} (${formatPercent(total.percent)}).${more}${none}`;
}

/**
 * The hot spots as one section, for `/tf trends hotspots`, `/tf trends all` and the digest: the
 * windows, the ranking table (or that there was nothing) and the totals.
 */
export function hotspotsSection(report: HotspotReport): SectionBlock {
  const title = `*Hot spots: shooting incidents by area, last 28 days* (${span(report)})`;
  if (report.areas.length === 0) return section(`${title}\nNo shootings in an area in these 56 days.`);
  return section(`${title}\n${code(hotspotsTable(report))}\n${totalsLine(report)}`);
}

/** What the "Per 10k" column means and how an admin fills it in. */
export const rateNote =
  "Per 10k: shootings in the last 28 days per 10,000 residents; n/a where no population is set (`/tf admin area set <area> population:<n>`).";

/** The top three hot spots in one sentence, for the Home headline and notification text. */
export function hotspotsHeadline(report: HotspotReport): string {
  const top = report.areas.slice(0, 3);
  if (top.length === 0) return "Hot spots: no shootings in an area in the last 28 days.";
  const listed = top
    .map((a) => `${a.name} ${formatCount(a.shootings.current)} (${formatDelta(a.shootings.delta)})`)
    .join(", ");
  return `Hot spots, shootings in the last 28 days: ${listed}.`;
}

/** `/tf trends hotspots`: the headline as the text, then the heading, the ranking and the notes. */
export function renderHotspots(report: HotspotReport): [string, KnownBlock[]] {
  const text = `Hot spots as of ${report.asOf} (${report.timeZone}, preliminary). ${hotspotsHeadline(report)}`;
  return [
    text,
    [
      header(`Hot spots — as of ${report.asOf}`),
      context(
        `Time zone ${report.timeZone} · each area's last 28 days against the 28 days before · figures are preliminary and change as reports arrive`,
      ),
      hotspotsSection(report),
      context(rateNote),
    ],
  ];
}

/** The ranking as a bar chart (the PNG rendering of the same result): both windows per area. */
export function hotspotChart(report: HotspotReport): BarChartInput {
  return {
    title: `Hot spots: shooting incidents by area, last 28 days`,
    subtitle: `As of ${report.asOf} (${report.timeZone}) · against the 28 days before · preliminary`,
    categories: report.areas.map((a) => a.name),
    series: [
      {
        name: `Last 28 days (${report.windows.current.from} – ${report.windows.current.to})`,
        values: report.areas.map((a) => a.shootings.current),
      },
      {
        name: `28 days before (${report.windows.prior.from} – ${report.windows.prior.to})`,
        values: report.areas.map((a) => a.shootings.prior),
      },
    ],
    // Room for each area's pair of bars once the ranking is longer than the default 10.
    height: Math.max(400, 130 + 26 * report.areas.length),
  };
}
