import { z } from "zod";
import { UserFacingError } from "../../domain/errors.js";
import type { LocalDate } from "../../domain/time/local-date.js";
import { renderBarChart } from "../../infra/charts/bar-chart.js";
import { renderTrendChart } from "../../infra/charts/trend-chart.js";
import {
  type Breakdown,
  breakdowns,
  type TrendSubject,
  trendSubjects,
} from "../../usecases/trends/compstat.js";
import { maxHotspotCount } from "../../usecases/trends/hotspots.js";
import { statewideCompstat } from "../../usecases/trends/statewide.js";
import { context, header } from "../render/blocks.js";
import { renderCompstat } from "../render/compstat.js";
import { compstatChart } from "../render/compstat-chart.js";
import { hotspotChart, hotspotsSection, rateNote, renderHotspots } from "../render/hotspots.js";
import { linkedSection } from "../render/linked.js";
import { multiYearSection } from "../render/multi-year.js";
import { commandSchema, dateOptionOrToday } from "./options.js";
import {
  type CommandContext,
  defineSubcommand,
  message,
  type OutgoingFile,
  type Reply,
} from "./subcommand.js";

const schema = commandSchema(
  { command: "trends", keys: ["asof", "by", "chart", "top"], maxWords: 1 },
  z
    .object({
      words: z.array(
        z.enum([...trendSubjects, "hotspots"], {
          message:
            "Say what to show: shootings, vehicles, seizures or all, e.g. `/tf trends shootings`; or hotspots, the areas with the most shootings in 28 days.",
        }),
      ),
      options: z.object({
        asof: z.string().optional(),
        by: z
          .enum([...breakdowns, "taskforce"], {
            message: "`by:` must be area, unit, agency or taskforce, e.g. by:area.",
          })
          .optional(),
        chart: z.enum(["yes", "no"], { message: "`chart:` must be yes or no." }).optional(),
        top: z
          .string()
          .regex(/^\d+$/, {
            message: `\`top:\` must be a whole number from 1 to ${maxHotspotCount}, e.g. top:5.`,
          })
          .transform(Number)
          .refine((n) => n >= 1 && n <= maxHotspotCount, {
            message: `\`top:\` must be a whole number from 1 to ${maxHotspotCount}, e.g. top:5.`,
          })
          .optional(),
      }),
    })
    .transform(({ words, options }) => ({ subject: words[0] ?? "all", ...options }))
    .superRefine((input, ctx) => {
      if (input.subject === "hotspots" && input.by) {
        ctx.addIssue({
          code: "custom",
          path: ["options", "by"],
          message: "Hot spots are always by area: `/tf trends hotspots` takes no `by:`.",
        });
      }
      if (input.subject !== "hotspots" && input.top !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["options", "top"],
          message: "`top:` goes with hot spots, e.g. `/tf trends hotspots top:5`.",
        });
      }
    }),
);

/** Posts a chart into the channel, and says under the reply whether it went. */
async function postChart(ctx: CommandContext, file: OutgoingFile, posted: string) {
  const problem = await ctx.files.upload({ channelId: ctx.channelId, ...file });
  return context(problem ? `:warning: Chart not posted: ${problem}` : posted);
}

