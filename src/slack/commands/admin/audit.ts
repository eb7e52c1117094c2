import { z } from "zod";
import { auditListing } from "../../render/admin.js";
import { commandSchema, dateOption } from "../options.js";
import { defineSubcommand, message } from "../subcommand.js";

const schema = commandSchema(
  { command: "admin audit", keys: ["user", "since"], maxWords: 1 },
  z
    .object({
      words: z.array(
        z.coerce
          .number({ message: "The count must be a number, e.g. `/tf admin audit 50`." })
          .int({ message: "The count must be a whole number." })
          .min(1, { message: "The count must be at least 1." })
          .max(100, { message: "The count is at most 100; narrow with user: or since:." }),
      ),
      options: z.object({
        // A user option arrives as Slack's escaped mention, `<@U123|name>`.
        user: z
          .string()
          .transform((v) => /^<@([UW][A-Z0-9]+)(\|[^>]*)?>$/.exec(v)?.[1] ?? v)
          .pipe(
            z.string().regex(/^[UW][A-Z0-9]+$/, { message: "`user:` takes an @mention, e.g. user:@jsmith." }),
          )
          .optional(),
        since: z.string().optional(),
      }),
    })
    .transform(({ words, options }) => ({ limit: words[0] ?? 20, ...options })),
);

export const adminAudit = defineSubcommand({
  name: "audit",
  minimumRole: "admin",
  usage: "/tf admin audit [<n>] [user:<@user>] [since:<date>]",
  summary: "Recent audit events, refusals included: who did what, when, and how it went.",
  help: "Shows the latest 20 by default, at most 100. Example: `/tf admin audit 50 user:@jsmith since:2025-03-01`",
  schema,
  async handler(input, ctx) {
    const events = await ctx.services.admin.audit.recent({
      limit: input.limit,
      userId: input.user,
      since: dateOption(input.since, "since", ctx),
    });
    return message(...auditListing(events, ctx.services.config.timeZone));
  },
});
