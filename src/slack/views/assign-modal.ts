import type { ModalView } from "@slack/types";
import { shifts } from "../../usecases/assignments/assignments.js";
import type { ActiveReference } from "../../usecases/reference/active-reference.js";
import { input, option, referenceOptions } from "./inputs.js";

export const assignCallbackId = "tf_assign";

/**
 * The `/tf assign` form. Block ids are the command's option names, so an error a use case raises
 * about `unit` lands beside the unit field. `privateMetadata` carries the channel to confirm in.
 */
export function assignModal(reference: ActiveReference, privateMetadata = ""): ModalView {
  return {
    type: "modal",
    callback_id: assignCallbackId,
    private_metadata: privateMetadata,
    title: { type: "plain_text", text: "Register assignment" },
    submit: { type: "plain_text", text: "Register" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      input("member", "Member", { type: "users_select", action_id: "value" }),
      input("unit", "Unit", {
        type: "static_select",
        action_id: "value",
        options: referenceOptions(reference.units, (u) => u.name),
      }),
      input(
        "agency",
        "Agency (blank: from the member's workspace)",
        {
          type: "static_select",
          action_id: "value",
          options: referenceOptions(reference.agencies, (a) => `${a.code} — ${a.name}`),
        },
        true,
      ),
      input("role", "Role or title", { type: "plain_text_input", action_id: "value", max_length: 80 }, true),
      input(
        "area",
        "Areas",
        {
          type: "multi_static_select",
          action_id: "value",
          options: referenceOptions(reference.areas, (a) => a.name),
        },
        true,
      ),
      input(
        "shift",
        "Shift",
        {
          type: "static_select",
          action_id: "value",
          options: shifts.map((s) => option(s, s)),
        },
        true,
      ),
      input("from", "From (blank: today)", { type: "datepicker", action_id: "value" }, true),
      input("to", "To (blank: open-ended)", { type: "datepicker", action_id: "value" }, true),
    ],
  };
}
