import type { KnownBlock } from "@slack/types";
import { formatPoints, formatShare } from "../../domain/compstat/ratios.js";
import { type Change, formatDelta, formatPercent } from "../../domain/compstat/windows.js";
import {
  briefHighwayShare,
  describeHighwayShare,
  type ShareChange,
} from "../../domain/effort/highway-share.js";
import type { MeasureUnit } from "../../domain/effort/unit-measures.js";
import { formatCents } from "../../domain/seizures/money.js";
import { formatGrams } from "../../domain/seizures/quantities.js";
import { escapeMrkdwn } from "../../domain/text/escape.js";
import { countOf, formatCount } from "../../domain/text/numbers.js";
import type {
  UnitEffortComparison,
  UnitEffortTally,
  UnitMeasureChange,
  UnitMeasureFigure,
} from "../../usecases/effort/unit-effort.js";
import { blockLimits, context, header, section } from "./blocks.js";
import { table } from "./seizures.js";

type CountUnit = Exclude<MeasureUnit, "share">;

/** A count as people read it: grams from milligrams, dollars from cents, dosage units marked. */
function formatAmount(value: number, unit: CountUnit): string {
  if (unit === "mg") return formatGrams(BigInt(value));
  if (unit === "cents") return formatCents(BigInt(value));
  if (unit === "du") return `${formatCount(value)} du`;
  return formatCount(value);
}

function formatMeasure(figure: UnitMeasureFigure): string {
  return figure.unit === "share" ? briefHighwayShare(figure.share) : formatAmount(figure.value, figure.unit);
}

const code = (text: string) => `\`\`\`\n${escapeMrkdwn(text)}\n\`\`\``;

/** Units in one reply: header, context and the share take 3 of Slack's 50 blocks, and one counts the rest. */
const maxUnitsShown = blockLimits.messageBlocks - 4;

/** `/tf tally by:unit`: each unit's own measures over the period, and the highway share of all stops. */
export function renderUnitTally(tally: UnitEffortTally, timeZone: string): [string, KnownBlock[]] {
  const scope = [tally.unit, tally.agency].filter(Boolean).join(", ");
  const title = `Tally by unit — ${tally.period.label}`;
  // The share is of the stops the filters leave: every unit's, unless one unit or agency is asked for.
  const whose = scope || "all units";
  const highway = `Traffic stops on highway posts, ${whose}: ${describeHighwayShare(tally.highway)}`;
  const unitLine = (u: UnitEffortTally["units"][number]) =>
    u.measures.map((m) => `${m.label} ${formatMeasure(m)}`).join(" · ");
  const text = [
    `${title}${scope ? ` (${scope})` : ""}.`,
    `${highway}.`,
    ...tally.units.map((u) => `${u.name}: ${unitLine(u)}.`),
  ].join(" ");

  const blocks: KnownBlock[] = [
    header(title),
    context(
      `${scope ? `${escapeMrkdwn(scope)} · ` : ""}each unit's own measures (\`/tf admin unit measures\` sets them) · time zone ${timeZone} · figures are preliminary`,
    ),
    section(
      `*Traffic stops on highway posts* (${escapeMrkdwn(whose)}): ${escapeMrkdwn(describeHighwayShare(tally.highway))}`,
    ),
  ];
  const shown = tally.units.slice(0, maxUnitsShown);
  for (const u of shown) {
    const name = `*${escapeMrkdwn(u.name)}* (\`${escapeMrkdwn(u.code)}\`${u.retired ? ", retired" : ""}) · ${countOf(u.reports, "report")}`;
    blocks.push(
      section(
        `${name}\n${u.measures.map((m) => `${escapeMrkdwn(m.label)}: *${escapeMrkdwn(formatMeasure(m))}*`).join(" · ")}`,
      ),
    );
  }
  if (tally.units.length > shown.length) {
    blocks.push(
      context(`${tally.units.length - shown.length} more units not shown: ask for one with \`unit:<unit>\`.`),
    );
  }
  if (tally.units.length === 0) blocks.push(section("No units to show."));
  return [text, blocks];
}

function changeCells(c: Change, unit: CountUnit): string[] {
  const delta = unit === "cents" || unit === "mg" ? formatAmountDelta(c.delta, unit) : formatDelta(c.delta);
  return [formatAmount(c.current, unit), formatAmount(c.prior, unit), delta, formatPercent(c.percent)];
}

function formatAmountDelta(delta: number, unit: CountUnit): string {
  if (delta === 0) return "0";
  return `${delta > 0 ? "+" : "-"}${formatAmount(Math.abs(delta), unit)}`;
}

function shareCells(c: ShareChange): string[] {
  return [formatShare(c.current.percent), formatShare(c.prior.percent), formatPoints(c.points), ""];
}

function measureRow(m: UnitMeasureChange): string[] {
  if (m.unit === "share") return [m.label, ...shareCells(m.d28), ...shareCells(m.ytd)];
  return [m.label, ...changeCells(m.d28, m.unit), ...changeCells(m.ytd, m.unit)];
}

const comparisonHeadings = ["", "28d", "Prior", "Δ", "%Δ", "YTD", "Prior", "Δ", "%Δ"];

/**
 * For the digest: one section per unit with its own measures over 28 days and year to date
 * against the same dates a year earlier, after the highway share of all traffic stops. At most
 * `maxBlocks` blocks (units beyond them are counted in the last one).
 */
export function unitEffortBlocks(comparison: UnitEffortComparison, maxBlocks = 12): KnownBlock[] {
  const { highway } = comparison;
  const shareLine = (label: string, c: ShareChange) =>
    `${label} ${formatShare(c.current.percent)} (a year earlier ${formatShare(c.prior.percent)}, ${formatPoints(c.points)})`;
  const blocks: KnownBlock[] = [
    section(
      `*Lines of effort* (each unit's own measures, vs a year earlier)\n*Traffic stops on highway posts:* ${escapeMrkdwn(
        [shareLine("28 days", highway.d28), shareLine("year to date", highway.ytd)].join(" · "),
      )}`,
    ),
  ];
  const room = Math.max(0, maxBlocks - blocks.length - 1);
  const shown = comparison.units.length <= room + 1 ? comparison.units : comparison.units.slice(0, room);
  for (const unit of shown) {
    // The share's row has no %Δ cell: no trailing padding after it.
    const body = table(comparisonHeadings, unit.measures.map(measureRow))
      .split("\n")
      .map((line) => line.trimEnd())
      .join("\n");
    blocks.push(section(`*${escapeMrkdwn(unit.name)}*${unit.retired ? " (retired)" : ""}\n${code(body)}`));
  }
  if (comparison.units.length > shown.length) {
    blocks.push(context(`${comparison.units.length - shown.length} more units: \`/tf tally by:unit\`.`));
  }
  return blocks;
}

/** The same in one line of text, for the digest's fallback text and logs. */
export function unitEffortHeadline(comparison: UnitEffortComparison): string {
  return `Traffic stops on highway posts, 28 days: ${describeHighwayShare(comparison.highway.d28.current)}.`;
}
