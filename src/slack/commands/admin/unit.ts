import { referenceGroup } from "./reference-commands.js";

export const adminUnit = referenceGroup("unit");
