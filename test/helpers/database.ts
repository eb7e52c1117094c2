// Every test that touches the database gets its own, so test files can run in parallel on either engine.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createDatabase, type Database } from "../../src/db/client.js";
import { applyMigrations } from "../../src/db/migrate.js";
import type { Provider } from "../../src/db/url.js";

function engineFromEnv(value: string | undefined): Provider {
  if (value === undefined || value === "" || value === "sqlite") return "sqlite";
  if (value === "postgresql") return "postgresql";
  throw new Error(`TEST_DATABASE must be "sqlite" or "postgresql", not "${value}"`);
}

/** The engine under test, from TEST_DATABASE; tests put it in their names. */
export const testEngine: Provider = engineFromEnv(process.env.TEST_DATABASE);

const postgresServerUrl = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface EmptyTestDatabase {
  url: string;
  provider: Provider;
  drop(): Promise<void>;
}

export interface TestDatabase extends EmptyTestDatabase {
  db: Database;
}

/** A database with nothing in it, not even the migrations table: for tests of migration itself. */
export async function createEmptyTestDatabase(): Promise<EmptyTestDatabase> {
  if (testEngine === "sqlite") {
    const dir = await mkdtemp(join(tmpdir(), "tf-test-"));
    // The directory goes too: WAL mode leaves -wal and -shm files beside the database.
    return {
      url: `file:${join(dir, "test.db")}`,
      provider: "sqlite",
      drop: () => rm(dir, { recursive: true, force: true }),
    };
  }
  return { ...(await createPostgresDatabase(postgresServerUrl, "tf_test")), provider: "postgresql" };
}

/** A fresh PostgreSQL database on the server at `serverUrl` (the benchmark's too); drop() removes it. */
export async function createPostgresDatabase(
  serverUrl: string,
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const onServer = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await onServer(`CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  // FORCE, because a failed test may leave a client connected.
  return { url: url.toString(), drop: () => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** A fresh database with every committed migration applied, and the app's client open on it. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const empty = await createEmptyTestDatabase();
  try {
    await applyMigrations(empty.url);
    const db = await createDatabase(empty.url);
    return {
      ...empty,
      db,
      drop: async () => {
        await db.close();
        await empty.drop();
      },
    };
  } catch (error) {
    await empty.drop();
    throw error;
  }
}
