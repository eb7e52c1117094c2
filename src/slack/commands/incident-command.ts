import { z } from "zod";
import { type IncidentKind, incidentKindLabels } from "../../domain/incidents/kinds.js";
import { resolveIncidentTime } from "../../domain/incidents/when.js";
import { parseRecordId } from "../../domain/records/record-id.js";
import { parseCount } from "../../domain/seizures/seizure-items.js";
import { renderIncidentConfirmation } from "../render/incidents.js";
import { incidentModal } from "../views/incident-modal.js";
import { modalMetadata } from "../views/metadata.js";
import { commandSchema, optionalText, requiredText } from "./options.js";
import { defineSubcommand, message, type Subcommand } from "./subcommand.js";

const count = (key: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined ? undefined : parseCount(v, key)));

/**
 * `/tf shooting`, `/tf stolen` and `/tf recovered` take the same place, time and case options;
 * a shooting also takes its victims. Each command's own file supplies its words.
 */
export function incidentSubcommand(spec: {
  name: string;
  kind: IncidentKind;
  aliases?: readonly string[];
  usage: string;
  summary: string;
  example: string;
}): Subcommand {
  const victims = spec.kind === "shooting";
  // A shooting names the stolen vehicle used in it; a recovery, the theft it closes.
  const linksTheft = spec.kind !== "stolen_vehicle";
  const keys = [
    ...(victims ? ["fatal", "injured"] : []),
    "area",
    "at",
    "date",
    "time",
    "case",
    ...(linksTheft ? ["stolen"] : []),
  ];
  const schema = commandSchema(
    { command: spec.name, keys },
    z
      .object({
        options: z.object({
          fatal: count("fatal"),
          injured: count("injured"),
          area: requiredText("area", "area:frog-hollow", 60),
          at: optionalText("at", 40),
          date: optionalText("date", 20),
          time: optionalText("time", 10),
          case: optionalText("case", 40),
          stolen: z
            .string()
            .optional()
            .transform((v) =>
              v === undefined ? undefined : parseRecordId(v, `e.g. ${spec.example} stolen:I-7`),
            ),
        }),
      })
      .refine((v) => !victims || (v.options.fatal ?? 0) + (v.options.injured ?? 0) > 0, {
        message:
          "A shooting needs at least one victim: give `fatal:<n>` and/or `injured:<n>`, e.g. `/tf shooting injured:1 area:frog-hollow`.",
        path: ["options", "injured"],
      })
      .transform(({ options }) => options),
  );
  const label = incidentKindLabels[spec.kind];
  return defineSubcommand({
    name: spec.name,
    aliases: spec.aliases,
    minimumRole: "member",
    usage: spec.usage,
    summary: spec.summary,
    help: [
      "`at:` takes a date (`2025-03-01`, `today`, `yesterday`), a time (`14:30`, meaning today), or both (`2025-03-01T14:30`); with neither it means now. `date:` and `time:` may be given apart instead.",
      "Times are local to the task force. A time that never happened (clocks jumping forward) is refused; one that happened twice (clocks falling back) is taken as the first.",
      `A case number already on record for a ${label} is reported, never recorded twice.`,
      ...(linksTheft
        ? [
            spec.kind === "shooting"
              ? "`stolen:<id>` links the stolen vehicle used in it (its record id, e.g. `stolen:I-7`); more can be linked later with `/tf link`."
              : "`stolen:<id>` links the theft this recovery closes (its record id, e.g. `stolen:I-7`); the recovery must not be dated before it.",
          ]
        : []),
      `With no arguments, \`/tf ${spec.name}\` opens a form.`,
      `Example: \`${spec.example}\``,
    ].join("\n"),
    schema,
    modal: async (ctx) => incidentModal(spec.kind, await ctx.services.reference(), modalMetadata(ctx)),
    async handler(input, ctx) {
      const when = resolveIncidentTime(input, ctx.now, ctx.services.config.timeZone);
      const view = await ctx.services.incidents.record(
        {
          kind: spec.kind,
          area: input.area,
          when,
          caseNumber: input.case,
          fatalVictims: input.fatal,
          injuredVictims: input.injured,
          stolen: input.stolen,
        },
        ctx.actor,
      );
      return message(...renderIncidentConfirmation(view, ctx.services.config.timeZone));
    },
  });
}
