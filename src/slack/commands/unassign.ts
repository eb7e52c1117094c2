import { z } from "zod";
import { renderAssignmentConfirmation } from "../render/assignments.js";
import { commandSchema, dateOption, optionalText } from "./options.js";
import { defineSubcommand, message } from "./subcommand.js";

const schema = commandSchema(
  { command: "unassign", keys: ["unit", "on"], maxUsers: 1 },
  z
    .object({
      users: z.array(z.string()).length(1, { message: "Say whose assignment ends: `/tf unassign @person`." }),
      options: z.object({ unit: optionalText("unit", 60), on: z.string().optional() }),
    })
    .transform(({ users, options }) => ({ memberUserId: users[0] as string, ...options })),
);

export const unassign = defineSubcommand({
  name: "unassign",
  aliases: ["end"],
  minimumRole: "member",
  usage: "/tf unassign <@user> [unit:<unit>] [on:<date>]",
  summary: "End an assignment on a date (today by default). Its history is kept.",
  help: [
    "Ends the member's running assignment on the given date, inclusive. Nothing is deleted: the roster for earlier dates still shows it.",
    "Give `unit:` when the member has more than one running assignment.",
    "Example: `/tf unassign @jsmith unit:vctf on:2025-06-30`",
  ].join("\n"),
  schema,
  async handler(input, ctx) {
    const on = dateOption(input.on, "on", ctx);
    const view = await ctx.services.assignments.end(
      { member: await ctx.mentioned(input.memberUserId), unit: input.unit, on },
      ctx.actor,
    );
    return message(...renderAssignmentConfirmation("Ended", view));
  },
});
