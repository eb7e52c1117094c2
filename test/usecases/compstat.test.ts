import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { seedReferenceData } from "../../src/db/seed/seed.js";
import { firstTaskForceId } from "../../src/domain/taskforce/task-force.js";
import { compstatUseCases } from "../../src/usecases/trends/compstat.js";
import { createTestDatabase, type TestDatabase, testEngine } from "../helpers/database.js";

type Kind = "shooting" | "stolen_vehicle" | "recovered_vehicle";

describe(`CompStat figures in the database (${testEngine})`, () => {
  let database: TestDatabase;
  let db: Db;
  let seq = 0;
  const incident = (
    kind: Kind,
    localDate: string,
    fatal = 0,
    injured = 0,
    extra: { voided?: boolean; area?: number } = {},
  ) => ({
    kind,
    localDate,
    occurredAt: new Date(`${localDate}T12:00:00Z`),
    fatalVictims: fatal,
    injuredVictims: injured,
    source: "test",
    externalKey: `k${++seq}`,
    areaId: extra.area ?? null,
    voidedAt: extra.voided ? new Date("2025-01-01T00:00:00Z") : null,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db.prisma;
    await seedReferenceData(db);
    const downtown = (await db.area.findFirstOrThrow({ where: { code: "downtown" } })).id;
    const southEnd = (await db.area.findFirstOrThrow({ where: { code: "south-end" } })).id;
    await db.incident.createMany({
      data: [
        // 2024 (leap year): the week of Monday 26 Feb to Thursday 29 Feb, and earlier.
        incident("shooting", "2024-02-29", 1, 1, { area: downtown }),
        incident("shooting", "2024-02-26", 0, 2, { area: southEnd }),
        incident("shooting", "2024-02-25", 0, 1, { area: downtown }), // the Sunday before
        incident("shooting", "2024-02-01", 0, 1),
        incident("shooting", "2024-01-15", 1, 0, { voided: true }),
        incident("stolen_vehicle", "2024-02-28"),
        incident("stolen_vehicle", "2024-02-10"),
        incident("recovered_vehicle", "2024-02-27"),
        // 2023: the same dates a year earlier; 29 Feb compares with 28 Feb.
        incident("shooting", "2023-02-28", 0, 1, { area: downtown }),
        incident("shooting", "2023-02-27", 2, 0),
        incident("shooting", "2023-01-02", 0, 1),
        incident("shooting", "2023-03-01", 0, 5), // after the prior window
        incident("stolen_vehicle", "2023-02-05"),
      ],
    });
  });
  afterAll(async () => {
    await database?.drop();
  });

  const figures = (row: {
    wtd: { current: number; prior: number };
    d28: { current: number; prior: number };
    ytd: { current: number; prior: number };
  }) => [row.wtd.current, row.wtd.prior, row.d28.current, row.d28.prior, row.ytd.current, row.ytd.prior];

  it("counts each window and the same dates a year earlier, with 29 February against 28 February", async () => {
    const report = await compstatUseCases({
      db,
      taskForce: { id: firstTaskForceId, timeZone: "America/New_York", weekStart: "monday" },
    }).report({
      asOf: "2024-02-29",
      subject: "all",
    });
    expect(report.windows.wtd.current).toEqual({ from: "2024-02-26", to: "2024-02-29" });
    expect(report.windows.wtd.prior).toEqual({ from: "2023-02-26", to: "2023-02-28" });
    const byKey = Object.fromEntries(report.rows.map((r) => [r.key, figures(r)]));
    //                         WTD now, prior  28d now, prior  YTD now, prior
    // 28 days run 2024-02-02 to 2024-02-29 (and 2023-02-02 to 2023-02-28): 1 February is outside.
    expect(byKey.shootings).toEqual([2, 2, 3, 2, 4, 3]);
    expect(byKey.victims).toEqual([4, 3, 5, 3, 6, 4]);
    expect(byKey.fatal).toEqual([1, 2, 1, 2, 1, 2]);
    expect(byKey.injured).toEqual([3, 1, 4, 1, 5, 2]);
    expect(byKey.stolen).toEqual([1, 0, 2, 1, 2, 1]);
    expect(byKey.recovered).toEqual([1, 0, 1, 0, 1, 0]);
    const shootings = report.rows.find((r) => r.key === "shootings");
    expect(shootings?.ytd).toEqual({ current: 4, prior: 3, delta: 1, percent: (1 * 100) / 3 });
    expect(shootings?.wtd.percent).toBe(0);
    expect(report.rows.find((r) => r.key === "recovered")?.ytd.percent).toBeNull();
  });

  it("starts the week on Sunday when configured", async () => {
    const report = await compstatUseCases({
      db,
      taskForce: { id: firstTaskForceId, timeZone: "America/New_York", weekStart: "sunday" },
    }).report({
      asOf: "2024-02-29",
      subject: "shootings",
    });
    expect(report.windows.wtd.current).toEqual({ from: "2024-02-25", to: "2024-02-29" });
    expect(figures(report.rows[0] as never).slice(0, 2)).toEqual([3, 2]);
    expect(report.rows.map((r) => r.key)).toEqual(["shootings", "victims", "fatal", "injured"]);
  });

  it("gives the 8 weekly figures oldest first, the last week partial", async () => {
    const report = await compstatUseCases({
      db,
      taskForce: { id: firstTaskForceId, timeZone: "America/New_York", weekStart: "monday" },
    }).report({
      asOf: "2024-02-29",
      subject: "shootings",
    });
    expect(report.weeks.map((w) => w.from)).toEqual([
      "2024-01-08",
      "2024-01-15",
      "2024-01-22",
      "2024-01-29",
      "2024-02-05",
      "2024-02-12",
      "2024-02-19",
      "2024-02-26",
    ]);
    expect(report.rows[0]?.weekly).toEqual([0, 0, 0, 1, 0, 0, 1, 2]);
  });

  it("breaks shootings down by area, biggest first, leaving out areas with nothing", async () => {
    const report = await compstatUseCases({
      db,
      taskForce: { id: firstTaskForceId, timeZone: "America/New_York", weekStart: "monday" },
    }).report({
      asOf: "2024-02-29",
      subject: "shootings",
      by: "area",
    });
    expect(
      report.breakdown?.groups.map((g) => [g.name, g.d28.current, g.d28.prior, g.ytd.current, g.ytd.prior]),
    ).toEqual([
      ["Downtown", 2, 1, 2, 1],
      ["(no area)", 0, 1, 1, 2],
      ["South End", 1, 0, 1, 0],
    ]);
  });

  it("sums seizures: firearms, narcotics in grams per drug type, currency and arrests; voided ones count nowhere", async () => {
    const member = await db.member.create({ data: { slackUserId: "U0SEIZER01", teamId: "T0TASKF0RC" } });
    const sntf = await db.unit.findFirstOrThrow({ where: { code: "sntf" } });
    const vctf = await db.unit.findFirstOrThrow({ where: { code: "vctf" } });
    const csp = await db.agency.findUniqueOrThrow({ where: { code: "CSP" } });
    const report = (occurredOn: string, unitId: number, data: Record<string, unknown>, voided = false) =>
      db.seizureReport.create({
        data: {
          occurredOn,
          reporterId: member.id,
          unitId,
          agencyId: csp.id,
          voidedAt: voided ? new Date("2024-03-01T00:00:00Z") : null,
          ...data,
        },
      });
    await report("2024-02-27", sntf.id, {
      firearms: 3,
      stolenFirearms: 1,
      ghostGuns: 1,
      currencyCents: 450_050n,
      arrests: 2,
      narcotics: {
        create: [
          { drugCode: "H", drugName: "fentanyl", quantity: 25, unit: "g", massMg: 25_000n },
          { drugCode: "B", drugName: "cocaine", quantity: 1.5, unit: "oz", massMg: 42_524n },
          { drugCode: "P", drugName: "pills", quantity: 40, unit: "du", dosageUnits: 40 },
        ],
      },
    });
    await report("2024-01-10", vctf.id, {
      firearms: 1,
      narcotics: {
        create: [{ drugCode: "H", drugName: "fentanyl", quantity: 1, unit: "lb", massMg: 453_592n }],
      },
    });
    await report("2024-02-28", sntf.id, { firearms: 50, arrests: 9 }, true);
    await report("2023-02-20", sntf.id, { firearms: 2, currencyCents: 100n });

    const compstat = compstatUseCases({
      db,
      taskForce: { id: firstTaskForceId, timeZone: "America/New_York", weekStart: "monday" },
    });
    const seizures = await compstat.report({ asOf: "2024-02-29", subject: "seizures", by: "unit" });
    const byKey = Object.fromEntries(seizures.rows.map((r) => [r.key, figures(r)]));
    expect(Object.keys(byKey)).toEqual([
      "firearms",
      "stolenFirearms",
      "ghostGuns",
      "narcotic:B",
      "narcotic:H",
      "currency",
      "arrests",
    ]);
    expect(byKey.firearms).toEqual([3, 0, 3, 2, 4, 2]);
    expect(byKey["narcotic:H"]).toEqual([25_000, 0, 25_000, 0, 478_592, 0]);
    expect(byKey["narcotic:B"]).toEqual([42_524, 0, 42_524, 0, 42_524, 0]);
    expect(byKey.currency).toEqual([450_050, 0, 450_050, 100, 450_050, 100]);
    expect(byKey.arrests).toEqual([2, 0, 2, 0, 2, 0]);
    expect(seizures.rows.find((r) => r.key === "narcotic:H")?.label).toBe("Other Narcotics (g)");
    expect(
      seizures.breakdown?.groups.map((g) => [g.name, g.d28.current, g.d28.prior, g.ytd.current, g.ytd.prior]),
    ).toEqual([
      ["Statewide Narcotics Task Force", 3, 2, 3, 2],
      ["Violent Crimes Task Force", 0, 0, 1, 0],
    ]);
  });

  it("shares one computation among concurrent askers for 30 s, and recomputes after a write", async () => {
    let clock = 0;
    const compstat = compstatUseCases({
      db,
      taskForce: { id: firstTaskForceId, timeZone: "America/New_York", weekStart: "monday" },
      now: () => clock,
    });
    const ask = () => compstat.report({ asOf: "2024-02-29", subject: "shootings" });
    const [a, b] = await Promise.all([ask(), ask()]);
    expect(b).toBe(a);
    await db.incident.create({ data: incident("shooting", "2024-02-28", 0, 1) });
    clock = 29_999;
    expect((await ask()).rows[0]?.wtd.current).toBe(2); // still the shared report
    compstat.invalidate();
    expect((await ask()).rows[0]?.wtd.current).toBe(3);
    await db.incident.create({ data: incident("shooting", "2024-02-27", 0, 1) });
    clock = 29_999 + 30_000;
    expect((await ask()).rows[0]?.wtd.current).toBe(4); // expired: recomputed
  });
});
