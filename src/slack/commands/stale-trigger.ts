import { findCommand } from "./help.js";
import { subcommands } from "./index.js";

/**
 * For `/tf <name>` whose form Slack would not open (its trigger expired while the bot was busy): try again (the
 * command, or the Home tab's button it came from), or type it on one line, which needs no form.
 */
export function staleTriggerMessage(name: string, from: "command" | "home"): string {
  const again = from === "command" ? `Run \`/tf ${name}\` again` : "Press the button again";
  const usage = findCommand(subcommands, name)?.usage;
  const typed = usage ? `, or type it on one line: \`${usage}\`` : "";
  return `:warning: The \`/tf ${name}\` form took too long to open, so Slack did not show it. Nothing was recorded. ${again}${typed}.`;
}
