import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedReferenceData } from "../../src/db/seed/seed.js";
import type { Actor } from "../../src/usecases/actor.js";
import { taskForceUseCases } from "../../src/usecases/taskforces/task-forces.js";
import { createTestDatabase, type TestDatabase, testEngine } from "../helpers/database.js";
import { expectUserError } from "../helpers/errors.js";

const stateAdmin: Actor = {
  userId: "U0STATE001",
  teamId: "T0TASKF0RC",
  role: "admin",
  requestId: "tf",
  now: new Date("2025-03-10T15:00:00Z"),
};

describe(`task forces of a statewide deployment (${testEngine})`, () => {
  let database: TestDatabase;
  const db = () => database.db.prisma;
  const forces = () => taskForceUseCases({ db: db(), defaultTimeZone: "America/New_York" });
  beforeAll(async () => {
    database = await createTestDatabase();
    await seedReferenceData(db());
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("adds one with the partnership's units, audited, and lists each with what it holds", async () => {
    const added = await forces().add(
      {
        code: "newhaven",
        name: "New Haven Shooting Task Force",
        timeZone: "America/New_York",
        weekStart: "sunday",
      },
      stateAdmin,
    );
    expect(added).toMatchObject({ code: "newhaven", timeZone: "America/New_York", weekStart: "sunday" });
    expect(await db().unit.count({ where: { taskForceId: added.id } })).toBe(5);
    expect(await db().area.count({ where: { taskForceId: added.id } })).toBe(0);
    await db().incident.createMany({
      data: [1, 2, 3].map((i) => ({
        taskForceId: added.id,
        kind: "shooting",
        localDate: `2025-03-0${i}`,
        occurredAt: new Date(`2025-03-0${i}T17:00:00Z`),
        source: "test",
        externalKey: `nh${i}`,
      })),
    });
    await forces().bindChannel({ channelId: "C0NEWHAVEN", code: "newhaven" }, stateAdmin);
    const listed = await forces().list("2025-03-10");
    expect(
      listed.map((t) => [t.code, t.name, t.timeZone, t.weekStart, t.channels, t.members, t.records]),
    ).toEqual([
      ["hartford", "Hartford Shooting Task Force", "America/New_York", "monday", 0, 0, 0],
      ["newhaven", "New Haven Shooting Task Force", "America/New_York", "sunday", 1, 0, 3],
    ]);
    const audit = await db().auditEvent.findMany({
      orderBy: { id: "asc" },
      select: { action: true, targetId: true },
    });
    expect(audit).toEqual([
      { action: "taskforce.create", targetId: "newhaven" },
      { action: "admin.channel.bind", targetId: "C0NEWHAVEN" },
    ]);
  });

  it("rebinds a channel, saying what it was bound to", async () => {
    const moved = await forces().bindChannel({ channelId: "C0NEWHAVEN", code: "hartford" }, stateAdmin);
    expect([moved.before?.code, moved.taskForce.code]).toEqual(["newhaven", "hartford"]);
    expect((await forces().ofChannel("C0NEWHAVEN"))?.code).toBe("hartford");
    expect(await forces().ofChannel("C0UNBOUND1")).toBeNull();
  });

  it("refuses a taken code, a malformed one, a bad zone and an unknown task force, writing nothing", async () => {
    const before = [await db().taskForce.count(), await db().auditEvent.count(), await db().unit.count()];
    await expectUserError(
      forces().add({ code: "newhaven", name: "Again" }, stateAdmin),
      "There is already a task force `newhaven`; nothing was created.",
    );
    await expectUserError(
      forces().add({ code: "New Haven", name: "New Haven" }, stateAdmin),
      "`New Haven` is not a task force code: use 2 to 16 lowercase letters, digits or hyphens.",
    );
    await expectUserError(
      forces().add({ code: "bridgeport", name: "Bridgeport", timeZone: "Mars/Olympus" }, stateAdmin),
      "`Mars/Olympus` is not a time zone: use an IANA name such as America/New_York.",
    );
    await expectUserError(
      forces().bindChannel({ channelId: "C0X", code: "stamford" }, stateAdmin),
      "There is no task force `stamford`. Task forces: hartford, newhaven.",
    );
    expect([await db().taskForce.count(), await db().auditEvent.count(), await db().unit.count()]).toEqual(
      before,
    );
  });
});
