import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { seedReferenceData } from "../../src/db/seed/seed.js";
import { firstTaskForceId, type TaskForceScope } from "../../src/domain/taskforce/task-force.js";
import { resolveLocalTime } from "../../src/domain/time/zoned.js";
import { linkedHeadline, linkedTable } from "../../src/slack/render/linked.js";
import type { Actor } from "../../src/usecases/actor.js";
import { voidUseCases } from "../../src/usecases/corrections/void-record.js";
import { linkUseCases } from "../../src/usecases/incidents/links.js";
import { linkedUseCases } from "../../src/usecases/trends/linked.js";
import { createTestDatabase, type TestDatabase, testEngine } from "../helpers/database.js";

const timeZone = "America/New_York";
const taskForce: TaskForceScope = { id: firstTaskForceId, timeZone, weekStart: "monday" };
type Kind = "shooting" | "stolen_vehicle" | "recovered_vehicle";

// As of Monday 2025-03-10, weeks from Monday. Windows, each against the same dates a year earlier:
// WTD 2025-03-10 (2024-03-10), 28d 2025-02-11..03-10 (2024-02-11..03-10), YTD from 1 January.
const asOf = "2025-03-10";

describe(`linked shootings, recovery rate and days to recovery (${testEngine})`, () => {
  let database: TestDatabase;
  let db: Db;
  const actor = (role: "member" | "admin"): Actor => ({
    userId: role === "admin" ? "U0ADMIN001" : "U0MEMBER01",
    teamId: "T0TASKF0RC",
    role,
    requestId: "req-linked",
    now: new Date("2025-03-10T20:00:00Z"),
  });
  const ids = new Map<string, number>();
  const record = async (name: string, kind: Kind, localDate: string, localTime = "12:00") => {
    const row = await db.incident.create({
      data: {
        kind,
        localDate,
        localTime,
        occurredAt: resolveLocalTime(localDate, localTime, timeZone).instant,
        injuredVictims: kind === "shooting" ? 1 : 0,
        source: "test",
        externalKey: name,
      },
    });
    ids.set(name, row.id);
  };
  const ref = (name: string) => ({ kind: "incident" as const, id: ids.get(name) ?? 0 });

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db.prisma;
    await seedReferenceData(db);
    // This year's shootings.
    await record("S1", "shooting", "2025-03-10"); // linked to T1: the week to date's only shooting
    await record("S2", "shooting", "2025-03-01"); // linked to T1 and T2: counts once
    await record("S3", "shooting", "2025-02-20"); // not linked
    await record("S4", "shooting", "2025-01-15"); // linked to T3, which is voided: not linked
    await record("S5", "shooting", "2025-01-20"); // linked to T4
    await record("S6", "shooting", "2025-03-05"); // voided, linked to T2: counts nowhere
    // This year's thefts and recoveries.
    await record("T1", "stolen_vehicle", "2025-02-25");
    await record("R1", "recovered_vehicle", "2025-03-10"); // 13 days
    await record("T2", "stolen_vehicle", "2025-02-28");
    await record("R2", "recovered_vehicle", "2025-03-02"); // 2 days
    await record("T3", "stolen_vehicle", "2025-01-10"); // voided
    await record("T4", "stolen_vehicle", "2025-01-18");
    await record("R4", "recovered_vehicle", "2025-01-19"); // 1 day
    // Clocks went forward at 02:00 on 9 March 2025: 23½ hours apart, but the next local date: 1 day.
    await record("T5", "stolen_vehicle", "2025-03-08", "23:30");
    await record("R5", "recovered_vehicle", "2025-03-09", "23:00");
    await record("T6", "stolen_vehicle", "2025-02-01");
    await record("R6", "recovered_vehicle", "2025-03-04"); // voided: its pair counts nowhere
    await record("T7", "stolen_vehicle", "2025-03-03"); // not recovered
    // Last year's.
    await record("P1", "shooting", "2024-03-01"); // linked to PT1
    await record("P2", "shooting", "2024-02-01");
    await record("P3", "shooting", "2024-01-10");
    await record("P4", "shooting", "2024-02-15");
    await record("PT1", "stolen_vehicle", "2024-02-20");
    await record("PR1", "recovered_vehicle", "2024-03-05"); // 14 days
    await record("PT2", "stolen_vehicle", "2024-02-25");
    await record("PR2", "recovered_vehicle", "2024-02-28"); // 3 days
    await record("PT3", "stolen_vehicle", "2024-01-05");

    const links = linkUseCases({ db, taskForce });
    const pairs: Array<[string, string]> = [
      ["S1", "T1"],
      ["T1", "S2"], // either order
      ["S2", "T2"],
      ["S4", "T3"],
      ["S5", "T4"],
      ["S6", "T2"],
      ["R1", "T1"],
      ["T2", "R2"],
      ["R4", "T4"],
      ["R5", "T5"],
      ["R6", "T6"],
      ["P1", "PT1"],
      ["PR1", "PT1"],
      ["PR2", "PT2"],
    ];
    for (const [first, second] of pairs) {
      await links.link({ first: ref(first), second: ref(second) }, actor("member"));
    }
    // Voided after they were linked: their links stay on record and count nowhere.
    const corrections = voidUseCases({ db, taskForce });
    for (const name of ["T3", "S6", "R6"]) {
      await corrections.voidRecord({ ...ref(name), reason: "entered twice" }, actor("admin"));
    }
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("counts each figure in the database, in local dates, against a year earlier", async () => {
    const report = await linkedUseCases({ db, taskForce }).linked({ asOf });
    expect(report.windows.map((w) => [w.label, w.current, w.prior])).toEqual([
      ["Week to date", { from: "2025-03-10", to: "2025-03-10" }, { from: "2024-03-10", to: "2024-03-10" }],
      ["28 days", { from: "2025-02-11", to: "2025-03-10" }, { from: "2024-02-11", to: "2024-03-10" }],
      ["Year to date", { from: "2025-01-01", to: "2025-03-10" }, { from: "2024-01-01", to: "2024-03-10" }],
    ]);
    const [wtd, d28, ytd] = report.windows;
    // Shootings: WTD S1; 28d S1 S2 S3; YTD S1–S5. Last year: none; P1 P4; P1–P4.
    expect([wtd, d28, ytd].map((w) => [w?.shootings.current, w?.shootings.prior])).toEqual([
      [1, 0],
      [3, 2],
      [5, 4],
    ]);
    // Linked: S1; S1 S2; S1 S2 S5 (S4's theft is voided, S6 itself is). Last year: none; P1; P1.
    expect([wtd, d28, ytd].map((w) => w?.linkedShootings)).toEqual([
      { current: 1, prior: 0, delta: 1, percent: null },
      { current: 2, prior: 1, delta: 1, percent: 100 },
      { current: 3, prior: 1, delta: 2, percent: 200 },
    ]);
    // 1 of 1, nothing a year before; 2 of 3 against 1 of 2; 3 of 5 against 1 of 4.
    expect(wtd?.linkedShare).toEqual({ current: 100, prior: null, delta: null, percent: null });
    expect(d28?.linkedShare.current).toBeCloseTo(200 / 3, 10);
    expect(d28?.linkedShare.prior).toBe(50);
    expect(ytd?.linkedShare).toEqual({ current: 60, prior: 25, delta: 35, percent: 140 });
    // Stolen: none; T1 T2 T5 T7; T1 T2 T4 T5 T6 T7. Recovered: R1; R1 R2 R5; R1 R2 R4 R5.
    expect([wtd, d28, ytd].map((w) => [w?.stolen.current, w?.recovered.current])).toEqual([
      [0, 1],
      [4, 3],
      [6, 4],
    ]);
    expect(wtd?.recoveryRate).toEqual({ current: null, prior: null, delta: null, percent: null });
    expect(d28?.recoveryRate).toEqual({ current: 75, prior: 100, delta: -25, percent: -25 });
    expect(ytd?.recoveryRate.current).toBeCloseTo(400 / 6, 10);
    expect(ytd?.recoveryRate.delta).toBe(0);
    // Pairs by the recovery's date: R1 13 days; R1 13, R2 2, R5 1; and R4 1. Last year PR1 14, PR2 3.
    expect([wtd, d28, ytd].map((w) => [w?.recoveryPairs.current, w?.recoveryPairs.prior])).toEqual([
      [1, 0],
      [3, 2],
      [4, 2],
    ]);
    expect(wtd?.medianDays).toEqual({ current: 13, prior: null, delta: null, percent: null });
    expect(d28?.medianDays).toEqual({ current: 2, prior: 8.5, delta: -6.5, percent: (-6.5 * 100) / 8.5 });
    expect(ytd?.medianDays).toEqual({ current: 1.5, prior: 8.5, delta: -7, percent: (-7 * 100) / 8.5 });

    expect(linkedTable(report)).toBe(
      [
        "                                        Now  Prior        Δ     %Δ",
        "Shootings with a stolen vehicle   WTD     1      0       +1    n/a",
        "                                  28d     2      1       +1  +100%",
        "                                  YTD     3      1       +2  +200%",
        "  share of all shootings          WTD  100%    n/a      n/a    n/a",
        "                                  28d   67%    50%  +17 pts   +33%",
        "                                  YTD   60%    25%  +35 pts  +140%",
        "Recovery rate (recovered/stolen)  WTD   n/a    n/a      n/a    n/a",
        "                                  28d   75%   100%  -25 pts   -25%",
        "                                  YTD   67%    67%    0 pts     0%",
        "Days theft to recovery, median    WTD    13    n/a      n/a    n/a",
        "                                  28d     2    8.5     -6.5   -76%",
        "                                  YTD   1.5    8.5       -7   -82%",
        "  linked pairs                    WTD     1      0       +1    n/a",
        "                                  28d     3      2       +1   +50%",
        "                                  YTD     4      2       +2  +100%",
      ].join("\n"),
    );
    expect(linkedHeadline(report)).toBe(
      "Stolen vehicles, last 28 days: 2 of 3 shootings linked to one (67%); recovery rate 75% (3 recovered, 4 stolen); median 2 days from theft to recovery (3 linked pairs).",
    );
  });

  it("drops a link from the figures when either side is voided, and keeps it on record", async () => {
    expect(await db.incidentLink.count()).toBe(14);
    // T3, S6 and R6 are voided; their three links stay.
    const voidedSides = await db.incidentLink.count({
      where: { OR: [{ incident: { voidedAt: { not: null } } }, { stolen: { voidedAt: { not: null } } }] },
    });
    expect(voidedSides).toBe(3);
  });

  it("reads nothing as n/a where there is nothing to divide or take a median of", async () => {
    const report = await linkedUseCases({ db, taskForce }).linked({ asOf: "2023-06-01" });
    for (const w of report.windows) {
      expect([
        w.linkedShootings.current,
        w.linkedShare.current,
        w.recoveryRate.current,
        w.medianDays.current,
      ]).toEqual([0, null, null, null]);
    }
    expect(linkedHeadline(report)).toBe(
      "Stolen vehicles, last 28 days: 0 of 0 shootings linked to one (n/a); recovery rate n/a (0 recovered, 0 stolen); no linked recovery.",
    );
  });
});
