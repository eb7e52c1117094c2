import { UserFacingError } from "../../domain/errors.js";

/**
 * The header row of a CSV file. Columns are found by name, folding case, spaces, underscores,
 * hyphens and dots, so `INCIDENT_KEY`, `Incident Key` and `incident-key` are one column, wherever it
 * stands and whatever other columns the file has.
 */
export class CsvHeader {
  private readonly byKey = new Map<string, number[]>();

  constructor(readonly names: readonly string[]) {
    names.forEach((name, index) => {
      const key = columnKey(name);
      if (key === "") return;
      const list = this.byKey.get(key);
      if (list) list.push(index);
      else this.byKey.set(key, [index]);
    });
  }

  get width(): number {
    return this.names.length;
  }

  /** The index of the first column named like one of `aliases`; undefined when there is none. */
  find(...aliases: string[]): number | undefined {
    for (const alias of aliases) {
      const found = this.byKey.get(columnKey(alias));
      if (found === undefined) continue;
      if (found.length > 1) {
        throw fileError(
          `The header names the column "${alias}" ${found.length} times (columns ${found.map((i) => i + 1).join(", ")}), so it is not clear which one to read.`,
        );
      }
      return found[0];
    }
    return undefined;
  }

  /** Like find, but a missing column stops the import with a message listing the file's columns. */
  require(purpose: string, ...aliases: string[]): number {
    const index = this.find(...aliases);
    if (index !== undefined) return index;
    const wanted = aliases.map((a) => `"${a}"`).join(" or ");
    throw fileError(
      `The file has no ${wanted} column (${purpose}). Its columns are: ${this.names.map((n) => `"${n}"`).join(", ")}.`,
    );
  }
}

export function columnKey(name: string): string {
  return name.toLowerCase().replace(/[\s_.-]+/g, "");
}

/** A problem with the file as a whole (or the mapping), reported before any row is imported. */
export function fileError(message: string, hint?: string): UserFacingError {
  return new UserFacingError("invalid", message, hint);
}
