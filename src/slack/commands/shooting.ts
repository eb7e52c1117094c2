import { incidentSubcommand } from "./incident-command.js";

export const shooting = incidentSubcommand({
  name: "shooting",
  kind: "shooting",
  aliases: ["shot"],
  usage:
    "/tf shooting [fatal:<n>] [injured:<n>] area:<area> [at:<date>[T<HH:MM>]] [case:<ref>] [stolen:<incident-id>]",
  summary: "Log a shooting incident with its fatal and non-fatal victims.",
  example: "/tf shooting fatal:1 injured:2 area:frog-hollow at:2025-03-01T23:40 case:25-004512",
});
