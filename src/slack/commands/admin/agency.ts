import { referenceGroup } from "./reference-commands.js";

export const adminAgency = referenceGroup("agency");
