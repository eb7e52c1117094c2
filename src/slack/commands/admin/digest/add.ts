import { z } from "zod";
import { isTimeZone } from "../../../../domain/time/zones.js";
import { digestSections } from "../../../../usecases/digest/content.js";
import { commandSchema } from "../../options.js";
import { defineSubcommand, message } from "../../subcommand.js";

const yesNo = (key: string) =>
  z
    .enum(["yes", "no"], { message: `\`${key}:\` must be yes or no.` })
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "yes"));

const schema = commandSchema(
  { command: "admin digest add", keys: ["at", "tz", "sections", "thread", "narrative"], allowChannels: true },
  z
    .object({
      channels: z
        .array(z.string())
        .length(1, { message: "Name one channel: `/tf admin digest add #leadership`." }),
      options: z.object({
        at: z
          .string()
          .regex(/^([01]\d|2[0-3]):[0-5]\d$/, {
            message: "`at:` must be a 24-hour time HH:MM, e.g. at:07:00.",
          })
          .optional(),
        tz: z
          .string()
          .refine(isTimeZone, { message: "`tz:` must be an IANA time zone such as America/New_York." })
          .optional(),
        sections: z
          .string()
          .transform((v) =>
            v
              .split(",")
              .map((s) => s.trim().toLowerCase())
              .filter(Boolean),
          )
          .pipe(
            z.union([
              z.tuple([z.literal("all")]).transform(() => "all" as const),
              z
                .array(
                  z.enum(digestSections, {
                    message: `\`sections:\` takes all, or some of ${digestSections.join(", ")}.`,
                  }),
                )
                .min(1),
            ]),
          )
          .optional(),
        thread: yesNo("thread"),
        narrative: yesNo("narrative"),
      }),
    })
    .transform(({ channels, options }) => ({ channelId: channels[0] as string, ...options })),
);

export const adminDigestAdd = defineSubcommand({
  name: "add",
  minimumRole: "admin",
  usage:
    "/tf admin digest add <#channel> [at:HH:MM] [tz:Area/City] [sections:…] [thread:yes|no] [narrative:yes|no]",
  summary:
    "Schedule the daily digest in a channel (07:00 in the task force's zone by default), or change its schedule.",
  help: [
    "The bot must be in the channel: it checks, and says how to invite it when it is not.",
    `Sections (all by default): ${digestSections.join(", ")}. \`thread:yes\` posts a one-line message with the digest in its thread.`,
    "Example: `/tf admin digest add #command-staff at:06:30 sections:incidents,compstat,narrative`",
  ].join("\n"),
  schema,
  async handler(input, ctx) {
    const { schedule, created } = await ctx.services.digests.addSchedule(
      {
        channelId: input.channelId,
        localTime: input.at,
        timeZone: input.tz,
        sections: input.sections,
        threaded: input.thread,
        narrative: input.narrative,
      },
      ctx.actor,
      ctx.digestPublisher,
    );
    const sections = schedule.sections === "all" ? "all sections" : schedule.sections.join(", ");
    return message(
      `:white_check_mark: ${created ? "Scheduled" : "Updated"} the daily digest in <#${schedule.channelId}>: ${schedule.localTime} ${schedule.timeZone}, ${sections}` +
        `${schedule.threaded ? ", in a thread" : ""}${schedule.narrative ? "" : ", without the narrative"}.`,
    );
  },
});
