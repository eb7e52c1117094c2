import { defineGroup } from "../subcommand.js";
import { adminDigest } from "./digest/index.js";

/** `/tf admin …`: configuration, for admins only. */
export const admin = defineGroup({
  name: "admin",
  minimumRole: "admin",
  summary: "Configure the bot: digest schedules.",
  children: [{ ...adminDigest, name: "digest" }],
});
