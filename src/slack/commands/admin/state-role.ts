import { z } from "zod";
import { commandSchema } from "../options.js";
import { defineSubcommand, message } from "../subcommand.js";

const choices = ["leadership", "none"] as const;

/** `/tf admin staterole <@user> leadership|none`: state leadership, above the task forces. */
export const adminStateRole = defineSubcommand({
  name: "staterole",
  minimumRole: "admin",
  usage: "/tf admin staterole <@user> leadership|none",
  summary: "Grant or take away state leadership (state admins only).",
  help: [
    "State leadership reads every task force's summaries, as leadership does in each, and the statewide roll-up: `/tf trends all by:taskforce`.",
    "Example: `/tf admin staterole @superintendent leadership`",
  ].join("\n"),
  schema: commandSchema(
    { command: "admin staterole", keys: [], maxUsers: 1, maxWords: 1 },
    z
      .object({
        users: z
          .array(z.string())
          .length(1, { message: "Say whose: `/tf admin staterole @person leadership`." }),
        words: z
          .array(
            z
              .string()
              .transform((w) => w.toLowerCase())
              .pipe(z.enum(choices, { message: "Say leadership or none." })),
          )
          .length(1, { message: "Say leadership or none." }),
      })
      .transform(({ users, words }) => ({ userId: users[0] as string, holds: words[0] === "leadership" })),
  ),
  stateLevel: () => true,
  async handler(input, ctx) {
    const change = await ctx.services.admin.roles.setStateLeadership(
      { person: await ctx.mentioned(input.userId), holds: input.holds },
      ctx.actor,
    );
    const what = (holds: boolean) => (holds ? "*state leadership*" : "no state role");
    return message(
      change.before === change.after
        ? `<@${change.person.userId}> already has ${what(change.after)}; nothing changed.`
        : `:white_check_mark: <@${change.person.userId}>: ${what(change.before)} → ${what(change.after)}.`,
    );
  },
});
