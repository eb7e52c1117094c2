import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../src/db/client.js";
import { applyMigrations, diffDatabaseToSchema, migrationsDir } from "../../src/db/migrate.js";
import { createEmptyTestDatabase, type EmptyTestDatabase, testEngine } from "../helpers/database.js";

const dir = migrationsDir(testEngine);
const committed = readdirSync(dir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();
const sha256 = (name: string) =>
  createHash("sha256")
    .update(readFileSync(join(dir, name, "migration.sql")))
    .digest("hex");

describe(`migrations on ${testEngine}`, () => {
  let database: EmptyTestDatabase;
  let firstRun: { applied: string[] };

  beforeAll(async () => {
    database = await createEmptyTestDatabase();
    firstRun = await applyMigrations(database.url);
  });
  afterAll(() => database?.drop());

  it("starts from a history whose first migration is init", () => {
    expect(committed[0]).toMatch(/^\d{14}_init$/);
  });

  it("applies exactly the committed migrations, in order, to an empty database", () => {
    expect(firstRun.applied).toEqual(committed);
  });

  it("applies nothing when run again", async () => {
    expect(await applyMigrations(database.url)).toEqual({ applied: [] });
  });

  it("leaves the database exactly as prisma/schema.prisma describes it", async () => {
    expect(await diffDatabaseToSchema(database.url)).toBe("");
  });

  it("records each migration in _prisma_migrations with the sha256 of its migration.sql", async () => {
    const db = await createDatabase(database.url);
    try {
      const rows = await db.prisma.$queryRawUnsafe<
        { migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown }[]
      >(
        "SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name",
      );
      expect(
        rows.map((row) => ({
          name: row.migration_name,
          checksum: row.checksum,
          finished: row.finished_at instanceof Date,
          rolledBack: row.rolled_back_at,
        })),
      ).toEqual(
        committed.map((name) => ({ name, checksum: sha256(name), finished: true, rolledBack: null })),
      );
    } finally {
      await db.close();
    }
  });

  it("releases its connections, so the app's client can write as soon as it returns", async () => {
    await applyMigrations(database.url);
    const db = await createDatabase(database.url);
    try {
      const agency = await db.prisma.agency.create({ data: { code: "HPD", name: "Hartford Police" } });
      expect(await db.prisma.agency.findMany({ select: { code: true, name: true } })).toEqual([
        { code: "HPD", name: "Hartford Police" },
      ]);
      await db.prisma.agency.delete({ where: { id: agency.id } });
    } finally {
      await db.close();
    }
  });
});
