import { incidentSubcommand } from "./incident-command.js";

export const recovered = incidentSubcommand({
  name: "recovered",
  kind: "recovered_vehicle",
  usage: "/tf recovered area:<area> [at:<date>[T<HH:MM>]] [case:<ref>] [stolen:<incident-id>]",
  summary: "Log a recovered stolen vehicle.",
  example: "/tf recovered area:i-91-ramps at:06:15 case:25-004513",
});
