// The real exports in ../shared/data, when present: figures the importer gives are checked against
// figures this test computes itself from the file text, by plain string splitting.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstTaskForceId } from "../../src/domain/taskforce/task-force.js";
import { gva } from "../../src/usecases/import/profiles/gva.js";
import { nypdShootings } from "../../src/usecases/import/profiles/nypd-shootings.js";
import { runImport } from "../../src/usecases/import/run-import.js";
import { compstatUseCases } from "../../src/usecases/trends/compstat.js";
import { createTestDatabase, type TestDatabase, testEngine } from "../helpers/database.js";
import { projectRoot } from "../helpers/process.js";

const dataDir = resolve(projectRoot, "../shared/data");
const nypdFile = join(dataDir, "nypd_shooting_incidents_2006_2020.csv");
const gvaFile = join(dataDir, "gva_incidents_charlottesville_va.csv");
const present = existsSync(nypdFile) && existsSync(gvaFile);
if (!present) console.log(`SKIPPED: the real-data import tests need ${nypdFile} and ${gvaFile}.`);

const now = new Date("2026-11-26T15:00:00Z");

/** The data lines of a file without quoted fields: no header, no empty lines. */
function dataLines(path: string): string[] {
  const text = readFileSync(path, "utf8").replace(/^\uFEFF/, "");
  const [, ...lines] = text.split(/\r?\n/);
  return lines.filter((line) => line !== "");
}

