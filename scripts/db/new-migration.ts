// `npm run db:migration -- <name>`: drafts the next migration for SQLite and PostgreSQL, offline, each
// on scratch databases so no developer database is touched, and writes both only when both succeed.
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import {
  draftMigration,
  type MigrationDraft,
  migrationLockfile,
  migrationsDir,
} from "../../src/db/migrate.js";
import type { Provider } from "../../src/db/url.js";

const serverUrl = process.env.TF_MIGRATION_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

async function draftOnSqlite(name: string): Promise<MigrationDraft | null> {
  const dir = mkdtempSync(join(tmpdir(), "tf-migration-"));
  try {
    return await draftMigration({ url: `file:${join(dir, "draft.db")}`, name });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function draftOnPostgres(name: string): Promise<MigrationDraft | null> {
  const base = `tf_migration_${randomBytes(6).toString("hex")}`;
  const [main, shadow] = [base, `${base}_shadow`];
  const urlOf = (database: string) => {
    const url = new URL(serverUrl);
    url.pathname = `/${database}`;
    return url.toString();
  };
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect().catch((error: Error) => {
    const server = new URL(serverUrl).host;
    throw new Error(
      `Cannot reach the PostgreSQL server at ${server} (TF_MIGRATION_POSTGRES_URL): ${error.message}`,
    );
  });
  try {
    await admin.query(`CREATE DATABASE "${main}"`);
    await admin.query(`CREATE DATABASE "${shadow}"`);
    // draftMigration has closed its pools by the time it settles, so the drops below do not race them.
    return await draftMigration({ url: urlOf(main), shadowUrl: urlOf(shadow), name });
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${main}" WITH (FORCE)`);
    await admin.query(`DROP DATABASE IF EXISTS "${shadow}" WITH (FORCE)`);
    await admin.end();
  }
}

function write(provider: Provider, directoryName: string, sql: string): string {
  const base = migrationsDir(provider);
  const directory = join(base, directoryName);
  mkdirSync(base, { recursive: true });
  // Not recursive, so an existing migration folder is an error rather than overwritten.
  mkdirSync(directory);
  writeFileSync(join(directory, "migration.sql"), sql);
  writeFileSync(join(base, "migration_lock.toml"), migrationLockfile(provider));
  return join(directory, "migration.sql");
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (name === undefined || !/^[a-z0-9_]+$/.test(name)) {
    throw new Error("usage: npm run db:migration -- <name>   (name: lower case letters, digits and _)");
  }
  // The PostgreSQL schema must be derived from the source before either migration is drafted from it.
  // derive-schema.mjs has no type declarations, and a computed specifier keeps tsc from asking for them.
  const derive: { writePostgresSchema(): string } = await import(
    new URL("./derive-schema.mjs", import.meta.url).href
  );
  derive.writePostgresSchema();
  const sqlite = await draftOnSqlite(name);
  const postgresql = await draftOnPostgres(name);
  if (sqlite === null && postgresql === null) {
    console.log("The migrations already match prisma/schema.prisma: nothing written.");
    return;
  }
  if (sqlite === null || postgresql === null) {
    const behind = sqlite === null ? "PostgreSQL" : "SQLite";
    throw new Error(`Only the ${behind} migrations match the schema: the two histories are out of step.`);
  }
  // One folder name for both, so the two histories stay pairwise comparable.
  console.log(`wrote ${write("sqlite", sqlite.name, sqlite.sql)}`);
  console.log(`wrote ${write("postgresql", sqlite.name, postgresql.sql)}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
