import { defineGroup } from "../subcommand.js";
import { digestPreview } from "./preview.js";
import { digestSend } from "./send.js";

export const digest = defineGroup({
  name: "digest",
  minimumRole: "leadership",
  summary: "Preview the daily digest for any date, or (admins) post it now.",
  children: [digestPreview, digestSend],
});
