import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alignFirstTaskForce } from "../../src/usecases/taskforces/first-task-force.js";
import { createTestDatabase, type TestDatabase, testEngine } from "../helpers/database.js";

describe(`the first task force follows the deployment's configuration (${testEngine})`, () => {
  let database: TestDatabase;
  const first = () =>
    database.db.prisma.taskForce.findUniqueOrThrow({
      where: { id: 1 },
      select: { code: true, timeZone: true, weekStart: true },
    });
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("takes the configured zone and week start, says what changed, and leaves a second start alone", async () => {
    expect(await first()).toEqual({ code: "hartford", timeZone: "America/New_York", weekStart: "monday" });
    expect(
      await alignFirstTaskForce(database.db.prisma, { timeZone: "America/Chicago", weekStart: "sunday" }),
    ).toEqual({ timeZone: ["America/New_York", "America/Chicago"], weekStart: ["monday", "sunday"] });
    expect(await first()).toEqual({ code: "hartford", timeZone: "America/Chicago", weekStart: "sunday" });
    expect(
      await alignFirstTaskForce(database.db.prisma, { timeZone: "America/Chicago", weekStart: "sunday" }),
    ).toBeNull();
    // A task force added later keeps its own.
    await database.db.prisma.taskForce.create({
      data: { code: "newhaven", name: "New Haven Shooting Task Force", timeZone: "America/New_York" },
    });
    await alignFirstTaskForce(database.db.prisma, { timeZone: "America/Denver", weekStart: "monday" });
    expect(
      await database.db.prisma.taskForce.findMany({
        orderBy: { id: "asc" },
        select: { code: true, timeZone: true },
      }),
    ).toEqual([
      { code: "hartford", timeZone: "America/Denver" },
      { code: "newhaven", timeZone: "America/New_York" },
    ]);
  });
});
