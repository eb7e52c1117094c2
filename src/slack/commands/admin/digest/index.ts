import { defineGroup } from "../../subcommand.js";
import { adminDigestAdd } from "./add.js";
import { adminDigestList } from "./list.js";
import { adminDigestRemove } from "./remove.js";

export const adminDigest = defineGroup({
  name: "digest",
  parent: "admin",
  minimumRole: "admin",
  summary: "Schedule the daily digest: add, list or remove a channel.",
  children: [adminDigestAdd, adminDigestList, adminDigestRemove],
});
