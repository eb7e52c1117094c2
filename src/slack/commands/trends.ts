import { z } from "zod";
import { renderTrendChart } from "../../infra/charts/trend-chart.js";
import { breakdowns, trendSubjects } from "../../usecases/trends/compstat.js";
import { context } from "../render/blocks.js";
import { renderCompstat } from "../render/compstat.js";
import { compstatChart } from "../render/compstat-chart.js";
import { commandSchema, dateOptionOrToday } from "./options.js";
import { defineSubcommand, message } from "./subcommand.js";

const schema = commandSchema(
  { command: "trends", keys: ["asof", "by", "chart"], maxWords: 1 },
  z
    .object({
      words: z.array(
        z.enum(trendSubjects, {
          message: "Say what to show: shootings, vehicles, seizures or all, e.g. `/tf trends shootings`.",
        }),
      ),
      options: z.object({
        asof: z.string().optional(),
        by: z.enum(breakdowns, { message: "`by:` must be area, unit or agency, e.g. by:area." }).optional(),
        chart: z.enum(["yes", "no"], { message: "`chart:` must be yes or no." }).optional(),
      }),
    })
    .transform(({ words, options }) => ({ subject: words[0] ?? "all", ...options })),
);

export const trends = defineSubcommand({
  name: "trends",
  aliases: ["compstat"],
  minimumRole: "viewer",
  usage: "/tf trends [shootings|vehicles|seizures|all] [asof:<date>] [by:area|unit|agency] [chart:yes]",
  summary: "CompStat: week to date, 28 days and year to date against a year earlier, with the 8-week trend.",
  help: [
    "Each window is compared with the same dates one year earlier, with Δ and %Δ (n/a when the prior figure is 0).",
    "`asof:` reviews any past date. `by:` breaks the figures down by area (incidents) or by unit or agency (seizures).",
    "`chart:yes` also posts the 8-week chart as an image in the channel.",
    "Example: `/tf trends shootings asof:2025-03-01 by:area`",
  ].join("\n"),
  schema,
  async handler(input, ctx) {
    const asOf = dateOptionOrToday(input.asof, "asof", ctx);
    const report = await ctx.services.compstat.report({ asOf, subject: input.subject, by: input.by });
    const [text, blocks] = renderCompstat(report);
    if (input.chart === "yes") {
      const problem = await ctx.files.upload({
        channelId: ctx.channelId,
        filename: `compstat-${report.subject}-${report.asOf}.png`,
        title: `CompStat 8-week trend as of ${report.asOf}`,
        content: await renderTrendChart(compstatChart(report)),
      });
      blocks.push(
        context(
          problem ? `:warning: Chart not posted: ${problem}` : "The 8-week chart is posted in this channel.",
        ),
      );
    }
    return message(text, blocks);
  },
});
