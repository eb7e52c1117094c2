import { describe, expect, it } from "vitest";
import { formatImportSummary } from "../../src/cli/import.js";
import { CsvHeader } from "../../src/usecases/import/header.js";
import { parseMapping } from "../../src/usecases/import/profiles/mapping.js";
import { errorOf } from "../helpers/errors.js";

const now = new Date("2026-11-26T15:00:00Z");
const valid = {
  name: "rms",
  rows: "per-incident",
  key: "Case",
  kind: "stolen_vehicle",
  date: { column: "Date", format: "M/D/Y" },
};

describe("mapping files", () => {
  it("refuses a file that is not JSON", () => {
    expect(errorOf(() => parseMapping("{ name: rms", "rms.json")).message).toMatch(
      /^The mapping file rms\.json is not valid JSON: /,
    );
  });

  it("lists every mistake with where it is", () => {
    const error = errorOf(() =>
      parseMapping(
        JSON.stringify({
          ...valid,
          name: "slack",
          rows: "per-row",
          date: { column: "Date", format: "DD/MM" },
          colour: "red",
        }),
        "rms.json",
      ),
    );
    expect(error.message).toContain("The mapping file rms.json is not right:");
    expect(error.message).toContain('  name: "slack" is reserved for incidents entered in Slack');
    expect(error.message).toContain('  rows: expected "per-incident" or "per-victim"');
    expect(error.message).toContain("  date.format: expected one of M/D/Y, D/M/Y, Y-M-D, MONTH D, Y");
    expect(error.message).toMatch(/\(the file\): .*colour/);
    expect(error.hint).toBe("See README, Importing data, for an example mapping file.");
  });

  it("names a column the file lacks, and the columns it has", () => {
    const profile = parseMapping(JSON.stringify(valid), "rms.json");
    const error = errorOf(() => profile.bind(new CsvHeader(["Case", "When"]), { now }));
    expect(error.message).toBe('The file has no "Date" column (the date). Its columns are: "Case", "When".');
  });

  it("finds columns whatever their case, spacing and punctuation", () => {
    const profile = parseMapping(JSON.stringify(valid), "rms.json");
    const bound = profile.bind(new CsvHeader(["CASE", "date"]), { now });
    expect(bound.map(["25-1", "3/1/25"])).toMatchObject({
      key: "25-1",
      kind: "stolen_vehicle",
      date: "2025-03-01",
    });
  });

  it("reads a links column's references: split on semicolons, trimmed, each once", () => {
    const profile = parseMapping(JSON.stringify({ ...valid, links: "Related" }), "rms.json");
    const bound = profile.bind(new CsvHeader(["Case", "Date", "Related"]), { now });
    expect(bound.linkColumn).toBe("Related");
    expect(bound.map(["25-1", "3/1/25", " 25-7 ; ;25-9;25-7; "])).toMatchObject({ links: ["25-7", "25-9"] });
    expect(bound.map(["25-1", "3/1/25", ""])).toMatchObject({ links: [] });
    const without = parseMapping(JSON.stringify(valid), "rms.json").bind(new CsvHeader(["Case", "Date"]), {
      now,
    });
    expect(without.linkColumn).toBeUndefined();
    expect(without.map(["25-1", "3/1/25"])).not.toHaveProperty("links");
  });
});

describe("the import summary", () => {
  it("says what the counts mean, and when nothing changed", () => {
    const text = formatImportSummary({
      source: "nypd-shootings",
      fileName: "nypd.csv",
      fileSha256: "0".repeat(64),
      timeZone: "America/New_York",
      linkColumn: null,
      batchId: 2,
      rowsRead: 23_585,
      rejected: 0,
      incidents: 18_564,
      inserted: 0,
      updated: 0,
      unchanged: 18_564,
      skippedVoided: 0,
      heldBackKeys: 0,
      linksMade: 0,
      linksExisting: 0,
      linksRefused: 0,
      dstGapRows: 0,
      dstOverlapRows: 19,
      elapsedMs: 612,
    });
    expect(text).toBe(
      [
        "Imported nypd.csv as nypd-shootings (batch 2; local times in America/New_York) in 0.6 s.",
        "  rows read:  23,585 (23,585 accepted, 0 rejected)",
        "  incidents:  18,564",
        "    inserted  0  new",
        "    updated   0  on record with other values (the audit log keeps the old ones)",
        "    unchanged 18,564  on record exactly as in the file: skipped",
        "  19 rows gave a time that happened twice (fall back); each was stored at the earlier of the two.",
        "Nothing changed: every incident in the file is already on record as the file has it.",
      ].join("\n"),
    );
  });

  it("counts the links a links column made, found on record, and could not make", () => {
    const text = formatImportSummary({
      source: "rms",
      fileName: "rms.csv",
      fileSha256: "0".repeat(64),
      timeZone: "America/New_York",
      linkColumn: "Links",
      batchId: 3,
      rowsRead: 13,
      rejected: 1,
      incidents: 12,
      inserted: 0,
      updated: 0,
      unchanged: 12,
      skippedVoided: 0,
      heldBackKeys: 0,
      linksMade: 1,
      linksExisting: 7,
      linksRefused: 4,
      dstGapRows: 0,
      dstOverlapRows: 0,
      elapsedMs: 80,
    });
    expect(text).toBe(
      [
        "Imported rms.csv as rms (batch 3; local times in America/New_York) in 0.1 s.",
        "  rows read:  13 (12 accepted, 1 rejected)",
        "  incidents:  12",
        "    inserted  0  new",
        "    updated   0  on record with other values (the audit log keeps the old ones)",
        "    unchanged 12  on record exactly as in the file: skipped",
        "  links:      12 references in Links",
        "    made      1  new",
        "    existing  7  already on record: skipped",
        "    refused   4  not linked (see the reasons above); their rows were imported all the same",
        "See the 1 rejected row listed above; fix them and import the file again.",
        "See the 4 references not linked above; fix them (or the records they name) and import the file again.",
      ].join("\n"),
    );
  });
});
