// The 28-day hot spots by precinct on the real NYPD export in ../shared/data, when present, against
// a ranking this test counts from the file text itself, by plain string splitting.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstTaskForceId } from "../../src/domain/taskforce/task-force.js";
import { nypdShootings } from "../../src/usecases/import/profiles/nypd-shootings.js";
import { runImport } from "../../src/usecases/import/run-import.js";
import { hotspotUseCases } from "../../src/usecases/trends/hotspots.js";
import { createTestDatabase, type TestDatabase, testEngine } from "../helpers/database.js";
import { projectRoot } from "../helpers/process.js";

const nypdFile = join(resolve(projectRoot, "../shared/data"), "nypd_shooting_incidents_2006_2020.csv");
const present = existsSync(nypdFile);
if (!present) console.log(`SKIPPED: the real-data hot-spot test needs ${nypdFile}.`);

/**
 * Incidents per precinct in each window, from the text: victims grouped by INCIDENT_KEY (the
 * file's victims of one incident share its date and place), dated by OCCUR_DATE (M/D/YY),
 * placed by BORO and PRECINCT. The file has no quoted fields, so splitting on commas is exact.
 */
function countFromText(windows: { current: [string, string]; prior: [string, string] }) {
  const text = readFileSync(nypdFile, "utf8").replace(/^\uFEFF/, "");
  expect(text).not.toContain('"');
  const [header = "", ...lines] = text.split(/\r?\n/).filter((line) => line !== "");
  const column = (name: string) => header.split(",").indexOf(name);
  const [key, date, boro, precinct] = ["INCIDENT_KEY", "OCCUR_DATE", "BORO", "PRECINCT"].map(column);
  const incidents = new Map<string, { date: string; place: string }>();
  for (const line of lines) {
    const fields = line.split(",");
    const [m = "", d = "", y = ""] = (fields[date as number] ?? "").split("/");
    incidents.set(fields[key as number] ?? "", {
      date: `${y.length === 4 ? y : `20${y}`}-${m.padStart(2, "0")}-${d.padStart(2, "0")}`,
      place: `${fields[boro as number]} / precinct ${fields[precinct as number]}`,
    });
  }
  const counts = new Map<string, { current: number; prior: number }>();
  const within = (day: string, [from, to]: [string, string]) => day >= from && day <= to;
  for (const { date: day, place } of incidents.values()) {
    const entry = counts.get(place) ?? { current: 0, prior: 0 };
    if (within(day, windows.current)) entry.current++;
    else if (within(day, windows.prior)) entry.prior++;
    else continue;
    counts.set(place, entry);
  }
  // Most shootings first; ties by name, numbers in names as numbers (precinct 9 before precinct 10).
  return [...counts]
    .map(([name, c]) => ({ name, ...c }))
    .sort((a, b) => b.current - a.current || a.name.localeCompare(b.name, "en", { numeric: true }));
}

describe.skipIf(!present)(`hot spots on the real NYPD export (${testEngine})`, () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
    const summary = await runImport({
      filePath: nypdFile,
      profile: nypdShootings,
      databaseUrl: database.url,
      taskForceId: 1,
      timeZone: "America/New_York",
      now: new Date("2026-11-26T15:00:00Z"),
    });
    expect(summary).toMatchObject({ rejected: 0, incidents: 18_564 });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("ranks the precincts by shootings in the 28 days to 2020-12-31 exactly as the file counts them", async () => {
    const expected = countFromText({
      current: ["2020-12-04", "2020-12-31"],
      prior: ["2020-11-06", "2020-12-03"],
    });
    const report = await hotspotUseCases({
      db: database.db.prisma,
      taskForce: { id: firstTaskForceId, timeZone: "America/New_York", weekStart: "monday" },
    }).hotspots({
      asOf: "2020-12-31",
    });
    expect(report.windows).toEqual({
      current: { from: "2020-12-04", to: "2020-12-31" },
      prior: { from: "2020-11-06", to: "2020-12-03" },
    });
    const top10 = expected.slice(0, 10);
    // The 10th and the 11th differ, so the cut itself is not a tie broken by name.
    expect((expected[9]?.current ?? 0) > (expected[10]?.current ?? 0)).toBe(true);
    expect(report.areas.map((a) => [a.rank, a.name, a.shootings.current, a.shootings.prior])).toEqual(
      top10.map((e, i) => [i + 1, e.name, e.current, e.prior]),
    );
    expect(report.moreAreas).toBe(expected.length - 10);
    const sum = (pick: (e: (typeof expected)[number]) => number) => expected.reduce((n, e) => n + pick(e), 0);
    expect([report.total.current, report.total.prior]).toEqual([sum((e) => e.current), sum((e) => e.prior)]);
    // No precinct has a population set: every rate is n/a.
    expect(report.areas.every((a) => a.ratePer10k === null)).toBe(true);
    // What the file said on the day this test was written, so a change in both counts shows too.
    expect(top10[0]).toEqual({ name: "BROOKLYN / precinct 75", current: 8, prior: 7 });
  });
});
