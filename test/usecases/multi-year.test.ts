import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { yearToDateRanges } from "../../src/domain/compstat/multi-year.js";
import { firstTaskForceId } from "../../src/domain/taskforce/task-force.js";
import { multiYearTable } from "../../src/slack/render/multi-year.js";
import { multiYearUseCases } from "../../src/usecases/trends/multi-year.js";
import { createTestDatabase, type TestDatabase, testEngine } from "../helpers/database.js";

type Kind = "shooting" | "stolen_vehicle" | "recovered_vehicle";

describe("yearToDateRanges", () => {
  it("runs from 1 January to the same date in each earlier year, 29 February against 28 February", () => {
    expect(yearToDateRanges("2024-02-29")).toEqual([
      { year: 2024, from: "2024-01-01", to: "2024-02-29" },
      { year: 2023, from: "2023-01-01", to: "2023-02-28" },
      { year: 2022, from: "2022-01-01", to: "2022-02-28" },
      { year: 2021, from: "2021-01-01", to: "2021-02-28" },
    ]);
    expect(yearToDateRanges("2025-12-31", 1)).toEqual([
      { year: 2025, from: "2025-01-01", to: "2025-12-31" },
      { year: 2024, from: "2024-01-01", to: "2024-12-31" },
    ]);
    expect(() => yearToDateRanges("2025-02-30")).toThrow(RangeError);
    expect(() => yearToDateRanges("2025-01-01", 0)).toThrow(RangeError);
  });
});

describe(`multi-year year to date in the database (${testEngine})`, () => {
  let database: TestDatabase;
  let db: Db;
  let seq = 0;
  const incident = (kind: Kind, localDate: string, fatal = 0, injured = 0, voided = false) => ({
    kind,
    localDate,
    occurredAt: new Date(`${localDate}T12:00:00Z`),
    fatalVictims: fatal,
    injuredVictims: injured,
    source: "test",
    externalKey: `m${++seq}`,
    voidedAt: voided ? new Date("2024-03-01T00:00:00Z") : null,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db.prisma;
    await db.incident.createMany({
      data: [
        // 2024 to 29 February: 2 shootings (1 fatal, 3 injured), 1 stolen; a voided one counts nowhere.
        incident("shooting", "2024-02-29", 1, 1),
        incident("shooting", "2024-01-01", 0, 2),
        incident("shooting", "2024-02-10", 2, 0, true),
        incident("stolen_vehicle", "2024-02-14"),
        incident("shooting", "2024-03-01", 0, 1), // after the as-of date
        // 2023 to 28 February: 1 shooting (1 injured).
        incident("shooting", "2023-02-28", 0, 1),
        incident("shooting", "2023-03-01", 0, 4),
        incident("shooting", "2022-12-31", 1, 0),
        // 2022 to 28 February: 3 shootings (3 fatal), 1 recovered.
        incident("shooting", "2022-01-01", 1, 0),
        incident("shooting", "2022-02-01", 1, 0),
        incident("shooting", "2022-02-28", 1, 0),
        incident("recovered_vehicle", "2022-02-03"),
        // 2021 to 28 February: no shootings, 2 stolen.
        incident("stolen_vehicle", "2021-01-05"),
        incident("stolen_vehicle", "2021-02-28"),
        incident("shooting", "2021-03-01", 0, 1),
        incident("shooting", "2020-02-29", 0, 1), // four years back: not a column
      ],
    });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("gives this year's YTD against each of the three years before, with Δ and %Δ (n/a when the prior is 0)", async () => {
    const report = await multiYearUseCases({
      db,
      taskForce: { id: firstTaskForceId, timeZone: "America/New_York", weekStart: "monday" },
    }).multiYear({
      asOf: "2024-02-29",
    });
    expect(report.years.map((y) => y.to)).toEqual(["2024-02-29", "2023-02-28", "2022-02-28", "2021-02-28"]);
    expect(Object.fromEntries(report.rows.map((r) => [r.key, r.figures]))).toEqual({
      shootings: [2, 1, 3, 0],
      victims: [4, 1, 3, 0],
      fatal: [1, 0, 3, 0],
      injured: [3, 1, 0, 0],
      stolen: [1, 0, 0, 2],
      recovered: [0, 0, 1, 0],
    });
    const shootings = report.rows.find((r) => r.key === "shootings");
    expect(shootings?.changes).toEqual([
      { current: 2, prior: 1, delta: 1, percent: 100 },
      { current: 2, prior: 3, delta: -1, percent: -100 / 3 },
      { current: 2, prior: 0, delta: 2, percent: null },
    ]);
    expect(multiYearTable(report)).toBe(
      [
        "                    2024  2023     %Δ  2022     %Δ  2021    %Δ",
        "Shooting incidents     2     1  +100%     3   -33%     0   n/a",
        "Shooting victims       4     1  +300%     3   +33%     0   n/a",
        "  fatal                1     0    n/a     3   -67%     0   n/a",
        "  non-fatal            3     1  +200%     0    n/a     0   n/a",
        "Stolen vehicles        1     0    n/a     0    n/a     2  -50%",
        "Recovered vehicles     0     0    n/a     1  -100%     0   n/a",
      ].join("\n"),
    );
  });
});
