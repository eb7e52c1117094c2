import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { fileError } from "../header.js";
import { gva } from "./gva.js";
import { parseMapping } from "./mapping.js";
import { nypdShootings } from "./nypd-shootings.js";
import type { ImportProfile } from "./profile.js";

export const builtInProfiles: Readonly<Record<string, ImportProfile>> = {
  "nypd-shootings": nypdShootings,
  gva,
};

/** `--format`: a built-in profile's name, or the path of a JSON mapping file. */
export async function loadProfile(format: string): Promise<ImportProfile> {
  const builtIn = builtInProfiles[format];
  if (builtIn) return builtIn;
  if (!format.toLowerCase().endsWith(".json")) {
    throw fileError(
      `--format ${JSON.stringify(format)} is neither a profile nor a mapping file.`,
      `Use ${Object.keys(builtInProfiles).join(", ")} or the path of a mapping file ending in .json.`,
    );
  }
  let text: string;
  try {
    text = await readFile(format, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw fileError(`Cannot read the mapping file ${format} (${code}).`);
  }
  return parseMapping(text, basename(format));
}
