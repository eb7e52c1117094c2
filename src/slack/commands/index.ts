import { admin } from "./admin/index.js";
import { assign } from "./assign.js";
import { digest } from "./digest/index.js";
import { help } from "./help.js";
import { incidents } from "./incidents.js";
import { link } from "./link.js";
import { recovered } from "./recovered.js";
import { roster } from "./roster.js";
import { seizure } from "./seizure.js";
import { shooting } from "./shooting.js";
import { stolen } from "./stolen.js";
import type { Subcommand } from "./subcommand.js";
import { tally } from "./tally.js";
import { trends } from "./trends.js";
import { unassign } from "./unassign.js";
import { unlink } from "./unlink.js";
import { voidCommand } from "./void.js";

/** Every `/tf` subcommand, in the order `/tf help` lists them. */
export const subcommands: readonly Subcommand[] = [
  help,
  assign,
  unassign,
  roster,
  seizure,
  tally,
  trends,
  shooting,
  stolen,
  recovered,
  link,
  unlink,
  incidents,
  voidCommand,
  digest,
  admin,
];
