import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createDatabase } from "../../src/db/client.js";
import { createTestDatabase, testEngine } from "../helpers/database.js";

describe(`createDatabase on ${testEngine}`, () => {
  it("opens a client of the engine under test on a migrated database", async () => {
    const { db, drop } = await createTestDatabase();
    try {
      expect(db.provider).toBe(testEngine);
      expect(await db.prisma.agency.count()).toBe(0);
    } finally {
      await drop();
    }
  });
});

describe("createDatabase with a SQLite file", () => {
  it("creates the SQLite file's missing directories and opens it in WAL mode with a 5 s busy timeout", async () => {
    const root = mkdtempSync(join(tmpdir(), "tf-client-"));
    const filePath = join(root, "nested", "data", "tf.db");
    const db = await createDatabase(`file:${filePath}`);
    try {
      const pragma = async (name: string) => {
        const [row] = await db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
        return Object.values(row ?? {}).map(String);
      };
      expect(db.provider).toBe("sqlite");
      expect(await pragma("journal_mode")).toEqual(["wal"]);
      expect(await pragma("busy_timeout")).toEqual(["5000"]);
      expect(existsSync(filePath)).toBe(true);
    } finally {
      await db.close();
      rmSync(root, { recursive: true, force: true });
    }
  });
});
