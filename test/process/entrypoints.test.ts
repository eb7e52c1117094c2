import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createEmptyTestDatabase, type EmptyTestDatabase, testEngine } from "../helpers/database.js";
import { projectRoot, spawnEntry } from "../helpers/process.js";

/** The migrations in the repository, in the order they apply. */
const committedMigrations = readdirSync(join(projectRoot, "prisma", "migrations"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const dirs: string[] = [];
const databases: EmptyTestDatabase[] = [];
afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  for (const database of databases) await database.drop();
});

async function freshDatabaseUrl(): Promise<string> {
  const database = await createEmptyTestDatabase();
  databases.push(database);
  return database.url;
}

describe(`npm start with no Slack credentials (${testEngine})`, () => {
  it("starts local mode on a fresh database, serves /healthz, answers a command, and stops cleanly on SIGTERM", async () => {
    const bot = spawnEntry(["src/main.ts"], {
      DATABASE_URL: await freshDatabaseUrl(),
      PORT: "0",
      LOG_LEVEL: "info",
    });
    const [, port] = await bot.waitFor(/Bot HTTP endpoint: http:\/\/127\.0\.0\.1:(\d+)\/slack\/events/);
    expect(bot.output()).toContain("LOCAL MODE");
    expect(bot.output()).toContain(`"migrationsApplied":${committedMigrations.length}`);
    expect(bot.output()).toMatch(/"referenceRowsSeeded":32/);

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    // The browser console, at the address it prints.
    const [, consoleUrl] = await bot.waitFor(
      /Open the console in a browser[^\n]*\n\s+(http:\/\/127\.0\.0\.1:\d+\/)/,
    );
    expect(consoleUrl).toBe(`http://127.0.0.1:${port}/`);
    expect(await (await fetch(consoleUrl as string)).text()).toContain(
      "<title>Task Force Bot — local console</title>",
    );

    bot.child.kill("SIGTERM");
    expect(await bot.exited).toEqual({ code: 0, signal: null });
    expect(bot.output()).toContain('"msg":"stopped cleanly"');
  });
});

describe(`tf CLI (${testEngine})`, () => {
  it("tf migrate applies the migrations once, then reports the database up to date", async () => {
    const url = await freshDatabaseUrl();
    const first = spawnEntry(["src/cli/main.ts", "migrate"], { DATABASE_URL: url });
    expect((await first.exited).code).toBe(0);
    expect(first.output()).toContain(
      `applied ${committedMigrations.length} migration(s): ${committedMigrations.join(", ")}`,
    );
    const second = spawnEntry(["src/cli/main.ts", "migrate"], { DATABASE_URL: url });
    expect((await second.exited).code).toBe(0);
    expect(second.output()).toContain("already up to date");
  });

  it('tf run "/tf help" --as <user> prints the reply as text', async () => {
    const run = spawnEntry(["src/cli/main.ts", "run", "/tf help", "--as", "U0SOMEONE1"], {
      DATABASE_URL: await freshDatabaseUrl(),
    });
    expect((await run.exited).code).toBe(0);
    expect(run.output()).toContain("Task Force Bot commands you can run");
    expect(run.output()).toContain("You have no task force role yet.");
  });
});

describe(`tf import --taskforce (${testEngine})`, () => {
  it("imports into the only task force, and with two asks which, naming them, and refuses an unknown one", async () => {
    const url = await freshDatabaseUrl();
    const dir = mkdtempSync(join(tmpdir(), "tf-cli-import-"));
    try {
      const csv = join(dir, "thefts.csv");
      const mapping = join(dir, "rms.json");
      writeFileSync(csv, "Key,Date\nK1,2025-03-01\nK2,2025-03-02\n");
      writeFileSync(
        mapping,
        JSON.stringify({
          name: "rms",
          rows: "per-incident",
          key: "Key",
          kind: "stolen_vehicle",
          date: { column: "Date", format: "Y-M-D" },
        }),
      );
      const run = (...extra: string[]) =>
        spawnEntry(["src/cli/main.ts", "import", csv, "--format", mapping, ...extra], { DATABASE_URL: url });
      const only = run();
      expect((await only.exited).code).toBe(0);
      expect(only.output()).toContain("inserted  2  new");

      const { createDatabase } = await import("../../src/db/client.js");
      const database = await createDatabase(url);
      await database.prisma.taskForce.create({
        data: { code: "newhaven", name: "New Haven Shooting Task Force", timeZone: "America/New_York" },
      });
      await database.close();
      const unnamed = run();
      expect((await unnamed.exited).code).toBe(1);
      expect(unnamed.output()).toContain(
        "tf import: This database has 2 task forces: say which one the records belong to with --taskforce <code> (hartford, newhaven).",
      );
      const unknown = run("--taskforce", "bridgeport");
      expect((await unknown.exited).code).toBe(1);
      expect(unknown.output()).toContain(
        'tf import: There is no task force "bridgeport". Task forces: hartford, newhaven.',
      );
      const named = run("--taskforce", "newhaven");
      expect((await named.exited).code).toBe(0);
      expect(named.output()).toContain("inserted  2  new");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("start-up failures", () => {
  it("names the variable when the configuration is invalid", async () => {
    const bot = spawnEntry(["src/main.ts"], { PORT: "eighty", TASKFORCE_TIMEZONE: "Nowhere/Special" });
    expect((await bot.exited).code).toBe(1);
    expect(bot.output()).toBe(
      "Invalid configuration:\n" +
        "  PORT: expected a port number\n" +
        "  TASKFORCE_TIMEZONE: expected an IANA time zone such as America/New_York\n",
    );
  });

  it("says which database cannot be reached, and why", async () => {
    const bot = spawnEntry(["src/main.ts"], { DATABASE_URL: "postgres://tf:secret@127.0.0.1:1/taskforce" });
    expect((await bot.exited).code).toBe(1);
    expect(bot.output()).toContain(
      'Could not apply migrations to the PostgreSQL database "taskforce" on 127.0.0.1:1: Can\'t reach database server',
    );
    expect(bot.output()).not.toContain("secret");
  });

  it("says which SQLite file cannot be opened", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tf-bad-"));
    dirs.push(dir);
    // A folder that cannot exist: its parent is a regular file.
    const blocker = join(dir, "not-a-folder");
    writeFileSync(blocker, "");
    const bot = spawnEntry(["src/main.ts"], { DATABASE_URL: `file:${join(blocker, "x.db")}` });
    expect((await bot.exited).code).toBe(1);
    expect(bot.output()).toContain(`${blocker}/x.db`);
    expect(bot.output()).toContain(`its directory ${blocker} cannot be created`);
  });
});