export const trends = defineSubcommand({
  name: "trends",
  aliases: ["compstat"],
  minimumRole: "viewer",
  usage:
    "/tf trends [shootings|vehicles|seizures|all] [asof:<date>] [by:area|unit|agency] [chart:yes] · /tf trends hotspots [asof:<date>] [top:<n>] [chart:no]",
  summary:
    "CompStat: week to date, 28 days and year to date against a year earlier, with the 8-week trend; or the hot spots.",
  help: [
    "Each window is compared with the same dates one year earlier, with Δ and %Δ (n/a when the prior figure is 0).",
    "Shootings and vehicles also show shootings linked to a stolen vehicle (count and share), the recovery rate (recovered ÷ stolen) and the median days from theft to recovery of linked pairs; `all` adds the multi-year year to date and the hot spots.",
    "`asof:` reviews any past date. `by:` breaks the figures down by area (incidents) or by unit or agency (seizures); `by:taskforce` is the statewide roll-up, every task force's figures summed (state admins and state leadership).",
    "`chart:yes` also posts the 8-week chart as an image in the channel.",
    "Example: `/tf trends shootings asof:2025-03-01 by:area`",
    `\`/tf trends hotspots\` ranks the areas by shooting incidents in the 28 days ending on the as-of date, against the 28 days before, with the rate per 10,000 residents where an admin has set the area's population, and posts the ranking as a bar chart in the channel (\`chart:no\` leaves it out). \`top:\` shows that many areas (10 unless given, at most ${maxHotspotCount}).`,
    "Example: `/tf trends hotspots asof:2025-03-01 top:5`",
  ].join("\n"),
  schema,
  stateLevel: (args) => args.options.some((o) => o.key === "by" && o.value.toLowerCase() === "taskforce"),
  async handler(input, ctx) {
    const asOf = dateOptionOrToday(input.asof, "asof", ctx);
    if (input.subject === "hotspots") return hotspots(asOf, input, ctx);
    if (input.by === "taskforce") return statewide(asOf, input.subject, ctx);
    const all = input.subject === "all" && !input.by;
    const withLinks = !input.by && input.subject !== "seizures";
    const [report, hot, years, linked] = await Promise.all([
      ctx.services.compstat.report({ asOf, subject: input.subject, by: input.by as Breakdown | undefined }),
      all ? ctx.services.hotspots.hotspots({ asOf }) : undefined,
      all ? ctx.services.multiYear.multiYear({ asOf }) : undefined,
      withLinks ? ctx.services.linked.linked({ asOf }) : undefined,
    ]);
    const [text, blocks] = renderCompstat(report);
    // Everything leadership reads in one reply: stolen vehicles in shootings and their recovery,
    // the multi-year columns, and where shootings concentrate.
    if (linked) blocks.push(linkedSection(linked));
    if (years) blocks.push(multiYearSection(years));
    if (hot && hot.areas.length > 0) blocks.push(hotspotsSection(hot), context(rateNote));
    if (input.chart === "yes") {
      blocks.push(
        await postChart(
          ctx,
          {
            filename: `compstat-${report.subject}-${report.asOf}.png`,
            title: `CompStat 8-week trend as of ${report.asOf}`,
            content: await renderTrendChart(compstatChart(report)),
          },
          "The 8-week chart is posted in this channel.",
        ),
      );
    }
    return message(text, blocks);
  },
});

async function hotspots(
  asOf: LocalDate,
  input: { top?: number; chart?: "yes" | "no" },
  ctx: CommandContext,
): Promise<Reply> {
  const report = await ctx.services.hotspots.hotspots({ asOf, top: input.top });
  const [text, blocks] = renderHotspots(report);
  if (input.chart !== "no" && report.areas.length > 0) {
    blocks.push(
      await postChart(
        ctx,
        {
          filename: `hotspots-${report.asOf}.png`,
          title: `Hot spots, last 28 days, as of ${report.asOf}`,
          content: await renderBarChart(hotspotChart(report)),
        },
        "The hot-spot chart is posted in this channel.",
      ),
    );
  }
  return message(text, blocks);
}

/** Every task force's CompStat summed, with each task force as the breakdown: for state roles only. */
async function statewide(asOf: LocalDate, subject: TrendSubject, ctx: CommandContext): Promise<Reply> {
  if (!(await ctx.services.isStatewide(ctx.caller))) {
    throw new UserFacingError(
      "denied",
      "The statewide roll-up is for state admins and state leadership; your role is within one task force.",
      "`/tf trends all` shows your task force's figures.",
    );
  }
  const forces = await ctx.services.taskForces.all();
  const report = await statewideCompstat(
    forces,
    async (taskForce) => (await ctx.services.forTaskForce(taskForce.id)).compstat,
    { asOf, subject },
  );
  const [text, blocks] = renderCompstat(report);
  blocks[0] = header(`Statewide CompStat — as of ${asOf}`);
  blocks[1] = context(
    `${forces.length} task forces, each counted in its own time zone and weeks · figures are preliminary and change as reports arrive`,
  );
  return message(`Statewide ${text}`, blocks);
}
