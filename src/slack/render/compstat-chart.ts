import type { TrendChartInput } from "../../infra/charts/trend-chart.js";
import type { CompstatReport } from "../../usecases/trends/compstat.js";

/** Which rows a chart draws for each subject: the counts leadership compares week to week. */
const chartedRows: Record<CompstatReport["subject"], string[]> = {
  shootings: ["shootings", "victims"],
  vehicles: ["stolen", "recovered"],
  seizures: ["firearms", "arrests"],
  all: ["shootings", "victims", "stolen"],
};

/** The 8-week trend of a CompStat report as chart input (the PNG rendering of the same result). */
export function compstatChart(report: CompstatReport): TrendChartInput {
  const rows = report.rows.filter((r) => chartedRows[report.subject].includes(r.key));
  return {
    title: `${rows.map((r) => r.label).join(", ")} — last 8 weeks`,
    subtitle: `As of ${report.asOf} (${report.timeZone}) · the last week is partial · preliminary`,
    series: rows.map((row) => ({
      name: row.label,
      points: report.weeks.map((week, i) => ({ label: week.label, value: row.weekly[i] ?? 0 })),
    })),
  };
}
