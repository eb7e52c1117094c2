import { referenceGroup } from "./reference-commands.js";
import { adminUnitMeasures } from "./unit-measures.js";

export const adminUnit = referenceGroup("unit", {
  children: [adminUnitMeasures],
  summary: "Add, rename or retire units; choose the measures each is judged by.",
});
