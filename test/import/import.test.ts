// The importer end to end on the engine under test: fixture files written here, exact counts,
// rejected lines and reasons, idempotence, updates with their audit, grouping, DST, other shapes.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/db/audit-chain.js";
import type { Rejection } from "../../src/db/import-store.js";
import { UserFacingError } from "../../src/domain/errors.js";
import { gva } from "../../src/usecases/import/profiles/gva.js";
import { mappingProfile, parseMapping } from "../../src/usecases/import/profiles/mapping.js";
import { nypdShootings } from "../../src/usecases/import/profiles/nypd-shootings.js";
import type { ImportProfile } from "../../src/usecases/import/profiles/profile.js";
import { runImport } from "../../src/usecases/import/run-import.js";
import { createTestDatabase, type TestDatabase, testEngine } from "../helpers/database.js";

const now = new Date("2026-11-26T15:00:00Z");
const dir = mkdtempSync(join(tmpdir(), "tf-import-"));
let database: TestDatabase;
const db = () => database.db.prisma;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
  rmSync(dir, { recursive: true, force: true });
});

function write(
  name: string,
  lines: string[],
  options: { eol?: string; bom?: boolean; finalEol?: boolean } = {},
) {
  const eol = options.eol ?? "\n";
  const path = join(dir, name);
  writeFileSync(
    path,
    `${options.bom ? "\uFEFF" : ""}${lines.join(eol)}${options.finalEol === false ? "" : eol}`,
  );
  return path;
}

async function importFile(path: string, profile: ImportProfile, timeZone = "America/New_York") {
  const rejections: Rejection[] = [];
  const summary = await runImport({
    filePath: path,
    profile,
    databaseUrl: database.url,
    taskForceId: 1,
    timeZone,
    now,
    onRejected: (r) => rejections.push(r),
  });
  return { summary, rejections };
}

const incident = (source: string, externalKey: string) =>
  db().incident.findUniqueOrThrow({
    where: { taskForceId_source_externalKey: { taskForceId: 1, source, externalKey } },
  });

// NYPD's columns in another order, with an extra column and without some of NYPD's own; a BOM, CRLF,
// quoted fields with commas, quotes and a line break, two- and four-digit years, and bad rows.
const nypdHeader =
  "OCCUR_TIME,Extra Col,INCIDENT_KEY,BORO,PRECINCT,OCCUR_DATE,LOCATION_DESC,STATISTICAL_MURDER_FLAG,VIC_AGE_GROUP";
