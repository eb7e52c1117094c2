import { z } from "zod";
import { renderRoster } from "../render/assignments.js";
import { commandSchema, dateOption, optionalText } from "./options.js";
import { defineSubcommand, message } from "./subcommand.js";

const schema = commandSchema(
  { command: "roster", keys: ["unit", "agency", "on", "page"] },
  z
    .object({
      options: z.object({
        unit: optionalText("unit", 60),
        agency: optionalText("agency", 60),
        on: z.string().optional(),
        page: z.coerce
          .number({ message: "`page:` must be a page number, e.g. page:2." })
          .int({ message: "`page:` must be a whole number, e.g. page:2." })
          .min(1, { message: "`page:` starts at 1." })
          .max(1000, { message: "`page:` is too large." })
          .default(1),
      }),
    })
    .transform(({ options }) => options),
);

export const roster = defineSubcommand({
  name: "roster",
  minimumRole: "viewer",
  usage: "/tf roster [unit:<unit>] [agency:<agency>] [on:<date>] [page:<n>]",
  summary: "Who is assigned where, on any date (today by default).",
  help: [
    "Lists everyone assigned on the date, grouped by unit and then agency, with role, area and shift.",
    "Example: `/tf roster unit:vctf on:2025-03-01`. Long rosters come in pages: `page:2`.",
  ].join("\n"),
  schema,
  async handler(input, ctx) {
    const on = dateOption(input.on, "on", ctx);
    const result = await ctx.services.assignments.roster(
      { unit: input.unit, agency: input.agency, on },
      ctx.actor,
    );
    return message(...renderRoster(result, input.page));
  },
});
