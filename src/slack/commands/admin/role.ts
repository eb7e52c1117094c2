import { z } from "zod";
import { roles } from "../../../domain/access/roles.js";
import { commandSchema } from "../options.js";
import { defineSubcommand, message } from "../subcommand.js";

const choices = [...roles, "none"] as const;

const schema = commandSchema(
  { command: "admin role", keys: [], maxUsers: 1, maxWords: 1 },
  z
    .object({
      users: z.array(z.string()).length(1, { message: "Say whose role: `/tf admin role @person viewer`." }),
      words: z
        .array(
          z
            .string()
            .transform((w) => w.toLowerCase())
            .pipe(z.enum(choices, { message: `The role must be one of ${choices.join(", ")}.` })),
        )
        .length(1, { message: `Say the role: one of ${choices.join(", ")}.` }),
    })
    .transform(({ users, words }) => ({
      userId: users[0] as string,
      role: words[0] as (typeof choices)[number],
    })),
);

export const adminRole = defineSubcommand({
  name: "role",
  minimumRole: "admin",
  usage: "/tf admin role <@user> admin|leadership|member|viewer|none",
  summary: "Grant a role, or take a granted role away with none.",
  help: [
    "Viewers read summaries; members also post; leadership also reads restricted detail; admins configure.",
    "A person with an assignment running today is a member without a grant. Example: `/tf admin role @chief leadership`",
  ].join("\n"),
  schema,
  async handler(input, ctx) {
    const change = await ctx.services.admin.roles.setRole(
      { person: await ctx.mentioned(input.userId), role: input.role },
      ctx.actor,
    );
    const describe = (role: string | null) => (role ? `*${role}*` : "no granted role");
    return message(
      change.before === change.after
        ? `<@${change.person.userId}> already has ${describe(change.after)}; nothing changed.`
        : `:white_check_mark: <@${change.person.userId}>: ${describe(change.before)} → ${describe(change.after)}.`,
    );
  },
});