const nypdLines = [
  nypdHeader, // line 1
  '5:35:00,x,1001,BRONX,52,8/27/06,"GROCERY/BODEGA, DELI",TRUE,25-44', // 2
  '12:03:00,,1002,QUEENS,106,03/11/2011,"MULTI\r\nDWELL",FALSE,65+', // 3-4
  "5:35:00,,1001,BRONX,52,08/27/2006,,FALSE,18-24", // 5: 1001 again, after another key
  "1:09:00,,1003,BROOKLYN,73,2/30/20,,FALSE,", // 6: no such date
  "1:09:00,,,BROOKLYN,73,1/30/20,,FALSE,", // 7: no key
  "25:00:00,,1004,BROOKLYN,73,1/30/20,,FALSE,", // 8: no such time
  "1:09:00,,1005,BROOKLYN,73,1/30/20,,MAYBE,", // 9: not TRUE/FALSE
  "1:09:00,,1006,BROOKLYN,73", // 10: too few fields
  "", // 11: blank
  '12:03:00,,1002,QUEENS,106,3/11/11,"said ""hi""",TRUE,25-44', // 12: 1002's second victim
  "0:00:00,,1007,STATEN ISLAND,120,12/31/99,,FALSE,<18", // 13: 1999
  ",,,,,,,,", // 14: empty cells only
  "7:00:00,,1008,MANHATTAN,14,1/1/2020,,FALSE,,", // 15: a trailing empty cell is harmless
  "7:00:00,,1009,MANHATTAN,14,1/1/2020,,FALSE,,oops", // 16: an extra value is not
  '7:00:00,,"1010"x,MANHATTAN,14,1/1/2020,,FALSE,', // 17: text after a closing quote
  "9:15:00,,1011,BRONX,40,1/2/20,,FALSE,", // 18: 1011 ...
  "9:15:00,,1011,BRONX,40,1/3/20,,TRUE,", // 19: ... whose victims disagree on the date
  "5:35:00,,1001,BRONX,52,8/27/06,,FALSE,45-64", // 20: 1001's third victim
  "1:09:00,,1004,BROOKLYN,73,1/30/20,,TRUE,", // 21: good, but 1004's other row (line 8) is not
];
const nypdRejections: Rejection[] = [
  { line: 6, reason: 'OCCUR_DATE "2/30/20" is not a real date (February 2020 has 29 days)' },
  { line: 7, reason: "INCIDENT_KEY is empty: every row needs its incident's key" },
  {
    line: 8,
    reason: 'OCCUR_TIME "25:00:00" is not a time of day: hours run 0-23, minutes and seconds 0-59',
  },
  { line: 9, reason: 'STATISTICAL_MURDER_FLAG "MAYBE" is neither TRUE nor FALSE' },
  { line: 10, reason: "has 5 fields, but the header has 9" },
  { line: 16, reason: "has 10 fields, but the header has 9" },
  { line: 17, reason: "has text after the closing quote of field 3" },
  {
    line: 18,
    reason:
      "INCIDENT_KEY 1011: its rows disagree on date or time (lines 18, 19), so none of these rows is imported",
  },
  {
    line: 19,
    reason:
      "INCIDENT_KEY 1011: its rows disagree on date or time (lines 18, 19), so none of these rows is imported",
  },
  {
    line: 21,
    reason:
      "INCIDENT_KEY 1004: line 8, another row of this incident, was rejected, so none of its rows is imported",
  },
];

