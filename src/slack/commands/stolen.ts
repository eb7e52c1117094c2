import { incidentSubcommand } from "./incident-command.js";

export const stolen = incidentSubcommand({
  name: "stolen",
  kind: "stolen_vehicle",
  usage: "/tf stolen area:<area> [at:<date>[T<HH:MM>]] [case:<ref>]",
  summary: "Log a stolen vehicle.",
  example: "/tf stolen area:asylum-hill at:yesterday case:25-004513",
});
