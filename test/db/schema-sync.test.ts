import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { migrationsDir, projectRoot } from "../../src/db/migrate.js";

// derive-schema.mjs has no type declarations, and a computed specifier keeps tsc from asking for them.
const { derivePostgresSchema }: { derivePostgresSchema(source: string): string } = await import(
  new URL("../../scripts/db/derive-schema.mjs", import.meta.url).href
);

const read = (...path: string[]) => readFileSync(join(projectRoot(), ...path), "utf8");

describe("the PostgreSQL schema", () => {
  it("is exactly what derive-schema.mjs makes of prisma/schema.prisma (run `npm run db:generate`)", () => {
    expect(read("prisma", "postgresql", "schema.prisma")).toBe(
      derivePostgresSchema(read("prisma", "schema.prisma")),
    );
  });

  it("has a migration history with the same folder names as SQLite's", () => {
    const names = (dir: string) =>
      readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort();
    expect(names(migrationsDir("postgresql"))).toEqual(names(migrationsDir("sqlite")));
  });
});