describe.skipIf(!present)(`real exports (${testEngine})`, () => {
  let database: TestDatabase;
  const db = () => database.db.prisma;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  const importFile = (filePath: string, profile: typeof gva) =>
    runImport({
      filePath,
      profile,
      databaseUrl: database.url,
      taskForceId: 1,
      timeZone: "America/New_York",
      now,
    });

  const incidentsIn = async (year: number) => {
    const rows = await db().$queryRawUnsafe<{ count: unknown; fatal: unknown; injured: unknown }[]>(
      `SELECT count(*) AS "count", sum("fatalVictims") AS "fatal", sum("injuredVictims") AS "injured"
       FROM "Incident" WHERE "source" = 'nypd-shootings' AND "localDate" BETWEEN '${year}-01-01' AND '${year}-12-31'`,
    );
    const [row] = rows;
    return { count: Number(row?.count), fatal: Number(row?.fatal), injured: Number(row?.injured) };
  };

  it("imports NYPD's shooting incidents exactly: rows, incidents, and the victims of 2020", async () => {
    // Independent figures, by splitting the text. The file has no quoted fields, so splitting is exact.
    const text = readFileSync(nypdFile, "utf8");
    expect(text).not.toContain('"');
    const lines = dataLines(nypdFile);
    const columns = (line: string) => line.split(",");
    const keys = new Set(lines.map((line) => columns(line)[0]));
    const of2020 = lines.filter((line) => (columns(line)[1] ?? "").endsWith("/20"));
    const fatal2020 = of2020.filter((line) => columns(line)[7] === "TRUE").length;
    // The file: 23,585 victim rows (the data README's 23,584 is one short: the last line has no line
    // break, so `wc -l` counts 23,585 lines with the header), 18,564 incidents.
    expect(lines.length).toBe(23_585);
    expect(keys.size).toBe(18_564);

    const summary = await importFile(nypdFile, nypdShootings);
    expect(summary).toMatchObject({
      rowsRead: 23_585,
      rejected: 0,
      incidents: 18_564,
      inserted: 18_564,
      updated: 0,
      unchanged: 0,
    });
    expect(await incidentsIn(2020)).toEqual({
      count: 1_531,
      fatal: fatal2020,
      injured: of2020.length - fatal2020,
    });
    expect(of2020.length).toBe(1_948);
    expect(fatal2020).toBe(366);
    expect((await incidentsIn(2019)).count).toBe(777);
  });

  it("changes nothing on a second import of the NYPD file", async () => {
    const summary = await importFile(nypdFile, nypdShootings);
    const keys = new Set(dataLines(nypdFile).map((line) => line.split(",")[0]));
    expect(summary).toMatchObject({ rowsRead: 23_585, inserted: 0, updated: 0, unchanged: keys.size });
    expect(summary.unchanged).toBe(18_564);
    expect(await db().incident.count({ where: { source: "nypd-shootings" } })).toBe(18_564);
  });

  it("gives CompStat figures as of 2020-12-31 equal to those counted from the file itself", async () => {
    // Independent: each victim row's key, ISO date and fatal flag, straight from the text.
    const rows = dataLines(nypdFile).map((line) => {
      const [key = "", date = "", , , , , , murder] = line.split(",");
      const [m = "", d = "", y = ""] = date.split("/");
      return {
        key,
        date: `20${y.padStart(2, "0")}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`,
        fatal: murder === "TRUE",
      };
    });
    const count = (from: string, to: string) => {
      const inRange = rows.filter((r) => r.date >= from && r.date <= to);
      const fatal = inRange.filter((r) => r.fatal).length;
      return { incidents: new Set(inRange.map((r) => r.key)).size, victims: inRange.length, fatal };
    };
    const expected = {
      wtd: [count("2020-12-28", "2020-12-31"), count("2019-12-28", "2019-12-31")],
      d28: [count("2020-12-04", "2020-12-31"), count("2019-12-04", "2019-12-31")],
      ytd: [count("2020-01-01", "2020-12-31"), count("2019-01-01", "2019-12-31")],
    };
    expect(expected.ytd.map((c) => c.incidents)).toEqual([1_531, 777]);

    const report = await compstatUseCases({
      db: db(),
      taskForce: { id: firstTaskForceId, timeZone: "America/New_York", weekStart: "monday" },
    }).report({
      asOf: "2020-12-31",
      subject: "shootings",
    });
    expect(report.windows.wtd.current).toEqual({ from: "2020-12-28", to: "2020-12-31" });
    const row = (key: string) => report.rows.find((r) => r.key === key);
    for (const window of ["wtd", "d28", "ytd"] as const) {
      const [now, prior] = expected[window];
      expect([row("shootings")?.[window].current, row("shootings")?.[window].prior], window).toEqual([
        now?.incidents,
        prior?.incidents,
      ]);
      expect([row("victims")?.[window].current, row("victims")?.[window].prior], window).toEqual([
        now?.victims,
        prior?.victims,
      ]);
      expect([row("fatal")?.[window].current, row("fatal")?.[window].prior], window).toEqual([
        now?.fatal,
        prior?.fatal,
      ]);
    }
    expect(row("shootings")?.ytd).toEqual({
      current: 1_531,
      prior: 777,
      delta: 754,
      percent: (754 * 100) / 777,
    });
  });

  it("imports the GVA export's 213 incidents", async () => {
    const lines = dataLines(gvaFile);
    // incident_id comes first; the victim counts are 6th and 5th from the end (after them only numbers
    // and "N/A"), so the quoted "October 19, 2024" never shifts them.
    const ids = new Set(lines.map((line) => line.split(",")[0]));
    const fromEnd = (line: string, n: number) => Number(line.split(",").at(-n));
    const killed = lines.reduce((sum, line) => sum + fromEnd(line, 6), 0);
    const injured = lines.reduce((sum, line) => sum + fromEnd(line, 5), 0);
    expect(ids.size).toBe(213);

    const summary = await importFile(gvaFile, gva);
    expect(summary).toMatchObject({ rowsRead: 213, rejected: 0, incidents: 213, inserted: 213 });
    const totals = await db().incident.aggregate({
      where: { source: "gva" },
      _count: true,
      _sum: { fatalVictims: true, injuredVictims: true },
    });
    expect(totals).toEqual({ _count: 213, _sum: { fatalVictims: killed, injuredVictims: injured } });
    expect(await db().incident.count({ where: { source: "gva", localTime: { not: null } } })).toBe(0);
  });
});
