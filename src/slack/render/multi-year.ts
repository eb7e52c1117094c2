import type { SectionBlock } from "@slack/types";
import { formatPercent } from "../../domain/compstat/windows.js";
import { formatCount } from "../../domain/text/numbers.js";
import type { MultiYearReport } from "../../usecases/trends/multi-year.js";
import { section } from "./blocks.js";
import { code } from "./compstat.js";
import { table } from "./seizures.js";

/** Each year's year to date, with this year's %Δ against each earlier year beside it. */
export function multiYearTable(report: MultiYearReport): string {
  const [thisYear, ...earlier] = report.years;
  return table(
    ["", String(thisYear?.year ?? ""), ...earlier.flatMap((y) => [String(y.year), "%Δ"])],
    report.rows.map((row) => [
      row.detail ? `  ${row.label}` : row.label,
      formatCount(row.figures[0] ?? 0),
      ...row.changes.flatMap((c) => [formatCount(c.prior), formatPercent(c.percent)]),
    ]),
  );
}

/** The multi-year columns as one section, for `/tf trends all` and the digest. */
export function multiYearSection(report: MultiYearReport): SectionBlock {
  const [thisYear, ...earlier] = report.years;
  const sameDates = earlier.map((y) => y.to).join(", ");
  return section(
    `*Year to date, this year and the three before* (to ${thisYear?.to ?? report.asOf}; ${sameDates})\n${code(multiYearTable(report))}`,
  );
}
