import type { ModalView } from "@slack/types";
import { type IncidentKind, incidentKindLabels } from "../../domain/incidents/kinds.js";
import type { ActiveReference } from "../../usecases/reference/active-reference.js";
import { input, referenceOptions } from "./inputs.js";

const commandOf: Record<IncidentKind, string> = {
  shooting: "shooting",
  stolen_vehicle: "stolen",
  recovered_vehicle: "recovered",
};

/** The form for `/tf shooting`, `/tf stolen` and `/tf recovered`; block ids are the command's options. */
export function incidentModal(
  kind: IncidentKind,
  reference: ActiveReference,
  privateMetadata = "",
): ModalView {
  const label = incidentKindLabels[kind];
  const count = (blockId: string, text: string) =>
    input(
      blockId,
      text,
      { type: "number_input", action_id: "value", is_decimal_allowed: false, min_value: "0" },
      true,
    );
  return {
    type: "modal",
    callback_id: `tf_${commandOf[kind]}`,
    private_metadata: privateMetadata,
    title: { type: "plain_text", text: `Log ${label}`.slice(0, 24) },
    submit: { type: "plain_text", text: "Record" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      ...(kind === "shooting"
        ? [count("fatal", "Fatal victims"), count("injured", "Non-fatal victims")]
        : []),
      input("area", "Area", {
        type: "static_select",
        action_id: "value",
        options: referenceOptions(reference.areas, (a) => a.name),
      }),
      input("date", "Date (blank: today)", { type: "datepicker", action_id: "value" }, true),
      input(
        "time",
        "Time (blank: now, or unknown if a date is given)",
        { type: "timepicker", action_id: "value" },
        true,
      ),
      input("case", "Case number", { type: "plain_text_input", action_id: "value", max_length: 40 }, true),
      ...(kind === "stolen_vehicle"
        ? []
        : [
            input(
              "stolen",
              kind === "shooting"
                ? "Stolen vehicle used (its id, e.g. I-7)"
                : "Theft it closes (its id, e.g. I-7)",
              { type: "plain_text_input", action_id: "value", max_length: 12 },
              true,
            ),
          ]),
    ],
  };
}
