import { z } from "zod";
import { sameIdentity } from "../../../domain/access/identity.js";
import { UserFacingError } from "../../../domain/errors.js";
import { defaultDigestTime } from "../../../domain/taskforce/task-force.js";
import { escapeMrkdwn } from "../../../domain/text/escape.js";
import { countOf } from "../../../domain/text/numbers.js";
import { localDateOf } from "../../../domain/time/local-date.js";
import { commandSchema, optionalText, requiredText } from "../options.js";
import { type CommandContext, defineGroup, defineSubcommand, message } from "../subcommand.js";

/** Task forces are created and listed by the state's admins (TF_ADMINS), not by one task force's. */
function requireStateAdmin(ctx: CommandContext, what: string): void {
  if (!ctx.services.access.admins.some((admin) => sameIdentity(admin, ctx.caller))) {
    throw new UserFacingError(
      "denied",
      `Only a state admin (one of TF_ADMINS) ${what}; a task force's own admins cannot.`,
      "Ask the deployment's operators.",
    );
  }
}

const addExample = '/tf admin taskforce add hartford name:"Hartford Shooting Task Force" tz:America/New_York';

const add = defineSubcommand({
  name: "add",
  minimumRole: "admin",
  usage: '/tf admin taskforce add <code> name:"<name>" [tz:<zone>] [week:monday|sunday] [digest:HH:MM]',
  summary: "Create a task force (state admins only), with the partnership's units.",
  help: [
    "The code is what people type in `tf:<code>`: 2 to 16 lowercase letters, digits or hyphens, unique. The time zone is the deployment's unless given; weeks start on Monday unless `week:sunday`. `digest:` is the local time its channels' digests post at unless a schedule gives its own `at:` (07:00 unless given).",
    "Its areas are its own city's: add them with `/tf admin area add … tf:<code>`. Bind its channels with `/tf admin channel <#channel> tf:<code>`.",
    `Example: \`${addExample}\``,
  ].join("\n"),
  schema: commandSchema(
    { command: "admin taskforce add", keys: ["name", "tz", "week", "digest"], maxWords: 1 },
    z
      .object({
        words: z.array(z.string()).length(1, { message: `Give the task force's code: \`${addExample}\`.` }),
        options: z.object({
          name: requiredText("name", 'name:"Hartford Shooting Task Force"', 80),
          tz: optionalText("tz", 64),
          week: z.enum(["monday", "sunday"], { message: "`week:` must be monday or sunday." }).optional(),
          digest: z
            .string()
            .regex(/^([01]\d|2[0-3]):[0-5]\d$/, {
              message: "`digest:` must be a 24-hour time HH:MM, e.g. digest:06:30.",
            })
            .optional(),
        }),
      })
      .transform(({ words, options }) => ({
        code: words[0] as string,
        name: options.name,
        timeZone: options.tz,
        weekStart: options.week,
        digestTime: options.digest,
      })),
  ),
  stateLevel: () => true,
  async handler(input, ctx) {
    requireStateAdmin(ctx, "creates task forces");
    const created = await ctx.services.taskForces.add(input, ctx.actor);
    return message(
      `:white_check_mark: Created ${escapeMrkdwn(created.name)} (\`${created.code}\`): ${created.timeZone}, weeks from ${created.weekStart === "sunday" ? "Sunday" : "Monday"}, digests at ${created.digestTime ?? defaultDigestTime}, with the partnership's units and agencies. Next: add its areas and bind its channels with \`tf:${created.code}\`.`,
    );
  },
});

const list = defineSubcommand({
  name: "list",
  minimumRole: "admin",
  usage: "/tf admin taskforce list",
  summary: "The task forces: code, name, time zone, channels bound, members and records.",
  help: "Members are people with a role or an assignment running today; records are incidents and seizure reports, voided ones included.",
  schema: commandSchema({ command: "admin taskforce list", keys: [], maxWords: 0 }, z.object({})),
  stateLevel: () => true,
  async handler(_input, ctx) {
    requireStateAdmin(ctx, "lists every task force");
    const forces = await ctx.services.taskForces.list(localDateOf(ctx.now, ctx.services.taskForce.timeZone));
    const lines = forces.map(
      (t) =>
        `• \`${t.code}\` ${escapeMrkdwn(t.name)}: ${t.timeZone} · digests at ${t.digestTime ?? defaultDigestTime} · ${countOf(t.channels, "channel")} · ${countOf(t.members, "member")} · ${countOf(t.records, "record")}`,
    );
    return message(`*Task forces* (${forces.length})\n${lines.join("\n")}`);
  },
});

export const adminTaskForce = defineGroup({
  name: "taskforce",
  minimumRole: "admin",
  summary: "Create and list the task forces of a statewide deployment (state admins).",
  children: [add, list],
});
