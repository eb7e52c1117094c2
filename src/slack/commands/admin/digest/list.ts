import { z } from "zod";
import { digestFailureReason } from "../../../digest-publisher.js";
import { commandSchema } from "../../options.js";
import { defineSubcommand, message } from "../../subcommand.js";

export const adminDigestList = defineSubcommand({
  name: "list",
  minimumRole: "admin",
  usage: "/tf admin digest list",
  summary: "List the channels that get the daily digest, and when.",
  help: "Each line gives the channel, the local time and zone, and the options, and says when the latest digest was not posted and why.",
  schema: commandSchema({ command: "admin digest list", keys: [] }, z.object({})),
  async handler(_input, ctx) {
    const schedules = await ctx.services.digests.listSchedules();
    if (schedules.length === 0)
      return message("No channel gets the daily digest yet. Add one with `/tf admin digest add #channel`.");
    const lines = schedules.map((s) => {
      const line =
        `• <#${s.channelId}> at ${s.localTime} ${s.timeZone} — ${s.sections === "all" ? "all sections" : s.sections.join(", ")}` +
        `${s.threaded ? ", threaded" : ""}${s.narrative ? "" : ", no narrative"}`;
      const run = s.lastRun;
      if (run?.status !== "failed" && run?.status !== "refused") return line;
      return `${line}\n    :warning: The digest for ${run.localDate} was not posted. ${digestFailureReason(s.channelId, run.error)}`;
    });
    return message(`*Daily digest schedules*\n${lines.join("\n")}`);
  },
});
