import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { seedReferenceData } from "../../src/db/seed/seed.js";
import { firstTaskForceId } from "../../src/domain/taskforce/task-force.js";
import { hotspotsTable } from "../../src/slack/render/hotspots.js";
import { hotspotUseCases } from "../../src/usecases/trends/hotspots.js";
import { createTestDatabase, type TestDatabase, testEngine } from "../helpers/database.js";

type Kind = "shooting" | "stolen_vehicle" | "recovered_vehicle";

// As of Monday 2025-03-10: the last 28 days are 2025-02-11..2025-03-10, the 28 before 2025-01-14..2025-02-10.
const asOf = "2025-03-10";

describe(`hot spots in the database (${testEngine})`, () => {
  let database: TestDatabase;
  let db: Db;
  let seq = 0;
  const incident = (
    localDate: string,
    place: { area?: number; label?: string },
    extra: { kind?: Kind; voided?: boolean; occurredAt?: string } = {},
  ) => ({
    kind: extra.kind ?? "shooting",
    localDate,
    occurredAt: new Date(extra.occurredAt ?? `${localDate}T17:00:00Z`),
    injuredVictims: 1,
    source: "test",
    externalKey: `h${++seq}`,
    areaId: place.area ?? null,
    areaLabel: place.label ?? null,
    voidedAt: extra.voided ? new Date("2025-03-01T00:00:00Z") : null,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db.prisma;
    await seedReferenceData(db);
    const area = async (code: string, population: number) =>
      (await db.area.update({ where: { taskForceId_code: { taskForceId: 1, code } }, data: { population } }))
        .id;
    const frogHollow = await area("frog-hollow", 21_000);
    const southEnd = await area("south-end", 0);
    const downtown = await area("downtown", 8_000);
    const asylumHill = await area("asylum-hill", 12_000);
    const precinct52 = { label: "BRONX / precinct 52" };
    const precinct9 = { label: "BRONX / precinct 9" };
    await db.incident.createMany({
      data: [
        // Frog Hollow: 3 now (both ends of the window), 1 before; a voided shooting and a stolen car count nowhere.
        incident("2025-03-10", { area: frogHollow }),
        incident("2025-02-11", { area: frogHollow }),
        incident("2025-02-20", { area: frogHollow }),
        incident("2025-03-01", { area: frogHollow }, { voided: true }),
        incident("2025-03-02", { area: frogHollow }, { kind: "stolen_vehicle" }),
        // 22:30 on 10 February in New York is already 11 February in UTC: the local date decides.
        incident("2025-02-10", { area: frogHollow }, { occurredAt: "2025-02-11T03:30:00Z" }),
        // South End: 3 now, none before (%Δ n/a); its population is unknown (rate n/a).
        incident("2025-03-09", { area: southEnd }),
        incident("2025-03-08", { area: southEnd }),
        incident("2025-02-28", { area: southEnd }),
        // Imported places: 2 now each; precinct 9 reads before precinct 52.
        incident("2025-03-05", precinct52),
        incident("2025-02-15", precinct52),
        incident("2025-02-01", precinct52),
        incident("2025-01-20", precinct52),
        incident("2025-03-03", precinct9),
        incident("2025-03-04", precinct9),
        // Downtown: 1 now, 4 before.
        incident("2025-02-12", { area: downtown }),
        incident("2025-02-10", { area: downtown }),
        incident("2025-02-09", { area: downtown }),
        incident("2025-01-15", { area: downtown }),
        incident("2025-01-14", { area: downtown }),
        // Asylum Hill: none now, 2 before; the day before the prior window and the day after as-of are outside.
        incident("2025-01-30", { area: asylumHill }),
        incident("2025-01-31", { area: asylumHill }),
        incident("2025-01-13", { area: asylumHill }),
        incident("2025-03-11", { area: asylumHill }),
        // No area and no place name: in the total, in no area.
        incident("2025-02-25", {}),
      ],
    });
  });
  afterAll(async () => {
    await database?.drop();
  });

  const ranking = (report: Awaited<ReturnType<ReturnType<typeof hotspotUseCases>["hotspots"]>>) =>
    report.areas.map((a) => [
      a.rank,
      a.name,
      a.shootings.current,
      a.shootings.prior,
      a.shootings.delta,
      a.shootings.percent,
      a.population,
      a.ratePer10k,
    ]);

  it("ranks the areas by shootings in the last 28 days, ties by name, with the change and the rate per 10,000", async () => {
    const report = await hotspotUseCases({
      db,
      taskForce: { id: firstTaskForceId, timeZone: "America/New_York", weekStart: "monday" },
    }).hotspots({ asOf });
    expect(report.windows).toEqual({
      current: { from: "2025-02-11", to: "2025-03-10" },
      prior: { from: "2025-01-14", to: "2025-02-10" },
    });
    expect(ranking(report)).toEqual([
      //  rank, area, now, before, Δ, %Δ, population, per 10k (3 × 10,000 / 21,000 = 1.428… → 1.43)
      [1, "Frog Hollow", 3, 1, 2, 200, 21_000, 1.43],
      [2, "South End", 3, 0, 3, null, 0, null],
      [3, "BRONX / precinct 9", 2, 0, 2, null, 0, null],
      [4, "BRONX / precinct 52", 2, 2, 0, 0, 0, null],
      [5, "Downtown", 1, 4, -3, -75, 8_000, 1.25],
      [6, "Asylum Hill", 0, 2, -2, -100, 12_000, 0],
    ]);
    expect(report.areas.map((a) => a.areaId === null)).toEqual([false, false, true, true, false, false]);
    expect(report.moreAreas).toBe(0);
    // 3 + 3 + 2 + 2 + 1 + 0 + 1 with no area; 1 + 0 + 0 + 2 + 4 + 2.
    expect(report.total).toEqual({ current: 12, prior: 9, delta: 3, percent: (3 * 100) / 9 });
    expect(report.unplaced).toEqual({ current: 1, prior: 0, delta: 1, percent: null });
    expect(hotspotsTable(report)).toBe(
      [
        "Area                    28d  Prior   Δ     %Δ  Per 10k",
        "1. Frog Hollow            3      1  +2  +200%     1.43",
        "2. South End              3      0  +3    n/a      n/a",
        "3. BRONX / precinct 9     2      0  +2    n/a      n/a",
        "4. BRONX / precinct 52    2      2   0     0%      n/a",
        "5. Downtown               1      4  -3   -75%     1.25",
        "6. Asylum Hill            0      2  -2  -100%     0.00",
      ].join("\n"),
    );
  });

  it("shows the top areas asked for and counts the rest", async () => {
    const report = await hotspotUseCases({
      db,
      taskForce: { id: firstTaskForceId, timeZone: "America/New_York", weekStart: "monday" },
    }).hotspots({ asOf, top: 3 });
    expect(report.areas.map((a) => a.name)).toEqual(["Frog Hollow", "South End", "BRONX / precinct 9"]);
    expect(report.moreAreas).toBe(3);
    expect(report.total.current).toBe(12);
    expect(() =>
      hotspotUseCases({
        db,
        taskForce: { id: firstTaskForceId, timeZone: "UTC", weekStart: "monday" },
      }).hotspots({ asOf, top: 26 }),
    ).toThrow(RangeError);
  });

  it("is empty, with zero totals, where there were no shootings", async () => {
    const report = await hotspotUseCases({
      db,
      taskForce: { id: firstTaskForceId, timeZone: "America/New_York", weekStart: "monday" },
    }).hotspots({
      asOf: "2020-06-30",
    });
    expect(report.areas).toEqual([]);
    expect(report.total).toEqual({ current: 0, prior: 0, delta: 0, percent: null });
  });

  it("serves a computed ranking for 30 s, and recomputes at once after invalidate()", async () => {
    let clock = 0;
    const hotspots = hotspotUseCases({
      db,
      taskForce: { id: firstTaskForceId, timeZone: "America/New_York", weekStart: "monday" },
      now: () => clock,
    });
    const first = await hotspots.hotspots({ asOf, top: 1 });
    const added = await db.incident.create({ data: incident("2025-03-10", { label: "BRONX / precinct 9" }) });
    const again = await hotspots.hotspots({ asOf, top: 1 });
    expect(again).toBe(first);
    hotspots.invalidate();
    const fresh = await hotspots.hotspots({ asOf, top: 1 });
    expect(fresh.total.current).toBe(13);
    clock = 30_000;
    await db.incident.update({ where: { id: added.id }, data: { voidedAt: new Date() } });
    expect((await hotspots.hotspots({ asOf, top: 1 })).total.current).toBe(12);
  });
});
