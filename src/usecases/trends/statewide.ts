import { change } from "../../domain/compstat/windows.js";
import type { TaskForce } from "../../domain/taskforce/task-force.js";
import type { LocalDate } from "../../domain/time/local-date.js";
import type { CompstatReport, CompstatRow, CompstatUseCases, TrendSubject } from "./compstat.js";

/**
 * The roll-up as state leadership reads it: each task force's report from its own use case (so
 * each is cached in that task force alone), all at once, then summed.
 */
export async function statewideCompstat(
  forces: readonly TaskForce[],
  compstatOf: (taskForce: TaskForce) => Promise<Pick<CompstatUseCases, "report">>,
  input: { asOf: LocalDate; subject: TrendSubject },
): Promise<CompstatReport> {
  const parts = await Promise.all(
    forces.map(async (taskForce) => ({
      taskForce,
      report: await (await compstatOf(taskForce)).report(input),
    })),
  );
  return statewideReport(parts);
}

/**
 * The statewide roll-up: each task force's CompStat, computed in the database in its own local
 * dates and windows, summed figure by figure, with the task forces as the breakdown. A row one
 * task force has and another lacks (a drug seized in one city only) counts 0 where it is missing.
 */
export function statewideReport(
  parts: ReadonlyArray<{ taskForce: TaskForce; report: CompstatReport }>,
): CompstatReport {
  const [first] = parts;
  if (!first) throw new RangeError("statewideReport: no task force");
  const rows = new Map<string, CompstatRow>();
  for (const { report } of parts) {
    for (const row of report.rows) {
      const sum = rows.get(row.key);
      if (!sum) {
        rows.set(row.key, { ...row, weekly: [...row.weekly] });
        continue;
      }
      const add = (a: CompstatRow["wtd"], b: CompstatRow["wtd"]) =>
        change(a.current + b.current, a.prior + b.prior);
      sum.wtd = add(sum.wtd, row.wtd);
      sum.d28 = add(sum.d28, row.d28);
      sum.ytd = add(sum.ytd, row.ytd);
      sum.weekly = sum.weekly.map((value, i) => value + (row.weekly[i] ?? 0));
    }
  }
  const lead = first.report.rows.find((r) => !r.detail);
  return {
    ...first.report,
    rows: [...rows.values()],
    breakdown: {
      by: "taskforce",
      metric: lead?.label ?? "",
      groups: parts
        .map(({ taskForce, report }) => {
          const row = report.rows.find((r) => r.key === lead?.key);
          return {
            name: taskForce.code,
            d28: row?.d28 ?? change(0, 0),
            ytd: row?.ytd ?? change(0, 0),
          };
        })
        .sort((a, b) => b.ytd.current - a.ytd.current || a.name.localeCompare(b.name)),
    },
  };
}
