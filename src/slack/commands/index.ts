import { help } from "./help.js";
import type { Subcommand } from "./subcommand.js";

/** Every `/tf` subcommand, in the order `/tf help` lists them. */
export const subcommands: readonly Subcommand[] = [help];
