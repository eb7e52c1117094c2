import type { SectionBlock } from "@slack/types";
import {
  formatDays,
  formatDaysDelta,
  formatPoints,
  formatShare,
  type RatioChange,
} from "../../domain/compstat/ratios.js";
import { type Change, formatDelta, formatPercent } from "../../domain/compstat/windows.js";
import { formatCount } from "../../domain/text/numbers.js";
import type { LinkedReport, LinkedWindow } from "../../usecases/trends/linked.js";
import { section } from "./blocks.js";
import { code } from "./compstat.js";
import { table } from "./seizures.js";

const windowNames: Record<string, string> = {
  "Week to date": "WTD",
  "28 days": "28d",
  "Year to date": "YTD",
};

type Figure = {
  label: string;
  cells: (w: LinkedWindow) => [string, string, string, string];
};

const counted = (pick: (w: LinkedWindow) => Change) => (w: LinkedWindow) => {
  const c = pick(w);
  return [formatCount(c.current), formatCount(c.prior), formatDelta(c.delta), formatPercent(c.percent)] as [
    string,
    string,
    string,
    string,
  ];
};

const shared = (pick: (w: LinkedWindow) => RatioChange) => (w: LinkedWindow) => {
  const c = pick(w);
  return [formatShare(c.current), formatShare(c.prior), formatPoints(c.delta), formatPercent(c.percent)] as [
    string,
    string,
    string,
    string,
  ];
};

const figures: Figure[] = [
  { label: "Shootings with a stolen vehicle", cells: counted((w) => w.linkedShootings) },
  { label: "  share of all shootings", cells: shared((w) => w.linkedShare) },
  { label: "Recovery rate (recovered/stolen)", cells: shared((w) => w.recoveryRate) },
  {
    label: "Days theft to recovery, median",
    cells: (w) => [
      formatDays(w.medianDays.current),
      formatDays(w.medianDays.prior),
      formatDaysDelta(w.medianDays.delta),
      formatPercent(w.medianDays.percent),
    ],
  },
  { label: "  linked pairs", cells: counted((w) => w.recoveryPairs) },
];

/** Each figure in the three windows, with Δ and %Δ against the same dates a year earlier. */
export function linkedTable(report: LinkedReport): string {
  return table(
    ["", "", "Now", "Prior", "Δ", "%Δ"],
    figures.flatMap((figure) =>
      report.windows.map((w, i) => [
        i === 0 ? figure.label : "",
        windowNames[w.label] ?? w.label,
        ...figure.cells(w),
      ]),
    ),
  );
}

/** The linked figures as one section, for `/tf trends` and the digest. */
export function linkedSection(report: LinkedReport): SectionBlock {
  return section(
    `*Stolen vehicles in shootings, and recoveries* (shares are of the window's own shootings and thefts; days are local dates from theft to recovery, by the recovery's date; Δ of a share is in percentage points)\n${code(linkedTable(report))}`,
  );
}

/** The 28-day figures in one sentence, for the Home. */
export function linkedHeadline(report: LinkedReport): string {
  const d28 = report.windows.find((w) => w.label === "28 days");
  if (!d28) return "";
  const pairs = d28.recoveryPairs.current;
  const median =
    d28.medianDays.current === null
      ? "no linked recovery"
      : `median ${formatDays(d28.medianDays.current)} days from theft to recovery (${formatCount(pairs)} linked ${pairs === 1 ? "pair" : "pairs"})`;
  return (
    `Stolen vehicles, last 28 days: ${formatCount(d28.linkedShootings.current)} of ${formatCount(d28.shootings.current)} shootings linked to one (${formatShare(d28.linkedShare.current)}); ` +
    `recovery rate ${formatShare(d28.recoveryRate.current)} (${formatCount(d28.recovered.current)} recovered, ${formatCount(d28.stolen.current)} stolen); ${median}.`
  );
}
