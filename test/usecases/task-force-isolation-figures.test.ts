import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { Prisma } from "../../src/db/generated/sqlite/client.js";
import { incidentSums } from "../../src/db/queries/compstat.js";
import { joinAgencies, seedReferenceData } from "../../src/db/seed/seed.js";
import type { IncidentKind } from "../../src/domain/incidents/kinds.js";
import { parseSeizureItems } from "../../src/domain/seizures/seizure-items.js";
import { firstTaskForceId, type TaskForceScope } from "../../src/domain/taskforce/task-force.js";
import type { Period } from "../../src/domain/time/periods.js";
import { resolveLocalTime } from "../../src/domain/time/zoned.js";
import type { Actor } from "../../src/usecases/actor.js";
import { voidUseCases } from "../../src/usecases/corrections/void-record.js";
import { unitEffortUseCases } from "../../src/usecases/effort/unit-effort.js";
import { incidentUseCases } from "../../src/usecases/incidents/incidents.js";
import { linkUseCases } from "../../src/usecases/incidents/links.js";
import { seizureUseCases } from "../../src/usecases/seizures/seizures.js";
import {
  type Breakdown,
  type CompstatRow,
  compstatUseCases,
  type TrendSubject,
  trendSubjects,
} from "../../src/usecases/trends/compstat.js";
import { hotspotUseCases } from "../../src/usecases/trends/hotspots.js";
import { linkedUseCases } from "../../src/usecases/trends/linked.js";
import { multiYearUseCases } from "../../src/usecases/trends/multi-year.js";
import { createTestDatabase, type TestDatabase, testEngine } from "../helpers/database.js";

/**
 * Two task forces on one database, each with the same unit and area codes (and, for the shared
 * ones, the same names, so a figure grouped by name would merge them), different records, links
 * and a voided record each. Every figure below is counted by hand from its own task force's
 * records alone; a query that crossed over would add the other's.
 *
 * As of Monday 2025-03-10, weeks from Monday. CompStat windows, each against the same dates a
 * year earlier: WTD 2025-03-10, 28 days 2025-02-11..03-10, YTD from 1 January. The 8 weeks,
 * oldest first: 01-20, 01-27, 02-03, 02-10, 02-17, 02-24, 03-03 (to 03-09), 03-10 (to 03-10).
 * Hot spots: 2025-02-11..03-10 against 2025-01-14..02-10. Multi-year: 1 January to 10 March of
 * 2025, 2024, 2023, 2022.
 */
const timeZone = "America/New_York";
const asOf = "2025-03-10";
const ytd: Period = { from: "2025-01-01", to: "2025-03-10", label: "year to date" };

type Name = "hartford" | "newhaven";

