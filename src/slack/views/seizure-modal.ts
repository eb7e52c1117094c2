import type { InputBlock, ModalView } from "@slack/types";
import type { ActiveReference } from "../../usecases/reference/active-reference.js";
import { input, referenceOptions } from "./inputs.js";

export const seizureCallbackId = "tf_seizure";

function count(blockId: string, label: string): InputBlock {
  return input(
    blockId,
    label,
    { type: "number_input", action_id: "value", is_decimal_allowed: false, min_value: "0" },
    true,
  );
}

/**
 * The `/tf seizure` form, which records enforcement activity too (stops, citations, parole checks
 * and violations), so a shift with nothing seized can still be reported. Block ids are the command's item and option names; the narcotics box
 * takes the command's own `drug:quantity` notation, so both ways of entry share one parser.
 */
export function seizureModal(reference: ActiveReference, privateMetadata = ""): ModalView {
  return {
    type: "modal",
    callback_id: seizureCallbackId,
    private_metadata: privateMetadata,
    title: { type: "plain_text", text: "Record seizure" },
    submit: { type: "plain_text", text: "Record" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      count("guns", "Guns"),
      count("stolen-guns", "…of which stolen"),
      count("ghost-guns", "…of which privately made (ghost)"),
      count("conversion-devices", "Conversion devices"),
      input(
        "items",
        "Narcotics",
        {
          type: "plain_text_input",
          action_id: "value",
          placeholder: { type: "plain_text", text: "fentanyl:25g cocaine:1.5oz pills:40du" },
        },
        true,
      ),
      input(
        "cash",
        "Cash",
        { type: "plain_text_input", action_id: "value", placeholder: { type: "plain_text", text: "$4,500" } },
        true,
      ),
      count("vehicles", "Vehicles recovered"),
      count("arrests", "Arrests"),
      count("warrants", "Search warrants served"),
      count("stops", "Traffic stops"),
      count("citations", "Citations issued"),
      count("parole-checks", "Parole checks (home and compliance visits)"),
      count("parole-violations", "Parole violations found"),
      input(
        "area",
        "Area",
        {
          type: "static_select",
          action_id: "value",
          options: referenceOptions(reference.areas, (a) => a.name),
        },
        true,
      ),
      input(
        "unit",
        "Unit (blank: from your assignment)",
        {
          type: "static_select",
          action_id: "value",
          options: referenceOptions(reference.units, (u) => u.name),
        },
        true,
      ),
      input("case", "Case reference", { type: "plain_text_input", action_id: "value", max_length: 40 }, true),
      input("on", "Date (blank: today)", { type: "datepicker", action_id: "value" }, true),
      input(
        "note",
        "Note",
        { type: "plain_text_input", action_id: "value", multiline: true, max_length: 500 },
        true,
      ),
    ],
  };
}
