import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase } from "../../src/db/client.js";
import { applyMigrations, MigrationError } from "../../src/db/migrate.js";
import { parseDatabaseUrl } from "../../src/db/url.js";

const acceptedForms =
  "Use file:./data/tf.db, file:/abs/path.db or a path ending in .db or .sqlite for SQLite, " +
  "or postgres://… or postgresql://… for PostgreSQL.";

describe("parseDatabaseUrl", () => {
  it.each([
    ["file:./data/tf.db", resolve("data/tf.db")],
    ["file:/var/lib/tf/tf.db", "/var/lib/tf/tf.db"],
    ["file:///var/lib/tf/tf.db", "/var/lib/tf/tf.db"],
    ["data/tf.sqlite", resolve("data/tf.sqlite")],
    ["/var/lib/tf/tf.db", "/var/lib/tf/tf.db"],
  ])("reads %s as the SQLite file %s", (url, filePath) => {
    expect(parseDatabaseUrl(url)).toEqual({ provider: "sqlite", filePath });
  });

  it.each(["postgres://tf:pw@db.internal:5432/tf", "postgresql://tf@localhost/tf?schema=public"])(
    "passes %s through to PostgreSQL unchanged",
    (url) => {
      expect(parseDatabaseUrl(url)).toEqual({ provider: "postgresql", url });
    },
  );

  it.each([
    ["mysql://tf:hunter2@db/tf", 'DATABASE_URL has the unsupported scheme "mysql:".'],
    ["sqlite:./tf.db", 'DATABASE_URL has the unsupported scheme "sqlite:".'],
    ["./data/tf", "DATABASE_URL is not a database URL."],
    ["", "DATABASE_URL is empty."],
    ["file:", 'DATABASE_URL "file:" names no file.'],
  ])("rejects %j, naming DATABASE_URL and the accepted forms but no credentials", (url, problem) => {
    expect(() => parseDatabaseUrl(url)).toThrow(new Error(`${problem} ${acceptedForms}`));
  });
});

describe("an unsupported DATABASE_URL given to the database functions", () => {
  const problem = `DATABASE_URL has the unsupported scheme "mysql:". ${acceptedForms}`;

  it("makes createDatabase fail before connecting anywhere", async () => {
    await expect(createDatabase("mysql://tf:hunter2@db/tf")).rejects.toThrow(new Error(problem));
  });

  it("makes applyMigrations fail with a MigrationError", async () => {
    const error = await applyMigrations("mysql://tf:hunter2@db/tf").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).message).toBe(`Could not apply migrations to the database: ${problem}`);
  });
});

describe("a SQLite DATABASE_URL whose directory cannot be created", () => {
  const root = mkdtempSync(join(tmpdir(), "tf-url-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  // A regular file where a directory should be stops even root, unlike permissions.
  const blocker = join(root, "not-a-directory");
  writeFileSync(blocker, "");
  const filePath = join(blocker, "data", "tf.db");
  const problem =
    `DATABASE_URL names the SQLite file ${filePath}, but its directory ${join(blocker, "data")} ` +
    "cannot be created (ENOTDIR).";

  it("makes createDatabase fail with the path and the reason", async () => {
    await expect(createDatabase(`file:${filePath}`)).rejects.toThrow(new Error(problem));
  });

  it("makes applyMigrations fail with a MigrationError naming the database", async () => {
    const error = await applyMigrations(`file:${filePath}`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).message).toBe(
      `Could not apply migrations to the SQLite database ${filePath}: ${problem}`,
    );
  });
});

describe("applyMigrations against an unreachable PostgreSQL server", () => {
  it("throws a MigrationError naming the database and the server, without the password", async () => {
    const error = await applyMigrations("postgres://tf:hunter2@127.0.0.1:1/tf").catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).message).toBe(
      'Could not apply migrations to the PostgreSQL database "tf" on 127.0.0.1:1: ' +
        "Can't reach database server at `127.0.0.1:1`\n\n" +
        "Please make sure your database server is running at `127.0.0.1:1`.",
    );
  });
});
