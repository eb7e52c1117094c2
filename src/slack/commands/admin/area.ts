import { referenceGroup } from "./reference-commands.js";

export const adminArea = referenceGroup("area");
