import { z } from "zod";
import { type IncidentKind, incidentKindLabels } from "../../domain/incidents/kinds.js";
import { escapeMrkdwn } from "../../domain/text/escape.js";
import { countOf } from "../../domain/text/numbers.js";
import { section, sectionsOf } from "../render/blocks.js";
import { commandSchema, optionalText, periodOf } from "./options.js";
import { defineSubcommand, message } from "./subcommand.js";

const kinds: Record<string, IncidentKind> = {
  shooting: "shooting",
  stolen: "stolen_vehicle",
  recovered: "recovered_vehicle",
};
const shown = 40;

const schema = commandSchema(
  { command: "incidents", keys: ["area", "kind"], maxWords: 1 },
  z
    .object({
      words: z.array(z.string()),
      options: z.object({
        area: optionalText("area", 60),
        kind: z
          .enum(["shooting", "stolen", "recovered"], {
            message: "`kind:` must be shooting, stolen or recovered.",
          })
          .optional(),
      }),
    })
    .transform(({ words, options }) => ({
      period: words[0],
      area: options.area,
      kind: options.kind && kinds[options.kind],
    })),
);

export const incidents = defineSubcommand({
  name: "incidents",
  minimumRole: "leadership",
  usage: "/tf incidents [<period>] [area:<area>] [kind:shooting|stolen|recovered]",
  summary:
    "Incident detail with case numbers and exact times (leadership and admins; every read is audited).",
  help: "The newest 40 in the period (28 days by default). Example: `/tf incidents 7d kind:shooting area:frog-hollow`",
  schema,
  async handler(input, ctx) {
    const period = periodOf(input.period, ctx);
    const { incidents: rows, total } = await ctx.services.incidents.list(
      { period, kind: input.kind, area: input.area, limit: shown },
      ctx.actor,
    );
    const text = `${countOf(total, "incident")}, ${period.label}${total > rows.length ? `; the newest ${rows.length} shown` : ""}.`;
    const lines = rows.map((i) => {
      const victims = i.kind === "shooting" ? ` (${i.fatalVictims} fatal, ${i.injuredVictims} injured)` : "";
      return `• ${i.recordId} ${i.localDate} ${i.localTime ?? "--:--"} ${escapeMrkdwn(i.area)}: ${incidentKindLabels[i.kind]}${victims}${i.caseNumber ? `, case ${escapeMrkdwn(i.caseNumber)}` : ""}`;
    });
    return message(text, [
      section(`*${text}* Restricted detail: this read is recorded in the audit log.`),
      ...sectionsOf(lines),
    ]);
  },
});
