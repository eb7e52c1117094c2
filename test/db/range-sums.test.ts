import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { Prisma } from "../../src/db/generated/sqlite/client.js";
import { type Measure, type RangeSumsQuery, rangeSums } from "../../src/db/queries/range-sums.js";
import { createTestDatabase, type TestDatabase, testEngine } from "../helpers/database.js";

// rangeSums tests a key after the daily scan without a group, and during it with one: both ways
// must give the same figures, measures without a key value included.
describe(`rangeSums with a key (${testEngine})`, () => {
  let database: TestDatabase;
  let db: Db;
  let seq = 0;
  const incident = (kind: string, localDate: string, fatal: number, areaLabel: string) => ({
    kind,
    localDate,
    occurredAt: new Date(`${localDate}T12:00:00Z`),
    fatalVictims: fatal,
    source: "test",
    externalKey: `k${++seq}`,
    areaLabel,
  });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db.prisma;
    await db.incident.createMany({
      data: [
        incident("shooting", "2024-03-01", 1, "north"),
        incident("shooting", "2024-03-01", 2, "south"),
        incident("shooting", "2024-03-05", 0, "north"),
        incident("stolen_vehicle", "2024-03-01", 0, "north"),
        incident("stolen_vehicle", "2024-03-09", 0, "south"),
        incident("recovered_vehicle", "2024-02-28", 0, "south"), // before every range
      ],
    });
  });
  afterAll(async () => {
    await database?.drop();
  });

  const measures: Measure[] = [
    { name: "shootings", keyIs: "shooting" },
    { name: "fatal", value: Prisma.sql`i."fatalVictims"`, keyIs: "shooting" },
    { name: "stolen", keyIs: "stolen_vehicle" },
    { name: "all" },
    { name: "allFatal", value: Prisma.sql`i."fatalVictims"` },
  ];
  const query: RangeSumsQuery = {
    from: Prisma.sql`"Incident" i`,
    dateColumn: Prisma.sql`i."localDate"`,
    where: Prisma.sql`i."voidedAt" IS NULL`,
    measures,
    ranges: [
      { from: "2024-03-01", to: "2024-03-31" },
      { from: "2024-03-02", to: "2024-03-09" },
      { from: "2024-03-01", to: "2024-03-01" },
    ],
    key: Prisma.sql`i."kind"`,
  };

  it("sums each measure over the rows of its key, and over every row without one", async () => {
    const [total, ...rest] = await rangeSums(db, query);
    expect(rest).toEqual([]);
    expect(total?.sums).toEqual({
      shootings: [3, 1, 2],
      fatal: [3, 0, 3],
      stolen: [2, 1, 1],
      all: [5, 2, 3],
      allFatal: [3, 0, 3],
    });
  });

  it("gives the same figures per group, where the key is tested in the daily scan", async () => {
    const groups = await rangeSums(db, { ...query, groupBy: Prisma.sql`i."areaLabel"` });
    const byName = Object.fromEntries(groups.map((g) => [g.group, g.sums]));
    expect(byName).toEqual({
      north: {
        shootings: [2, 1, 1],
        fatal: [1, 0, 1],
        stolen: [1, 0, 1],
        all: [3, 1, 2],
        allFatal: [1, 0, 1],
      },
      south: {
        shootings: [1, 0, 1],
        fatal: [2, 0, 2],
        stolen: [1, 1, 0],
        all: [2, 1, 1],
        allFatal: [2, 0, 2],
      },
    });
  });

  it("refuses a measure that names a key value when the query has no key", async () => {
    await expect(rangeSums(db, { ...query, key: undefined })).rejects.toThrow(/no key/);
  });
});