describe(`task force isolation: every figure (${testEngine})`, () => {
  let database: TestDatabase;
  let db: Db;
  const scopes = {} as Record<Name, TaskForceScope>;
  /** Record names (H-S1, N-T2, …) to row ids, per task force. */
  const ids = new Map<string, number>();
  const id = (name: string) => {
    const found = ids.get(name);
    if (found === undefined) throw new Error(`no record ${name}`);
    return found;
  };
  const incidentRef = (name: string) => ({ kind: "incident" as const, id: id(name) });
  const reference = {} as Record<Name, { units: Map<string, number>; areas: Map<string, number> }>;

  const useCases = (taskForce: TaskForceScope) => ({
    compstat: compstatUseCases({ db, taskForce }),
    hotspots: hotspotUseCases({ db, taskForce }),
    multiYear: multiYearUseCases({ db, taskForce }),
    linked: linkedUseCases({ db, taskForce }),
    effort: unitEffortUseCases({ db, taskForce }),
    seizures: seizureUseCases({ db, taskForce }),
    incidents: incidentUseCases({ db, taskForce }),
    links: linkUseCases({ db, taskForce }),
    corrections: voidUseCases({ db, taskForce }),
  });
  // Fresh instances for every read, so no report cache stands between a write and a figure.
  const tf = (name: Name) => useCases(scopes[name]);

  const actor = (role: "member" | "leadership" | "admin" = "member", who = "U0OFFICER1"): Actor => ({
    userId: who,
    teamId: "T0TASKF0RC",
    role,
    requestId: "req-isolation",
    now: new Date("2025-03-10T20:00:00Z"),
  });

  async function incident(
    name: string,
    kind: IncidentKind,
    area: string,
    localDate: string,
    extra: { fatal?: number; injured?: number; caseNumber?: string } = {},
  ) {
    const owner: Name = name.startsWith("H-") ? "hartford" : "newhaven";
    const view = await tf(owner).incidents.record(
      {
        kind,
        area,
        when: {
          occurredAt: resolveLocalTime(localDate, "12:00", timeZone).instant,
          localDate,
          localTime: "12:00",
        },
        caseNumber: extra.caseNumber,
        fatalVictims: extra.fatal ?? 0,
        injuredVictims: extra.injured ?? 0,
      },
      actor(),
    );
    ids.set(name, Number(view.recordId.slice(2)));
  }

  async function seizure(
    name: string,
    input: { unit: string; agency: string; on: string; area?: string },
    items: Record<string, string>,
  ) {
    const owner: Name = name.startsWith("H-") ? "hartford" : "newhaven";
    const view = await tf(owner).seizures.record(
      { ...input, items: parseSeizureItems(Object.entries(items).map(([key, value]) => ({ key, value }))) },
      actor(),
    );
    ids.set(name, Number(view.recordId.slice(2)));
  }

  async function link(owner: Name, first: string, second: string) {
    await tf(owner).links.link({ first: incidentRef(first), second: incidentRef(second) }, actor());
  }

  async function voidIncident(owner: Name, name: string) {
    await tf(owner).corrections.voidRecord(
      { kind: "incident", id: id(name), reason: "entered twice" },
      actor("admin", "U0ADMIN001"),
    );
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db.prisma;
    await seedReferenceData(db);
    const hartford = await db.taskForce.findUniqueOrThrow({ where: { id: firstTaskForceId } });
    const newHaven = await db.taskForce.create({
      data: { code: "newhaven", name: "New Haven Shooting Task Force", timeZone },
    });
    // The two agencies its seizures name take part in it, as an admin's `/tf admin agency add` makes them.
    await joinAgencies(db, newHaven.id, ["CSP", "HPD"]);
    scopes.hartford = { id: hartford.id, timeZone, weekStart: "monday" };
    scopes.newhaven = { id: newHaven.id, timeZone, weekStart: "monday" };
    // Two codes and names the same as Hartford's, one unit and two areas of its own.
    await db.unit.createMany({
      data: [
        { taskForceId: newHaven.id, code: "sntf", name: "Statewide Narcotics Task Force" },
        { taskForceId: newHaven.id, code: "tsu", name: "Traffic Services Unit" },
        { taskForceId: newHaven.id, code: "gang", name: "Gang Unit" },
      ],
    });
    await db.area.createMany({
      data: [
        { taskForceId: newHaven.id, code: "downtown", name: "Downtown", population: 5_000 },
        { taskForceId: newHaven.id, code: "fair-haven", name: "Fair Haven", population: 20_000 },
        { taskForceId: newHaven.id, code: "i-95-ramps", name: "I-95 ramps", kind: "highway" },
      ],
    });
    await db.area.update({
      where: { taskForceId_code: { taskForceId: hartford.id, code: "downtown" } },
      data: { population: 10_000 },
    });
    for (const [name, scope] of Object.entries(scopes) as Array<[Name, TaskForceScope]>) {
      const where = { taskForceId: scope.id };
      reference[name] = {
        units: new Map((await db.unit.findMany({ where })).map((u) => [u.code, u.id])),
        areas: new Map((await db.area.findMany({ where })).map((a) => [a.code, a.id])),
      };
    }

    // Hartford's incidents. The case number is New Haven's S1's too: a case is one task force's.
    await incident("H-S1", "shooting", "downtown", "2025-03-10", {
      fatal: 1,
      injured: 1,
      caseNumber: "25-0001",
    });
    await incident("H-S2", "shooting", "downtown", "2025-03-04", { injured: 2 });
    await incident("H-S3", "shooting", "frog-hollow", "2025-02-20", { injured: 1 });
    await incident("H-S4", "shooting", "downtown", "2025-01-25", { injured: 1 });
    await incident("H-S5", "shooting", "frog-hollow", "2025-02-05", { injured: 1 }); // voided below
    await incident("H-T1", "stolen_vehicle", "frog-hollow", "2025-03-01");
    await incident("H-R1", "recovered_vehicle", "frog-hollow", "2025-03-06"); // T1 after 5 days
    await incident("H-T2", "stolen_vehicle", "downtown", "2025-02-12");
    await incident("H-P1", "shooting", "downtown", "2024-03-10", { injured: 1 });
    await incident("H-P2", "shooting", "downtown", "2024-01-15", { fatal: 1 });
    await incident("H-Y1", "shooting", "frog-hollow", "2023-02-01", { injured: 1 });
    // New Haven's: "downtown" here is New Haven's Downtown.
    await incident("N-S1", "shooting", "downtown", "2025-03-09", { injured: 1, caseNumber: "25-0001" });
    await incident("N-S2", "shooting", "fair-haven", "2025-03-08", { injured: 1 });
    await incident("N-S3", "shooting", "fair-haven", "2025-03-07", { fatal: 1 });
    await incident("N-S4", "shooting", "fair-haven", "2025-02-15", { injured: 2 });
    await incident("N-S5", "shooting", "downtown", "2025-01-10", { injured: 1 });
    await incident("N-T1", "stolen_vehicle", "fair-haven", "2025-03-10");
    await incident("N-T2", "stolen_vehicle", "downtown", "2025-02-01");
    await incident("N-R2", "recovered_vehicle", "downtown", "2025-02-11"); // T2 after 10 days
    await incident("N-T3", "stolen_vehicle", "downtown", "2025-03-02"); // voided below
    await incident("N-P1", "shooting", "fair-haven", "2024-02-20", { injured: 1 });
    await incident("N-P2", "stolen_vehicle", "downtown", "2024-03-05");
    await incident("N-P3", "recovered_vehicle", "downtown", "2024-03-09"); // P2 after 4 days
    await incident("N-Y1", "shooting", "downtown", "2022-03-01", { fatal: 1, injured: 1 });

    await link("hartford", "H-S1", "H-T1");
    await link("hartford", "H-S2", "H-T2");
    await link("hartford", "H-S5", "H-T2");
    await link("hartford", "H-R1", "H-T1");
    await link("newhaven", "N-S1", "N-T2");
    await link("newhaven", "N-S2", "N-T2");
    await link("newhaven", "N-S3", "N-T3");
    await link("newhaven", "N-R2", "N-T2");
    await link("newhaven", "N-P3", "N-P2");
    // Voided after they were linked: their links count nowhere.
    await voidIncident("hartford", "H-S5");
    await voidIncident("newhaven", "N-T3");

    // Seizures: unit and area codes resolve within the task force the report is written into.
    await seizure(
      "H-Z1",
      { unit: "sntf", agency: "CSP", on: "2025-03-10", area: "frog-hollow" },
      { guns: "2", "stolen-guns": "1", cash: "1000", arrests: "1", heroin: "10g" },
    );
    await seizure(
      "H-Z2",
      { unit: "tsu", agency: "CSP", on: "2025-03-05", area: "i-84-ramps" },
      { stops: "6", citations: "2", guns: "1" },
    );
    await seizure("H-Z3", { unit: "tsu", agency: "CSP", on: "2025-02-20", area: "downtown" }, { stops: "2" });
    await seizure(
      "H-Z4",
      { unit: "sntf", agency: "HPD", on: "2025-01-22" },
      { guns: "1", "ghost-guns": "1", fentanyl: "5g" },
    );
    await seizure(
      "H-Z5",
      { unit: "sntf", agency: "CSP", on: "2025-03-08", area: "frog-hollow" },
      { guns: "4" },
    );
    await seizure(
      "H-Z6",
      { unit: "sntf", agency: "CSP", on: "2024-03-01", area: "downtown" },
      { guns: "3", arrests: "2" },
    );
    await seizure(
      "N-Z1",
      { unit: "sntf", agency: "CSP", on: "2025-03-09", area: "fair-haven" },
      { guns: "5", "stolen-guns": "2", "ghost-guns": "1", cash: "250", arrests: "3", cocaine: "20g" },
    );
    await seizure(
      "N-Z2",
      { unit: "tsu", agency: "CSP", on: "2025-03-03", area: "i-95-ramps" },
      { stops: "3", citations: "1" },
    );
    await seizure(
      "N-Z3",
      { unit: "tsu", agency: "CSP", on: "2025-02-14", area: "fair-haven" },
      { stops: "2" },
    );
    await seizure(
      "N-Z4",
      { unit: "gang", agency: "HPD", on: "2025-03-10", area: "downtown" },
      { guns: "1", arrests: "1", fentanyl: "2g" },
    );
    await seizure("N-Z5", { unit: "sntf", agency: "CSP", on: "2025-03-01" }, { guns: "7" });
    await seizure("N-Z6", { unit: "sntf", agency: "CSP", on: "2024-02-15", area: "downtown" }, { guns: "1" });
    for (const [owner, name] of [
      ["hartford", "H-Z5"],
      ["newhaven", "N-Z5"],
    ] as const) {
      await tf(owner).corrections.voidRecord(
        { kind: "seizure", id: id(name), reason: "entered twice" },
        actor("admin", "U0ADMIN001"),
      );
    }
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("writes each record into its task force, with that task force's own units and areas", async () => {
    for (const [name, scope] of Object.entries(scopes) as Array<[Name, TaskForceScope]>) {
      const incidents = await db.incident.findMany({
        where: { taskForceId: scope.id },
        include: { area: true },
      });
      expect(incidents.length).toBe(name === "hartford" ? 11 : 13);
      expect(incidents.every((i) => i.area?.taskForceId === scope.id)).toBe(true);
      const seizures = await db.seizureReport.findMany({
        where: { taskForceId: scope.id },
        include: { unit: true, area: true },
      });
      expect(seizures.length).toBe(6);
      expect(seizures.every((s) => s.unit.taskForceId === scope.id)).toBe(true);
      expect(seizures.every((s) => s.area === null || s.area.taskForceId === scope.id)).toBe(true);
    }
    const [hartfordSntf, newHavenSntf] = await Promise.all(
      (["H-Z1", "N-Z1"] as const).map((name) =>
        db.seizureReport.findUniqueOrThrow({ where: { id: id(name) } }),
      ),
    );
    expect(hartfordSntf?.unitId).toBe(reference.hartford.units.get("sntf"));
    expect(newHavenSntf?.unitId).toBe(reference.newhaven.units.get("sntf"));
    expect(reference.hartford.units.get("sntf")).not.toBe(reference.newhaven.units.get("sntf"));
  });

  /** [WTD now, prior, 28d now, prior, YTD now, prior, then the 8 weeks oldest first] */
  const figures = (row: CompstatRow) => [
    row.wtd.current,
    row.wtd.prior,
    row.d28.current,
    row.d28.prior,
    row.ytd.current,
    row.ytd.prior,
    ...row.weekly,
  ];

  const expectedRows: Record<Name, Record<TrendSubject, Record<string, number[]>>> = (() => {
    const hartford = {
      shootings: {
        shootings: [1, 1, 3, 1, 4, 2, 1, 0, 0, 0, 1, 0, 1, 1],
        victims: [2, 1, 5, 1, 6, 2, 1, 0, 0, 0, 1, 0, 2, 2],
        fatal: [1, 0, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1],
        injured: [1, 1, 4, 1, 5, 1, 1, 0, 0, 0, 1, 0, 2, 1],
      },
      vehicles: {
        stolen: [0, 0, 2, 0, 2, 0, 0, 0, 0, 1, 0, 1, 0, 0],
        recovered: [0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0],
      },
      seizures: {
        firearms: [2, 0, 3, 3, 4, 3, 1, 0, 0, 0, 0, 0, 1, 2],
        stolenFirearms: [1, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1],
        ghostGuns: [0, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0],
        "narcotic:D": [10_000, 0, 10_000, 0, 10_000, 0, 0, 0, 0, 0, 0, 0, 0, 10_000],
        "narcotic:H": [0, 0, 0, 0, 5_000, 0, 5_000, 0, 0, 0, 0, 0, 0, 0],
        currency: [100_000, 0, 100_000, 0, 100_000, 0, 0, 0, 0, 0, 0, 0, 0, 100_000],
        arrests: [1, 0, 1, 2, 1, 2, 0, 0, 0, 0, 0, 0, 0, 1],
      },
    };
    const newhaven = {
      shootings: {
        shootings: [0, 0, 4, 1, 5, 1, 0, 0, 0, 1, 0, 0, 3, 0],
        victims: [0, 0, 5, 1, 6, 1, 0, 0, 0, 2, 0, 0, 3, 0],
        fatal: [0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0],
        injured: [0, 0, 4, 1, 5, 1, 0, 0, 0, 2, 0, 0, 2, 0],
      },
      vehicles: {
        stolen: [1, 0, 1, 1, 2, 1, 0, 1, 0, 0, 0, 0, 0, 1],
        recovered: [0, 0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0],
      },
      seizures: {
        firearms: [1, 0, 6, 1, 6, 1, 0, 0, 0, 0, 0, 0, 5, 1],
        stolenFirearms: [0, 0, 2, 0, 2, 0, 0, 0, 0, 0, 0, 0, 2, 0],
        ghostGuns: [0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0],
        "narcotic:B": [0, 0, 20_000, 0, 20_000, 0, 0, 0, 0, 0, 0, 0, 20_000, 0],
        "narcotic:H": [2_000, 0, 2_000, 0, 2_000, 0, 0, 0, 0, 0, 0, 0, 0, 2_000],
        currency: [0, 0, 25_000, 0, 25_000, 0, 0, 0, 0, 0, 0, 0, 25_000, 0],
        arrests: [1, 0, 4, 0, 4, 0, 0, 0, 0, 0, 0, 0, 3, 1],
      },
    };
    const withAll = (rows: typeof hartford | typeof newhaven) => ({
      ...rows,
      all: { ...rows.shootings, ...rows.vehicles, ...rows.seizures },
    });
    return { hartford: withAll(hartford), newhaven: withAll(newhaven) };
  })();

  it.each(["hartford", "newhaven"] as const)("%s: the CompStat rows of every subject", async (name) => {
    for (const subject of trendSubjects) {
      const report = await tf(name).compstat.report({ asOf, subject });
      // Row order as well as figures: Object.entries keeps the order the rows were written in.
      expect(
        report.rows.map((row) => [row.key, figures(row)]),
        subject,
      ).toEqual(Object.entries(expectedRows[name][subject]));
    }
  });

  /** [name, 28d now, prior, YTD now, prior] per group, biggest first. */
  const expectedGroups: Record<Name, Record<"shootings" | "stolen" | Breakdown, unknown[][]>> = {
    hartford: {
      shootings: [
        ["Downtown", 2, 1, 3, 2],
        ["Frog Hollow", 1, 0, 1, 0],
      ],
      stolen: [
        ["Downtown", 1, 0, 1, 0],
        ["Frog Hollow", 1, 0, 1, 0],
      ],
      area: [
        ["Frog Hollow", 2, 0, 2, 0],
        ["(no area)", 0, 0, 1, 0],
        ["I-84 ramps", 1, 0, 1, 0],
        ["Downtown", 0, 3, 0, 3],
      ],
      unit: [
        ["Statewide Narcotics Task Force", 2, 3, 3, 3],
        ["Traffic Services Unit", 1, 0, 1, 0],
      ],
      agency: [
        ["CSP", 3, 3, 3, 3],
        ["HPD", 0, 0, 1, 0],
      ],
    },
    newhaven: {
      shootings: [
        ["Fair Haven", 3, 1, 3, 1],
        ["Downtown", 1, 0, 2, 0],
      ],
      stolen: [
        ["Downtown", 0, 1, 1, 1],
        ["Fair Haven", 1, 0, 1, 0],
      ],
      area: [
        ["Fair Haven", 5, 0, 5, 0],
        ["Downtown", 1, 1, 1, 1],
      ],
      unit: [
        ["Statewide Narcotics Task Force", 5, 1, 5, 1],
        ["Gang Unit", 1, 0, 1, 0],
      ],
      agency: [
        ["CSP", 5, 1, 5, 1],
        ["HPD", 1, 0, 1, 0],
      ],
    },
  };

  it.each(["hartford", "newhaven"] as const)("%s: every breakdown of every subject", async (name) => {
    for (const subject of trendSubjects) {
      for (const by of ["area", "unit", "agency"] as const) {
        const report = await tf(name).compstat.report({ asOf, subject, by });
        // Areas count incidents (stolen vehicles for the vehicles subject); otherwise firearms seized.
        const expected =
          by === "area" && subject !== "seizures"
            ? expectedGroups[name][subject === "vehicles" ? "stolen" : "shootings"]
            : expectedGroups[name][by];
        expect(
          report.breakdown?.groups.map((g) => [
            g.name,
            g.d28.current,
            g.d28.prior,
            g.ytd.current,
            g.ytd.prior,
          ]),
          `${subject} by ${by}`,
        ).toEqual(expected);
      }
    }
  });

  it("ranks each task force's own hot spots, with its own populations", async () => {
    const ranking = async (name: Name) => {
      const report = await tf(name).hotspots.hotspots({ asOf });
      return {
        areas: report.areas.map((a) => [
          a.rank,
          a.name,
          a.areaId,
          a.shootings.current,
          a.shootings.prior,
          a.population,
          a.ratePer10k,
        ]),
        moreAreas: report.moreAreas,
        total: [report.total.current, report.total.prior],
        unplaced: [report.unplaced.current, report.unplaced.prior],
      };
    };
    const area = (name: Name, code: string) => reference[name].areas.get(code);
    expect(await ranking("hartford")).toEqual({
      areas: [
        [1, "Downtown", area("hartford", "downtown"), 2, 1, 10_000, 2],
        [2, "Frog Hollow", area("hartford", "frog-hollow"), 1, 0, 0, null],
      ],
      moreAreas: 0,
      total: [3, 1],
      unplaced: [0, 0],
    });
    expect(await ranking("newhaven")).toEqual({
      areas: [
        [1, "Fair Haven", area("newhaven", "fair-haven"), 3, 0, 20_000, 1.5],
        [2, "Downtown", area("newhaven", "downtown"), 1, 0, 5_000, 2],
      ],
      moreAreas: 0,
      total: [4, 0],
      unplaced: [0, 0],
    });
  });

  it("compares each task force's own years to date", async () => {
    const columns = async (name: Name) => {
      const report = await tf(name).multiYear.multiYear({ asOf });
      expect(report.years.map((y) => y.year)).toEqual([2025, 2024, 2023, 2022]);
      return Object.fromEntries(report.rows.map((row) => [row.key, row.figures]));
    };
    expect(await columns("hartford")).toEqual({
      shootings: [4, 2, 1, 0],
      victims: [6, 2, 1, 0],
      fatal: [1, 1, 0, 0],
      injured: [5, 1, 1, 0],
      stolen: [2, 0, 0, 0],
      recovered: [1, 0, 0, 0],
    });
    expect(await columns("newhaven")).toEqual({
      shootings: [5, 1, 0, 1],
      victims: [6, 1, 0, 2],
      fatal: [1, 0, 0, 1],
      injured: [5, 1, 0, 1],
      stolen: [2, 1, 0, 0],
      recovered: [1, 1, 0, 0],
    });
  });

  it("takes each task force's linked figures from its own links", async () => {
    const windows = async (name: Name) => {
      const report = await tf(name).linked.linked({ asOf });
      return Object.fromEntries(
        report.windows.map((w) => [
          w.label,
          {
            shootings: [w.shootings.current, w.shootings.prior],
            linked: [w.linkedShootings.current, w.linkedShootings.prior],
            share: [w.linkedShare.current, w.linkedShare.prior],
            stolen: [w.stolen.current, w.stolen.prior],
            recovered: [w.recovered.current, w.recovered.prior],
            rate: [w.recoveryRate.current, w.recoveryRate.prior],
            pairs: [w.recoveryPairs.current, w.recoveryPairs.prior],
            median: [w.medianDays.current, w.medianDays.prior],
          },
        ]),
      );
    };
    const [hartford, newHaven] = [await windows("hartford"), await windows("newhaven")];
    expect(Object.values(hartford)).toEqual([
      {
        shootings: [1, 1],
        linked: [1, 0],
        share: [100, 0],
        stolen: [0, 0],
        recovered: [0, 0],
        rate: [null, null],
        pairs: [0, 0],
        median: [null, null],
      },
      {
        shootings: [3, 1],
        linked: [2, 0],
        share: [(2 * 100) / 3, 0],
        stolen: [2, 0],
        recovered: [1, 0],
        rate: [50, null],
        pairs: [1, 0],
        median: [5, null],
      },
      {
        shootings: [4, 2],
        linked: [2, 0],
        share: [50, 0],
        stolen: [2, 0],
        recovered: [1, 0],
        rate: [50, null],
        pairs: [1, 0],
        median: [5, null],
      },
    ]);
    expect(Object.values(newHaven)).toEqual([
      {
        shootings: [0, 0],
        linked: [0, 0],
        share: [null, null],
        stolen: [1, 0],
        recovered: [0, 0],
        rate: [0, null],
        pairs: [0, 0],
        median: [null, null],
      },
      {
        shootings: [4, 1],
        linked: [2, 0],
        share: [50, 0],
        stolen: [1, 1],
        recovered: [1, 1],
        rate: [100, 100],
        pairs: [1, 1],
        median: [10, 4],
      },
      {
        shootings: [5, 1],
        linked: [2, 0],
        share: [40, 0],
        stolen: [2, 1],
        recovered: [1, 1],
        rate: [50, 100],
        pairs: [1, 1],
        median: [10, 4],
      },
    ]);
  });

  it("lists each task force's own units with their own measures, and its own highway share", async () => {
    const tally = async (name: Name) => {
      const result = await tf(name).effort.tallyByUnit({ period: ytd });
      return {
        units: result.units.map((u) => [
          u.code,
          u.reports,
          Object.fromEntries(u.measures.map((m) => [m.name, m.unit === "share" ? m.share.percent : m.value])),
        ]),
        highway: result.highway,
      };
    };
    expect(await tally("hartford")).toEqual({
      units: [
        ["attf", 0, { vehicles: 0, arrests: 0 }],
        ["parole", 0, { "parole-checks": 0, "parole-violations": 0, warrants: 0 }],
        ["sntf", 2, { guns: 3, "stolen-guns": 1, "narcotics-grams": 15_000, cash: 100_000 }],
        ["tsu", 2, { stops: 8, citations: 2, "highway-share": 75, guns: 1 }],
        ["vctf", 0, { arrests: 0, warrants: 0 }],
      ],
      highway: { highway: 6, neighborhood: 2, noArea: 0, stops: 8, percent: 75 },
    });
    expect(await tally("newhaven")).toEqual({
      units: [
        ["gang", 1, { reports: 1, guns: 1, "narcotics-grams": 2_000, cash: 0, arrests: 1 }],
        ["sntf", 1, { guns: 5, "stolen-guns": 2, "narcotics-grams": 20_000, cash: 25_000 }],
        ["tsu", 2, { stops: 5, citations: 1, "highway-share": 60, guns: 0 }],
      ],
      highway: { highway: 3, neighborhood: 2, noArea: 0, stops: 5, percent: 60 },
    });

    // The same unit code is each task force's own unit.
    expect(await tf("hartford").effort.highwayShare({ period: ytd, unit: "tsu" })).toEqual({
      highway: 6,
      neighborhood: 2,
      noArea: 0,
      stops: 8,
      percent: 75,
    });
    expect(await tf("newhaven").effort.highwayShare({ period: ytd, unit: "tsu" })).toEqual({
      highway: 3,
      neighborhood: 2,
      noArea: 0,
      stops: 5,
      percent: 60,
    });
    await expect(tf("hartford").effort.highwayShare({ period: ytd, unit: "gang" })).rejects.toThrow(
      "there is no unit by that name",
    );

    for (const [name, units, percent] of [
      ["hartford", ["attf", "parole", "sntf", "tsu", "vctf"], 75],
      ["newhaven", ["gang", "sntf", "tsu"], 60],
    ] as const) {
      const compared = await tf(name).effort.compared({ asOf });
      expect(compared.units.map((u) => u.code)).toEqual(units);
      expect(compared.highway.d28.current.percent).toBe(percent);
      expect(compared.highway.d28.prior.percent).toBeNull();
      expect(compared.highway.wtd.current.stops).toBe(0);
    }
  });

  it("tallies each task force's own seizures, by unit and by agency", async () => {
    const zero = {
      reports: 0,
      firearms: 0,
      stolenFirearms: 0,
      ghostGuns: 0,
      conversionDevices: 0,
      currencyCents: 0n,
      vehicles: 0,
      arrests: 0,
      warrants: 0,
      trafficStops: 0,
      citations: 0,
      paroleChecks: 0,
      paroleViolations: 0,
    };
    const hartford = await tf("hartford").seizures.tally({ period: ytd });
    expect(hartford.totals).toEqual({
      ...zero,
      reports: 4,
      firearms: 4,
      stolenFirearms: 1,
      ghostGuns: 1,
      currencyCents: 100_000n,
      arrests: 1,
      trafficStops: 8,
      citations: 2,
    });
    expect(hartford.byUnit).toEqual([
      {
        name: "Statewide Narcotics Task Force",
        totals: {
          ...zero,
          reports: 2,
          firearms: 3,
          stolenFirearms: 1,
          ghostGuns: 1,
          currencyCents: 100_000n,
          arrests: 1,
        },
      },
      {
        name: "Traffic Services Unit",
        totals: { ...zero, reports: 2, firearms: 1, trafficStops: 8, citations: 2 },
      },
    ]);
    expect(hartford.byAgency).toEqual([
      {
        name: "CSP",
        totals: {
          ...zero,
          reports: 3,
          firearms: 3,
          stolenFirearms: 1,
          currencyCents: 100_000n,
          arrests: 1,
          trafficStops: 8,
          citations: 2,
        },
      },
      { name: "HPD", totals: { ...zero, reports: 1, firearms: 1, ghostGuns: 1 } },
    ]);
    expect(hartford.narcotics).toEqual([
      { code: "D", massMg: 10_000n, dosageUnits: 0 },
      { code: "H", massMg: 5_000n, dosageUnits: 0 },
    ]);
    expect(hartford.highway.percent).toBe(75);

    const newHaven = await tf("newhaven").seizures.tally({ period: ytd });
    expect(newHaven.totals).toEqual({
      ...zero,
      reports: 4,
      firearms: 6,
      stolenFirearms: 2,
      ghostGuns: 1,
      currencyCents: 25_000n,
      arrests: 4,
      trafficStops: 5,
      citations: 1,
    });
    expect(newHaven.byUnit).toEqual([
      { name: "Gang Unit", totals: { ...zero, reports: 1, firearms: 1, arrests: 1 } },
      {
        name: "Statewide Narcotics Task Force",
        totals: {
          ...zero,
          reports: 1,
          firearms: 5,
          stolenFirearms: 2,
          ghostGuns: 1,
          currencyCents: 25_000n,
          arrests: 3,
        },
      },
      { name: "Traffic Services Unit", totals: { ...zero, reports: 2, trafficStops: 5, citations: 1 } },
    ]);
    expect(newHaven.byAgency).toEqual([
      {
        name: "CSP",
        totals: {
          ...zero,
          reports: 3,
          firearms: 5,
          stolenFirearms: 2,
          ghostGuns: 1,
          currencyCents: 25_000n,
          arrests: 3,
          trafficStops: 5,
          citations: 1,
        },
      },
      { name: "HPD", totals: { ...zero, reports: 1, firearms: 1, arrests: 1 } },
    ]);
    expect(newHaven.narcotics).toEqual([
      { code: "B", massMg: 20_000n, dosageUnits: 0 },
      { code: "H", massMg: 2_000n, dosageUnits: 0 },
    ]);
    expect(newHaven.highway.percent).toBe(60);

    // unit:sntf is each task force's own unit; agency:HPD (shared) counts each one's reports only.
    const filtered = async (name: Name, filter: { unit?: string; agency?: string }) => {
      const { totals } = await tf(name).seizures.tally({ period: ytd, ...filter });
      return [totals.reports, totals.firearms, totals.arrests];
    };
    expect(await filtered("hartford", { unit: "sntf" })).toEqual([2, 3, 1]);
    expect(await filtered("newhaven", { unit: "sntf" })).toEqual([1, 5, 3]);
    expect(await filtered("hartford", { agency: "HPD" })).toEqual([1, 1, 0]);
    expect(await filtered("newhaven", { agency: "HPD" })).toEqual([1, 1, 1]);
  });

  it("lists each task force's own incidents, with its own counts", async () => {
    const list = async (name: Name, input: { period?: Period; kind?: IncidentKind; area?: string } = {}) => {
      const result = await tf(name).incidents.list(
        { period: ytd, limit: 100, ...input },
        actor("leadership", "U0LEADER01"),
      );
      expect(result.incidents.length).toBe(result.total);
      return {
        total: result.total,
        ids: result.incidents.map((i) => Number(i.recordId.slice(2))).sort((a, b) => a - b),
      };
    };
    const idsOf = (...names: string[]) => names.map(id).sort((a, b) => a - b);
    expect(await list("hartford")).toEqual({
      total: 7,
      ids: idsOf("H-S1", "H-S2", "H-S3", "H-S4", "H-T1", "H-R1", "H-T2"),
    });
    expect(await list("newhaven")).toEqual({
      total: 8,
      ids: idsOf("N-S1", "N-S2", "N-S3", "N-S4", "N-S5", "N-T1", "N-T2", "N-R2"),
    });
    expect(await list("hartford", { kind: "shooting" })).toEqual({
      total: 4,
      ids: idsOf("H-S1", "H-S2", "H-S3", "H-S4"),
    });
    expect(await list("newhaven", { kind: "shooting" })).toEqual({
      total: 5,
      ids: idsOf("N-S1", "N-S2", "N-S3", "N-S4", "N-S5"),
    });
    expect(await list("hartford", { area: "downtown" })).toEqual({
      total: 4,
      ids: idsOf("H-S1", "H-S2", "H-S4", "H-T2"),
    });
    expect(await list("newhaven", { area: "downtown" })).toEqual({
      total: 4,
      ids: idsOf("N-S1", "N-S5", "N-T2", "N-R2"),
    });
    const lastYear: Period = { from: "2024-01-01", to: "2024-12-31", label: "2024" };
    expect(await list("hartford", { period: lastYear })).toEqual({ total: 2, ids: idsOf("H-P1", "H-P2") });
    expect(await list("newhaven", { period: lastYear })).toEqual({
      total: 3,
      ids: idsOf("N-P1", "N-P2", "N-P3"),
    });
  });

  it("refuses a link across task forces, naming both records, and writes nothing", async () => {
    const before = {
      links: await db.incidentLink.count(),
      incidents: await db.incident.count(),
      linkAudits: await db.auditEvent.count({ where: { action: "incident.link", outcome: "ok" } }),
    };
    const refusal = (first: string, second: string) =>
      `I-${id(first)} and I-${id(second)} belong to different task forces and cannot be linked`;

    // Either way round, from either side.
    await expect(
      tf("hartford").links.link({ first: incidentRef("H-S3"), second: incidentRef("N-T1") }, actor()),
    ).rejects.toMatchObject({ kind: "invalid", message: expect.stringContaining(refusal("H-S3", "N-T1")) });
    await expect(
      tf("newhaven").links.link({ first: incidentRef("N-T1"), second: incidentRef("H-S3") }, actor()),
    ).rejects.toMatchObject({ kind: "invalid", message: expect.stringContaining(refusal("N-T1", "H-S3")) });
    // A record entered with stolen: naming another task force's theft is not recorded either.
    await expect(
      tf("hartford").incidents.record(
        {
          kind: "shooting",
          area: "downtown",
          when: {
            occurredAt: resolveLocalTime("2025-03-10", "13:00", timeZone).instant,
            localDate: "2025-03-10",
            localTime: "13:00",
          },
          injuredVictims: 1,
          stolen: incidentRef("N-T1"),
        },
        actor(),
      ),
    ).rejects.toMatchObject({
      kind: "invalid",
      message: expect.stringContaining(`belong to different task forces and cannot be linked`),
    });
    // Both sides in the other task force: neither is there for the caller.
    await expect(
      tf("hartford").links.link({ first: incidentRef("N-S4"), second: incidentRef("N-T1") }, actor()),
    ).rejects.toMatchObject({
      kind: "not_found",
      message: expect.stringContaining(`There is no incident I-${id("N-S4")}`),
    });
    await expect(
      tf("hartford").links.unlink({ first: incidentRef("N-S1"), second: incidentRef("N-T2") }, actor()),
    ).rejects.toMatchObject({
      kind: "not_found",
      message: expect.stringContaining(`There is no incident I-${id("N-S1")}`),
    });

    expect(await db.incidentLink.count()).toBe(before.links);
    expect(await db.incident.count()).toBe(before.incidents);
    expect(await db.auditEvent.count({ where: { action: "incident.link", outcome: "ok" } })).toBe(
      before.linkAudits,
    );
    expect(await db.incidentLink.count({ where: { incidentId: id("N-S1"), stolenId: id("N-T2") } })).toBe(1);
  });

  it("treats another task force's record as not there: a void of it is refused and changes nothing", async () => {
    const voidAudits = () => db.auditEvent.count({ where: { action: { endsWith: ".void" } } });
    const before = await voidAudits();
    for (const [kind, name] of [
      ["incident", "N-S1"],
      ["seizure", "N-Z1"],
      ["incident", "N-T3"], // voided already in New Haven: still "not found" from Hartford
    ] as const) {
      await expect(
        tf("hartford").corrections.voidRecord(
          { kind, id: id(name), reason: "not ours" },
          actor("admin", "U0ADMIN001"),
        ),
      ).rejects.toMatchObject({
        kind: "not_found",
        message: `There is no ${kind} ${kind === "incident" ? "I" : "S"}-${id(name)}.`,
      });
    }
    await expect(
      tf("newhaven").corrections.voidRecord(
        { kind: "seizure", id: id("H-Z1"), reason: "not ours" },
        actor("admin", "U0ADMIN001"),
      ),
    ).rejects.toMatchObject({ kind: "not_found" });
    expect(await voidAudits()).toBe(before);
    expect((await db.incident.findUniqueOrThrow({ where: { id: id("N-S1") } })).voidedAt).toBeNull();
    expect((await db.seizureReport.findUniqueOrThrow({ where: { id: id("N-Z1") } })).voidedAt).toBeNull();
    expect((await db.seizureReport.findUniqueOrThrow({ where: { id: id("H-Z1") } })).voidedAt).toBeNull();
    // And the figures stand.
    expect((await tf("newhaven").hotspots.hotspots({ asOf })).total.current).toBe(4);
    const [hartfordFirearms] = (await tf("hartford").compstat.report({ asOf, subject: "seizures" })).rows;
    expect(hartfordFirearms && figures(hartfordFirearms)).toEqual(expectedRows.hartford.seizures.firearms);
  });

  it("looks up a record's unit, area and the reporter's assignment within its own task force", async () => {
    await expect(
      tf("hartford").seizures.record(
        { unit: "gang", agency: "HPD", items: parseSeizureItems([{ key: "guns", value: "1" }]) },
        actor(),
      ),
    ).rejects.toThrow("`unit:gang`: there is no unit by that name.");
    await expect(
      tf("newhaven").incidents.record(
        {
          kind: "shooting",
          area: "frog-hollow",
          when: {
            occurredAt: resolveLocalTime("2025-03-10", "13:00", timeZone).instant,
            localDate: "2025-03-10",
            localTime: "13:00",
          },
        },
        actor(),
      ),
    ).rejects.toThrow("`area:frog-hollow`: there is no area by that name.");

    // One person on a unit in each task force: a seizure in New Haven is its Gang Unit's.
    const member = await db.member.create({ data: { teamId: "T0TASKF0RC", slackUserId: "U0BOTHTF01" } });
    const agency = async (code: string) => (await db.agency.findUniqueOrThrow({ where: { code } })).id;
    for (const [name, unit, agencyCode] of [
      ["hartford", "tsu", "CSP"],
      ["newhaven", "gang", "HPD"],
    ] as const) {
      await db.assignment.create({
        data: {
          taskForceId: scopes[name].id,
          memberId: member.id,
          unitId: reference[name].units.get(unit) as number,
          agencyId: await agency(agencyCode),
          startDate: "2025-01-01",
          registeredBy: "U0ADMIN001",
        },
      });
    }
    const before = await db.seizureReport.count();
    const view = await tf("newhaven").seizures.record(
      { items: parseSeizureItems([{ key: "guns", value: "1" }]) },
      actor("member", "U0BOTHTF01"),
    );
    expect([view.unit, view.agency]).toEqual(["Gang Unit", "HPD"]);
    const row = await db.seizureReport.findUniqueOrThrow({ where: { id: Number(view.recordId.slice(2)) } });
    expect([row.taskForceId, row.unitId]).toEqual([scopes.newhaven.id, reference.newhaven.units.get("gang")]);
    expect(await db.seizureReport.count()).toBe(before + 1);
  });

  it("keeps the CompStat incident scan on the covering index, led by the task force", async () => {
    // The app's own query, explained on the same database. PostgreSQL would read a table this
    // small straight through, so it is told not to, to show which index the scan can follow.
    const plans: string[] = [];
    await db.$transaction(async (tx) => {
      if (testEngine === "postgresql") await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
      const explaining = {
        async $queryRaw(sql: Prisma.Sql) {
          const explain =
            testEngine === "sqlite" ? Prisma.sql`EXPLAIN QUERY PLAN ${sql}` : Prisma.sql`EXPLAIN ${sql}`;
          const rows = await tx.$queryRaw<Array<Record<string, string>>>(explain);
          plans.push(...rows.map((r) => r.detail ?? r["QUERY PLAN"] ?? ""));
          return [];
        },
      } as unknown as Db;
      await incidentSums(explaining, scopes.newhaven.id, [{ from: "2025-01-01", to: "2025-03-10" }]);
    });
    const plan = plans.join("\n");
    if (testEngine === "sqlite") {
      expect(plan).toContain(
        "USING COVERING INDEX Incident_kind_localDate_covering_idx (taskForceId=? AND kind=? AND localDate>? AND localDate<?)",
      );
    } else {
      expect(plan).toContain('Index Only Scan using "Incident_kind_localDate_covering_idx"');
      expect(plan).toContain(`Index Cond: (("taskForceId" = ${scopes.newhaven.id}) AND`);
    }
  });
});