describe(`tf import (${testEngine})`, () => {
  it("imports an NYPD-shaped file with every quirk, reports each bad line, and groups victims by key", async () => {
    const path = write("nypd.csv", nypdLines, { eol: "\r\n", bom: true, finalEol: false });
    const { summary, rejections } = await importFile(path, nypdShootings);
    expect(rejections).toEqual(nypdRejections);
    expect(summary).toMatchObject({
      source: "nypd-shootings",
      fileName: "nypd.csv",
      rowsRead: 17, // 19 data lines (one of them over two lines) less a blank one and one of empty cells
      rejected: 10,
      incidents: 6, // the keys staged: 1001, 1002, 1007, 1008, and 1011 and 1004, held back
      heldBackKeys: 2,
      inserted: 4, // 1001, 1002, 1007, 1008
      updated: 0,
      unchanged: 0,
      skippedVoided: 0,
    });

    const first = await incident("nypd-shootings", "1001");
    expect(first).toMatchObject({
      kind: "shooting",
      occurredAt: new Date("2006-08-27T09:35:00Z"), // 05:35 EDT
      localDate: "2006-08-27",
      localTime: "05:35",
      areaId: null,
      areaLabel: "BRONX / precinct 52",
      caseNumber: null,
      fatalVictims: 1, // lines 2, 5 and 20: one killed, two injured, rows apart from each other
      injuredVictims: 2,
      sourceFile: "nypd.csv",
      importBatchId: summary.batchId,
      voidedAt: null,
    });
    expect(await incident("nypd-shootings", "1002")).toMatchObject({
      occurredAt: new Date("2011-03-11T17:03:00Z"),
      localDate: "2011-03-11",
      fatalVictims: 1,
      injuredVictims: 1,
    });
    expect(await incident("nypd-shootings", "1007")).toMatchObject({
      occurredAt: new Date("1999-12-31T05:00:00Z"),
      localDate: "1999-12-31",
      localTime: "00:00",
      areaLabel: "STATEN ISLAND / precinct 120",
    });
    expect(await db().incident.count({ where: { source: "nypd-shootings", externalKey: "1011" } })).toBe(0);

    const batch = await db().importBatch.findUniqueOrThrow({ where: { id: summary.batchId } });
    expect(batch).toMatchObject({ status: "done", inserted: 4, updated: 0, unchanged: 0, rejected: 10 });
    expect(batch.fileSha256).toBe(summary.fileSha256);
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "import.run", targetId: String(batch.id) },
    });
    expect(audit).toMatchObject({ actorUserId: "cli", outcome: "ok", targetType: "import_batch" });
    expect(JSON.parse(audit.after ?? "{}")).toMatchObject({
      source: "nypd-shootings",
      file: "nypd.csv",
      rowsRead: 17,
      inserted: 4,
      updated: 0,
      unchanged: 0,
      rejected: 10,
    });
  });

  it("changes nothing when the same file is imported again, and says so", async () => {
    const before = await db().incident.findMany({
      where: { source: "nypd-shootings" },
      orderBy: { id: "asc" },
    });
    const path = write("nypd.csv", nypdLines, { eol: "\r\n", bom: true, finalEol: false });
    const { summary, rejections } = await importFile(path, nypdShootings);
    expect(summary).toMatchObject({ rowsRead: 17, rejected: 10, inserted: 0, updated: 0, unchanged: 4 });
    expect(rejections).toEqual(nypdRejections);
    expect(
      await db().incident.findMany({ where: { source: "nypd-shootings" }, orderBy: { id: "asc" } }),
    ).toEqual(before);
  });

  it("reads the same records in another shape (LF, no BOM, NYPD's own column order) as the same incidents", async () => {
    const path = write("nypd-lf.csv", [
      "INCIDENT_KEY,OCCUR_DATE,OCCUR_TIME,BORO,PRECINCT,JURISDICTION_CODE,LOCATION_DESC,STATISTICAL_MURDER_FLAG",
      "1001,8/27/2006,5:35:00,BRONX,52,0,,TRUE",
      "1002,3/11/11,12:03:00,QUEENS,106,0,,FALSE",
      "1001,8/27/06,5:35:00,BRONX,52,0,,FALSE",
      "1002,3/11/2011,12:03:00,QUEENS,106,0,,TRUE",
      "1001,08/27/06,05:35:00,BRONX,52,0,,FALSE",
    ]);
    const { summary } = await importFile(path, nypdShootings);
    expect(summary).toMatchObject({ rowsRead: 5, rejected: 0, inserted: 0, updated: 0, unchanged: 2 });
  });

  it("reports a changed incident as updated, and audits its values before and after", async () => {
    // Line 5's victim died after all: 1001 now has two fatal victims and one injured.
    const changed = nypdLines.map((line, i) =>
      i === 3 ? line.replace(",FALSE,18-24", ",TRUE,18-24") : line,
    );
    const path = write("nypd-v2.csv", changed, { eol: "\r\n", bom: true });
    const { summary } = await importFile(path, nypdShootings);
    expect(summary).toMatchObject({ rowsRead: 17, rejected: 10, inserted: 0, updated: 1, unchanged: 3 });
    const updated = await incident("nypd-shootings", "1001");
    expect(updated).toMatchObject({
      fatalVictims: 2,
      injuredVictims: 1,
      sourceFile: "nypd-v2.csv",
      importBatchId: summary.batchId,
    });
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "import.update", targetId: `I-${updated.id}` },
    });
    expect(audit).toMatchObject({ actorUserId: "cli", targetType: "incident", outcome: "ok" });
    expect(JSON.parse(audit.before ?? "{}")).toMatchObject({
      fatalVictims: 1,
      injuredVictims: 2,
      localTime: "05:35",
    });
    expect(JSON.parse(audit.after ?? "{}")).toMatchObject({
      fatalVictims: 2,
      injuredVictims: 1,
      localTime: "05:35",
    });
    expect(String(JSON.parse(audit.before ?? "{}").occurredAt)).toMatch(
      /^2006-08-27T09:35:00\.000(Z|\+00:00)$/,
    );
    // Written by set-based SQL, yet sealed into the hash chain in the same transaction.
    expect(audit.seq).not.toBeNull();
    const chain = await verifyAuditChain(db());
    expect(chain.broken).toBeUndefined();
    expect(chain.checked).toBe(await db().auditEvent.count());
  });

  it("gives the documented instants to times in the DST gap and overlap, and reports them", async () => {
    const path = write("nypd-dst.csv", [
      "INCIDENT_KEY,OCCUR_DATE,OCCUR_TIME,BORO,PRECINCT,STATISTICAL_MURDER_FLAG",
      "2001,3/8/20,2:30:00,BRONX,40,FALSE", // spring forward: 02:30 never happened
      "2002,11/1/20,1:30:00,BRONX,40,FALSE", // fall back: 01:30 happened twice
      "2003,11/1/20,3:30:00,BRONX,40,FALSE",
    ]);
    const { summary } = await importFile(path, nypdShootings);
    expect(summary).toMatchObject({ inserted: 3, dstGapRows: 1, dstOverlapRows: 1 });
    // The gap instant as given: 02:30 EST = 07:30Z, which the clocks showed as 03:30 EDT.
    expect(await incident("nypd-shootings", "2001")).toMatchObject({
      occurredAt: new Date("2020-03-08T07:30:00Z"),
      localDate: "2020-03-08",
      localTime: "03:30",
    });
    // The earlier of the two: 01:30 EDT = 05:30Z (not 01:30 EST = 06:30Z).
    expect(await incident("nypd-shootings", "2002")).toMatchObject({
      occurredAt: new Date("2020-11-01T05:30:00Z"),
      localTime: "01:30",
    });
    expect(await incident("nypd-shootings", "2003")).toMatchObject({
      occurredAt: new Date("2020-11-01T08:30:00Z"),
    });
  });

  it("reads the time zone it is given (--tz) instead of the configured one", async () => {
    const path = write("chicago.csv", [
      "INCIDENT_KEY,OCCUR_DATE,OCCUR_TIME,BORO,PRECINCT,STATISTICAL_MURDER_FLAG",
      "3001,7/4/25,21:15:00,BRONX,40,FALSE",
    ]);
    await importFile(path, nypdShootings, "America/Chicago");
    expect(await incident("nypd-shootings", "3001")).toMatchObject({
      occurredAt: new Date("2025-07-05T02:15:00Z"),
      localDate: "2025-07-04",
      localTime: "21:15",
    });
  });

  it("imports a GVA-shaped file: dates in words, no time, no address, every bad row reported", async () => {
    const path = write(
      "gva.csv",
      [
        "Incident ID,Incident Date,State,City Or County,Address,Victims Killed,Victims Injured,Operations",
        '3051755,"October 19, 2024",Virginia,Charlottesville,1600 block of Rio Hill Dr,1,1,N/A',
        '3051744,"Oct 19, 2024",Virginia,"Charlottesville, City of","800 block of Hardy Dr",0,1,N/A',
        '3003496,"August 22, 2024",Virginia,Charlottesville,Mason St,-1,1,N/A',
        '3003497,"Augst 22, 2024",Virginia,Charlottesville,Mason St,0,1,N/A',
        '3003498,"August 23, 2024",Virginia,Charlottesville,Mason St,0,1.5,N/A',
        '3003499,"March 10, 2024",Virginia,Charlottesville,,0,0,N/A',
        '3003499,"March 10, 2024",Virginia,Charlottesville,,0,0,N/A',
      ],
      { eol: "\r\n" },
    );
    const { summary, rejections } = await importFile(path, gva);
    expect(rejections).toEqual([
      { line: 4, reason: 'Victims Killed "-1" is a negative count' },
      {
        line: 5,
        reason:
          'Incident Date "Augst 22, 2024" is not a date written a month name, day and year, e.g. October 19, 2024',
      },
      { line: 6, reason: 'Victims Injured "1.5" is not a whole number of victims' },
      {
        line: 7,
        reason:
          "Incident ID 3003499 appears on 2 rows (lines 7, 8); each incident must be listed once, so none of these rows is imported",
      },
      {
        line: 8,
        reason:
          "Incident ID 3003499 appears on 2 rows (lines 7, 8); each incident must be listed once, so none of these rows is imported",
      },
    ]);
    expect(summary).toMatchObject({
      source: "gva",
      rowsRead: 7,
      rejected: 5,
      inserted: 2,
      heldBackKeys: 1,
    });
    expect(await incident("gva", "3051755")).toMatchObject({
      kind: "shooting",
      occurredAt: new Date("2024-10-19T04:00:00Z"), // the start of the local day
      localDate: "2024-10-19",
      localTime: null,
      areaLabel: "Charlottesville",
      fatalVictims: 1,
      injuredVictims: 1,
    });
    expect(await incident("gva", "3051744")).toMatchObject({ areaLabel: "Charlottesville, City of" });
    const stored = JSON.stringify(await db().incident.findMany({ where: { source: "gva" } }));
    expect(stored).not.toContain("Rio Hill");
    expect(stored).not.toContain("Hardy");
  });

  it("imports any CSV through a mapping file: kinds by value, reference areas, case numbers", async () => {
    await db().area.create({ data: { code: "frog-hollow", name: "Frog Hollow" } });
    const frogHollow = await db().area.findFirstOrThrow({ where: { code: "frog-hollow" } });
    const profile = parseMapping(
      JSON.stringify({
        name: "hartford-rms",
        rows: "per-incident",
        key: "Case No",
        kind: { column: "Offense", values: { SHOOTING: "shooting", "MV THEFT": "stolen_vehicle" } },
        date: { column: "Date", format: "Y-M-D" },
        time: "Time",
        area: "Neighborhood",
        case: "Case No",
        fatal: "Killed",
        injured: "Hurt",
      }),
      "hartford.json",
    );
    const path = write("hartford.csv", [
      "Case No,Offense,Date,Time,Neighborhood,Killed,Hurt",
      "25-001,SHOOTING,2025-03-01,14:30,FROG_HOLLOW,0,2",
      "25-002,mv theft,2025-03-02,,Parkville,,",
      "25-003,ARSON,2025-03-02,,Parkville,,",
      "25-004,MV THEFT,2025-03-02,,Parkville,1,0",
    ]);
    const { summary, rejections } = await importFile(path, profile);
    expect(rejections).toEqual([
      {
        line: 4,
        reason: 'Offense "ARSON" is an unknown kind of incident (the mapping knows "SHOOTING", "MV THEFT")',
      },
      {
        line: 5,
        reason:
          "a stolen vehicle row has victim counts (1 fatal, 0 injured); victims are counted for shootings",
      },
    ]);
    expect(summary).toMatchObject({ source: "hartford-rms", rowsRead: 4, inserted: 2, rejected: 2 });
    expect(await incident("hartford-rms", "25-001")).toMatchObject({
      kind: "shooting",
      areaId: frogHollow.id,
      areaLabel: null,
      caseNumber: "25-001",
      localTime: "14:30",
      injuredVictims: 2,
    });
    expect(await incident("hartford-rms", "25-002")).toMatchObject({
      kind: "stolen_vehicle",
      areaId: null,
      areaLabel: "Parkville",
      localTime: null,
      fatalVictims: 0,
      injuredVictims: 0,
    });
  });

  it("groups per-victim rows of a mapping with a fixed kind and a fatal flag", async () => {
    const profile = mappingProfile({
      name: "victims",
      rows: "per-victim",
      key: ["Agency", "Report"],
      kind: "shooting",
      date: { column: "When", format: "M/D/Y" },
      time: "When",
      fatal: { column: "Died", when: ["Y"] },
    });
    const path = write("victims.csv", [
      "Report,Agency,When,Died",
      "7,HPD,3/1/2025 11:45 PM,Y",
      "8,HPD,3/1/2025 10:00 PM,N",
      "7,HPD,3/1/2025 11:45 PM,N",
      "7,CSP,3/1/2025 09:00 PM,N",
    ]);
    const { summary } = await importFile(path, profile);
    expect(summary).toMatchObject({ rowsRead: 4, rejected: 0, incidents: 3, inserted: 3 });
    expect(await incident("victims", JSON.stringify(["HPD", "7"]))).toMatchObject({
      localTime: "23:45",
      occurredAt: new Date("2025-03-02T04:45:00Z"),
      fatalVictims: 1,
      injuredVictims: 1,
    });
  });

  // A blank is a value like any other when rows of one incident are compared: rows that are all
  // blank in a column agree, one blank among filled ones disagrees (PostgreSQL's merge compares them
  // by aggregates, where a NULL is easy to lose).
  it("holds back a per-victim incident whose rows differ only by a blank, and keeps one whose rows are all blank there", async () => {
    const profile = mappingProfile({
      name: "victims-blank",
      rows: "per-victim",
      key: "Report",
      kind: "shooting",
      date: { column: "When", format: "M/D/Y" },
      time: "When",
      case: "Case",
      area: "Place",
      fatal: { column: "Died", when: ["Y"] },
    });
    const path = write("victims-blank.csv", [
      "Report,When,Case,Place,Died",
      "21,3/1/2025 11:45 PM,,,Y", // 2: 21's victims agree: no case number, no place
      "22,3/1/2025 11:45 PM,25-7,Parkville,N", // 3: 22 ...
      "21,3/1/2025 11:45 PM,,,N", // 4
      "22,3/1/2025 11:45 PM,,Parkville,N", // 5: ... whose second victim has no case number
      "23,3/1/2025 11:45 PM,25-8,,N", // 6: 23 ...
      "23,3/1/2025 11:45 PM,25-8,Parkville,Y", // 7: ... whose first victim has no place
    ]);
    const { summary, rejections } = await importFile(path, profile);
    expect(rejections).toEqual([
      {
        line: 3,
        reason: "Report 22: its rows disagree on case number (lines 3, 5), so none of these rows is imported",
      },
      {
        line: 5,
        reason: "Report 22: its rows disagree on case number (lines 3, 5), so none of these rows is imported",
      },
      {
        line: 6,
        reason: "Report 23: its rows disagree on place (lines 6, 7), so none of these rows is imported",
      },
      {
        line: 7,
        reason: "Report 23: its rows disagree on place (lines 6, 7), so none of these rows is imported",
      },
    ]);
    expect(summary).toMatchObject({ rowsRead: 6, incidents: 3, heldBackKeys: 2, inserted: 1, rejected: 4 });
    expect(await incident("victims-blank", "21")).toMatchObject({
      caseNumber: null,
      areaId: null,
      areaLabel: null,
      localTime: "23:45",
      fatalVictims: 1,
      injuredVictims: 1,
    });
  });

  // Rows are staged and merged through each engine's raw driver (and COPY's text format, where a
  // backslash, tab or line break means something, was tried for staging): each must arrive as it was.
  it("keeps backslashes, tabs and line breaks in keys and places exactly as the file has them", async () => {
    const profile = mappingProfile({
      name: "escapes",
      rows: "per-incident",
      key: "Report",
      kind: "shooting",
      date: { column: "When", format: "M/D/Y" },
      area: "Place",
    });
    const path = write("escapes.csv", [
      "Report,When,Place",
      'A\\N,3/1/2025,"Park\tSt"',
      '"B\\\\t",3/1/2025,"Main\r\nSt \\ 2"',
      "\\.,3/1/2025,\\N",
    ]);
    const { summary } = await importFile(path, profile);
    expect(summary).toMatchObject({ rowsRead: 3, rejected: 0, inserted: 3 });
    const rows = await db().incident.findMany({
      where: { source: "escapes" },
      orderBy: { externalKey: "asc" },
      select: { externalKey: true, areaLabel: true },
    });
    expect(rows).toEqual([
      { externalKey: "A\\N", areaLabel: "Park\tSt" },
      { externalKey: "B\\\\t", areaLabel: "Main\r\nSt \\ 2" },
      { externalKey: "\\.", areaLabel: "\\N" },
    ]);
  });

  it("never changes a voided incident, and counts it apart", async () => {
    const target = await db().incident.update({
      where: { id: (await incident("nypd-shootings", "1007")).id },
      data: { voidedAt: now, voidedBy: "U0ADMIN001", voidReason: "duplicate of a Slack report" },
    });
    const path = write("nypd-void.csv", [
      "INCIDENT_KEY,OCCUR_DATE,OCCUR_TIME,BORO,PRECINCT,STATISTICAL_MURDER_FLAG",
      "1007,12/31/99,0:00:00,STATEN ISLAND,121,TRUE",
    ]);
    const { summary } = await importFile(path, nypdShootings);
    expect(summary).toMatchObject({ inserted: 0, updated: 0, unchanged: 0, skippedVoided: 1 });
    expect(await incident("nypd-shootings", "1007")).toEqual(target);
  });

  it.skipIf(testEngine !== "postgresql")(
    "vacuums and analyses the incidents after an import that changed them, and only then",
    async () => {
      const vacuums = async () => {
        const [row] = await db().$queryRaw<{ vacuums: bigint }[]>`
          SELECT vacuum_count AS vacuums FROM pg_stat_user_tables WHERE relname = 'Incident'`;
        return Number(row?.vacuums);
      };
      const header = "INCIDENT_KEY,OCCUR_DATE,OCCUR_TIME,BORO,PRECINCT,STATISTICAL_MURDER_FLAG";
      const before = await vacuums();
      const same = await importFile(
        write("nypd-same.csv", [header, "1007,12/31/99,0:00:00,STATEN ISLAND,121,TRUE"]),
        nypdShootings,
      );
      // 1007 was voided by the test above: nothing changes.
      expect(same.summary).toMatchObject({ inserted: 0, updated: 0, skippedVoided: 1 });
      expect(await vacuums()).toBe(before);
      const added = await importFile(
        write("nypd-new.csv", [header, "9001,01/02/20,1:00:00,BRONX,52,FALSE"]),
        nypdShootings,
      );
      expect(added.summary).toMatchObject({ inserted: 1, updated: 0 });
      expect(await vacuums()).toBe(before + 1);
    },
  );

  it("stops before importing anything when the file lacks a column, and records the failure", async () => {
    const path = write("no-flag.csv", [
      "INCIDENT_KEY,OCCUR_DATE,OCCUR_TIME,BORO,PRECINCT",
      "4001,1/1/20,1:00:00,BRONX,40",
    ]);
    const error = await importFile(path, nypdShootings).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as Error).message).toBe(
      'The file has no "STATISTICAL_MURDER_FLAG" column (fatal or not). Its columns are: "INCIDENT_KEY", "OCCUR_DATE", "OCCUR_TIME", "BORO", "PRECINCT".',
    );
    expect(await db().incident.count({ where: { externalKey: "4001" } })).toBe(0);
    const failed = await db().importBatch.findFirstOrThrow({ where: { fileName: "no-flag.csv" } });
    expect(failed.status).toBe("failed");
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { targetId: String(failed.id), action: "import.run" },
    });
    expect(audit.outcome).toBe("error");

    const empty = write("empty.csv", [], { finalEol: false });
    await expect(importFile(empty, nypdShootings)).rejects.toThrow(
      "empty.csv is empty: it has no header row.",
    );
    await expect(importFile(join(dir, "missing.csv"), nypdShootings)).rejects.toThrow(
      /^Cannot read .*missing\.csv: there is no such file\.$/,
    );
  });
});
