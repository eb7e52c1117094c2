import type { KnownBlock } from "@slack/types";
import { type Change, formatPercent, sparkline } from "../../domain/compstat/windows.js";
import { formatCents } from "../../domain/seizures/money.js";
import { escapeMrkdwn } from "../../domain/text/escape.js";
import { formatCount, formatOneDecimal } from "../../domain/text/numbers.js";
import type { CompstatReport, CompstatRow, RowUnit } from "../../usecases/trends/compstat.js";
import { context, header, section } from "./blocks.js";
import { table } from "./seizures.js";

/** A figure as people read it: counts grouped, milligrams as grams to 0.1, cents as dollars. */
export function formatFigure(value: number, unit: RowUnit): string {
  if (unit === "cents") return formatCents(BigInt(value));
  if (unit === "mg") return formatOneDecimal(value / 1000);
  return formatCount(value);
}

function formatChange(value: number, unit: RowUnit): string {
  if (value === 0) return "0";
  const sign = value > 0 ? "+" : "-";
  return `${sign}${formatFigure(Math.abs(value), unit)}`;
}

function label(row: CompstatRow): string {
  return row.detail ? `  ${row.label}` : row.label;
}

export function windowTable(report: CompstatReport, pick: (row: CompstatRow) => Change): string {
  return table(
    ["", "Now", "Prior", "Δ", "%Δ"],
    report.rows.map((row) => {
      const c = pick(row);
      return [
        label(row),
        formatFigure(c.current, row.unit),
        formatFigure(c.prior, row.unit),
        formatChange(c.delta, row.unit),
        formatPercent(c.percent),
      ];
    }),
  );
}

export const code = (text: string) => `\`\`\`\n${escapeMrkdwn(text)}\n\`\`\``;

/** The headline CompStat figures in one sentence, for notifications and the text fallback. */
export function compstatHeadline(report: CompstatReport): string {
  const lead = report.rows.find((r) => !r.detail);
  const figure = lead
    ? ` ${lead.label} year to date: ${formatFigure(lead.ytd.current, lead.unit)} against ${formatFigure(lead.ytd.prior, lead.unit)} (${formatPercent(lead.ytd.percent)}).`
    : "";
  return `CompStat as of ${report.asOf} (${report.timeZone}, preliminary).${figure}`;
}

export function renderCompstat(report: CompstatReport): [string, KnownBlock[]] {
  const { windows } = report;
  const span = (w: { current: { from: string; to: string }; prior: { from: string; to: string } }) =>
    `${w.current.from} – ${w.current.to} vs ${w.prior.from} – ${w.prior.to}`;
  const blocks: KnownBlock[] = [
    header(`CompStat — as of ${report.asOf}`),
    context(
      `Time zone ${report.timeZone} · weeks start ${report.weekStart === "monday" ? "Monday" : "Sunday"} · figures are preliminary and change as reports arrive`,
    ),
  ];
  if (report.rows.length === 0) {
    blocks.push(section("Nothing to show."));
    return [compstatHeadline(report), blocks];
  }
  for (const [window, pick] of [
    [windows.wtd, (r: CompstatRow) => r.wtd],
    [windows.d28, (r: CompstatRow) => r.d28],
    [windows.ytd, (r: CompstatRow) => r.ytd],
  ] as const) {
    blocks.push(section(`*${window.label}* (${span(window)})\n${code(windowTable(report, pick))}`));
  }
  const firstWeek = report.weeks[0]?.label ?? "";
  const trend = table(
    ["", "8 weeks", "This week"],
    report.rows
      .filter((r) => !r.detail)
      .map((r) => [r.label, sparkline(r.weekly), formatFigure(r.weekly.at(-1) ?? 0, r.unit)]),
  );
  blocks.push(section(`*8-week trend* (weeks from ${firstWeek}; the last is partial)\n${code(trend)}`));
  if (report.breakdown) {
    const { by, metric, groups } = report.breakdown;
    const shown = groups.slice(0, 25);
    const body = groups.length
      ? code(
          table(
            [
              { area: "Area", unit: "Unit", agency: "Agency", taskforce: "Task force" }[by],
              "28d",
              "Prior",
              "%Δ",
              "YTD",
              "Prior",
              "%Δ",
            ],
            shown.map((g) => [
              g.name,
              formatFigure(g.d28.current, "count"),
              formatFigure(g.d28.prior, "count"),
              formatPercent(g.d28.percent),
              formatFigure(g.ytd.current, "count"),
              formatFigure(g.ytd.prior, "count"),
              formatPercent(g.ytd.percent),
            ]),
          ),
        )
      : "Nothing recorded in these windows.";
    const more = groups.length > shown.length ? `\n(${groups.length - shown.length} more not shown)` : "";
    blocks.push(section(`*${metric} by ${by === "taskforce" ? "task force" : by}*\n${body}${more}`));
  }
  return [compstatHeadline(report), blocks];
}
