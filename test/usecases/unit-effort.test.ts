import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { seedReferenceData } from "../../src/db/seed/seed.js";
import { formatPoints, formatShare } from "../../src/domain/compstat/ratios.js";
import { formatPercent } from "../../src/domain/compstat/windows.js";
import { firstTaskForceId, type TaskForceScope } from "../../src/domain/taskforce/task-force.js";
import { parsePeriod } from "../../src/domain/time/periods.js";
import { checkMessage } from "../../src/emulator/block-kit/check.js";
import { renderUnitTally, unitEffortBlocks, unitEffortHeadline } from "../../src/slack/render/effort.js";
import type { Actor } from "../../src/usecases/actor.js";
import {
  type UnitEffortComparison,
  type UnitEffortTally,
  unitEffortUseCases,
} from "../../src/usecases/effort/unit-effort.js";
import { unitMeasuresUseCases } from "../../src/usecases/effort/unit-measures.js";
import { createTestDatabase, type TestDatabase, testEngine } from "../helpers/database.js";

/**
 * Each unit's own measures and the highway share, on a fixture counted by hand. As of Monday
 * 2025-03-10 (weeks start Monday): week to date is 2025-03-10 alone (a year earlier 2024-03-10),
 * 28 days run 2025-02-11..2025-03-10 (2024-02-11..2024-03-10), year to date from 1 January.
 */
describe(`each line of effort's own measures (${testEngine})`, () => {
  let database: TestDatabase;
  let db: Db;
  const ids: Record<string, number> = {};
  const taskForce: TaskForceScope = {
    id: firstTaskForceId,
    timeZone: "America/New_York",
    weekStart: "monday",
  };
  const effort = () => unitEffortUseCases({ db, taskForce });

  type Report = {
    unit: string;
    on: string;
    area?: string;
    voided?: boolean;
    agency?: string;
    narcotics?: Array<{ code: string; massMg?: number; dosageUnits?: number }>;
    firearms?: number;
    stolenFirearms?: number;
    currencyCents?: bigint;
    vehicles?: number;
    arrests?: number;
    warrants?: number;
    trafficStops?: number;
    citations?: number;
    paroleChecks?: number;
    paroleViolations?: number;
  };

  async function report(r: Report) {
    const { unit, on, area, voided, agency, narcotics, ...counts } = r;
    await db.seizureReport.create({
      data: {
        ...counts,
        occurredOn: on,
        reporterId: ids.reporter as number,
        unitId: ids[`unit:${unit}`] as number,
        agencyId: ids[`agency:${agency ?? "CSP"}`] as number,
        areaId: area ? (ids[`area:${area}`] as number) : null,
        voidedAt: voided ? new Date("2025-03-10T12:00:00Z") : null,
        narcotics: {
          create: (narcotics ?? []).map((n) => ({
            drugCode: n.code,
            drugName: n.code,
            quantity: 1,
            unit: n.dosageUnits === undefined ? "g" : "du",
            massMg: n.massMg === undefined ? null : BigInt(n.massMg),
            dosageUnits: n.dosageUnits ?? null,
          })),
        },
      },
    });
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    db = database.db.prisma;
    await seedReferenceData(db);
    await db.unit.createMany({
      data: [
        { code: "gang-unit", name: "Gang Unit" },
        { code: "old-unit", name: "Old Unit", retiredAt: new Date("2025-03-05T00:00:00Z") },
        { code: "gone-unit", name: "Gone Unit", retiredAt: new Date("2024-01-01T00:00:00Z") },
      ],
    });
    for (const u of await db.unit.findMany()) ids[`unit:${u.code}`] = u.id;
    for (const a of await db.agency.findMany()) ids[`agency:${a.code}`] = a.id;
    for (const a of await db.area.findMany()) ids[`area:${a.code}`] = a.id;
    ids.reporter = (await db.member.create({ data: { slackUserId: "U0TROOPER1", teamId: "T0TASKF0RC" } })).id;

    // Traffic Services Unit.
    await report({
      unit: "tsu",
      on: "2025-03-10",
      area: "i-84-ramps",
      trafficStops: 10,
      citations: 4,
      firearms: 1,
    });
    await report({ unit: "tsu", on: "2025-03-05", area: "i-91-ramps", trafficStops: 5, citations: 1 });
    await report({ unit: "tsu", on: "2025-03-01", area: "frog-hollow", trafficStops: 3, citations: 2 });
    await report({ unit: "tsu", on: "2025-02-20", trafficStops: 2 }); // no area
    await report({ unit: "tsu", on: "2025-01-20", area: "downtown", trafficStops: 4, citations: 1 }); // YTD only
    await report({ unit: "tsu", on: "2025-03-08", area: "i-84-ramps", trafficStops: 7, voided: true });
    await report({ unit: "tsu", on: "2024-03-01", area: "downtown", trafficStops: 6, citations: 3 });
    await report({ unit: "tsu", on: "2024-02-15", area: "i-84-ramps", trafficStops: 2 });
    // Parole Supervision (DOC).
    await report({
      unit: "parole",
      agency: "DOC",
      on: "2025-03-09",
      area: "north-east",
      paroleChecks: 6,
      paroleViolations: 1,
    });
    await report({
      unit: "parole",
      agency: "DOC",
      on: "2025-02-25",
      paroleChecks: 4,
      warrants: 1,
      arrests: 1,
    });
    await report({ unit: "parole", agency: "DOC", on: "2024-02-20", paroleChecks: 3 });
    // Statewide Narcotics Task Force.
    await report({
      unit: "sntf",
      on: "2025-03-03",
      area: "frog-hollow",
      firearms: 3,
      stolenFirearms: 2,
      currencyCents: 450_000n,
      arrests: 2,
      narcotics: [
        { code: "H", massMg: 25_000 },
        { code: "P", dosageUnits: 40 },
      ],
    });
    await report({
      unit: "sntf",
      on: "2025-02-12",
      firearms: 1,
      currencyCents: 12_050n,
      narcotics: [{ code: "B", massMg: 42_524 }],
    });
    await report({
      unit: "sntf",
      on: "2024-03-05",
      firearms: 2,
      stolenFirearms: 1,
      narcotics: [{ code: "H", massMg: 10_000 }],
    });
    // Violent Crimes Task Force (HPD).
    await report({ unit: "vctf", agency: "HPD", on: "2025-03-07", arrests: 2, warrants: 1 });
    await report({ unit: "vctf", agency: "HPD", on: "2024-02-28", arrests: 1 });
    // A unit an admin added, and a retired one with a report in the period.
    await report({ unit: "gang-unit", agency: "HPD", on: "2025-03-02", firearms: 1, arrests: 1 });
    await report({ unit: "old-unit", agency: "HPD", on: "2025-03-04", arrests: 1 });
  });
  afterAll(async () => {
    await database?.drop();
  });

  /** Each unit as "name: measure value, …", values as printed. */
  function lines(tally: UnitEffortTally): string[] {
    return tally.units.map(
      (u) =>
        `${u.name}${u.retired ? " (retired)" : ""} [${u.reports}]: ${u.measures
          .map(
            (m) =>
              `${m.name} ${m.unit === "share" ? `${formatShare(m.share.percent)} ${m.share.highway}/${m.share.neighborhood}/${m.share.noArea}` : m.value}`,
          )
          .join(", ")}`,
    );
  }

  it("sums each unit's own measures over 28 days, listing every active unit and retired ones with reports", async () => {
    const tally = await effort().tallyByUnit({ period: parsePeriod("28d", "2025-03-10", "monday") });
    expect(tally.period).toMatchObject({ from: "2025-02-11", to: "2025-03-10" });
    expect(lines(tally)).toEqual([
      // Nothing reported: its measures are zero, and it is still listed.
      "Auto Theft Task Force [0]: vehicles 0, arrests 0",
      // The default measures: reports, guns, narcotics in mg, cash in cents, arrests.
      "Gang Unit [1]: reports 1, guns 1, narcotics-grams 0, cash 0, arrests 1",
      "Old Unit (retired) [1]: reports 1, guns 0, narcotics-grams 0, cash 0, arrests 1",
      // 6 + 4 checks; the 2024 report is a year earlier.
      "Parole Supervision [2]: parole-checks 10, parole-violations 1, warrants 1",
      // 3 + 1 guns, 25,000 + 42,524 mg, $4,500 + $120.50.
      "Statewide Narcotics Task Force [2]: guns 4, stolen-guns 2, narcotics-grams 67524, cash 462050",
      // 10 + 5 + 3 + 2 stops (the voided 7 count nowhere): 15 on highway posts, 3 in Frog Hollow,
      // 2 with no area; 15 of 18 placed stops is 83.3%.
      "Traffic Services Unit [4]: stops 20, citations 7, highway-share 83% 15/3/2, guns 1",
      "Violent Crimes Task Force [1]: arrests 2, warrants 1",
    ]);
    // Every unit's stops together: the Traffic Services Unit's alone here.
    expect(tally.highway).toEqual({
      highway: 15,
      neighborhood: 3,
      noArea: 2,
      stops: 20,
      percent: (15 * 100) / 18,
    });
    // The retired unit with no report in the period is not listed.
    expect(tally.units.map((u) => u.code)).not.toContain("gone-unit");
  });

  it("filters by unit and by agency, and says n/a for a period with no stops", async () => {
    const ytd = parsePeriod("ytd", "2025-03-10", "monday");
    const tsu = await effort().tallyByUnit({ period: ytd, unit: "Traffic Services Unit" });
    expect(tsu.unit).toBe("Traffic Services Unit");
    // Year to date adds Downtown's 4 stops: 15 of 22 placed stops, 68.2%.
    expect(lines(tsu)).toEqual([
      "Traffic Services Unit [5]: stops 24, citations 8, highway-share 68% 15/7/2, guns 1",
    ]);
    expect(formatShare(tsu.highway.percent)).toBe("68%");

    const doc = await effort().tallyByUnit({ period: ytd, agency: "doc" });
    expect(doc.agency).toBe("DOC");
    expect(lines(doc).filter((l) => !l.includes("[0]"))).toEqual([
      "Parole Supervision [2]: parole-checks 10, parole-violations 1, warrants 1",
    ]);
    expect(doc.highway).toEqual({ highway: 0, neighborhood: 0, noArea: 0, stops: 0, percent: null });

    // No stops from 1 to 19 January: there is no share to state.
    const quiet = await effort().highwayShare({ period: { from: "2025-01-01", to: "2025-01-19" } });
    expect(quiet).toEqual({ highway: 0, neighborhood: 0, noArea: 0, stops: 0, percent: null });
    expect(formatShare(quiet.percent)).toBe("n/a");
    // The day of the stops with no area alone: stops, but none placed.
    const unplaced = await effort().highwayShare({ period: { from: "2025-02-20", to: "2025-02-20" } });
    expect(unplaced).toEqual({ highway: 0, neighborhood: 0, noArea: 2, stops: 2, percent: null });
  });

  /** A unit's measure in the comparison, as "now/prior Δ %Δ" per window, as printed. */
  function figures(c: UnitEffortComparison, unit: string, measure: string): string[] {
    const m = c.units.find((u) => u.code === unit)?.measures.find((x) => x.name === measure);
    if (!m) throw new Error(`no ${measure} for ${unit}`);
    return (["wtd", "d28", "ytd"] as const).map((w) => {
      if (m.unit === "share") {
        const s = m[w];
        return `${formatShare(s.current.percent)}/${formatShare(s.prior.percent)} ${formatPoints(s.points)}`;
      }
      const c2 = m[w];
      return `${c2.current}/${c2.prior} ${c2.delta} ${formatPercent(c2.percent)}`;
    });
  }

  it("compares each unit's measures with the same dates a year earlier, for the digest", async () => {
    const c = await effort().compared({ asOf: "2025-03-10" });
    expect(c.windows.d28.prior).toEqual({ from: "2024-02-11", to: "2024-03-10" });
    //                                   WTD                 28 days                 YTD
    expect(figures(c, "tsu", "stops")).toEqual(["10/0 10 n/a", "20/8 12 +150%", "24/8 16 +200%"]);
    expect(figures(c, "tsu", "citations")).toEqual(["4/0 4 n/a", "7/3 4 +133%", "8/3 5 +167%"]);
    // 2024: 2 of 8 stops on a highway post (25%); 28 days 83.3% − 25% = 58.3 points.
    expect(figures(c, "tsu", "highway-share")).toEqual([
      "100%/n/a n/a",
      "83%/25% +58 pts",
      "68%/25% +43 pts",
    ]);
    expect(figures(c, "tsu", "guns")).toEqual(["1/0 1 n/a", "1/0 1 n/a", "1/0 1 n/a"]);
    expect(figures(c, "parole", "parole-checks")).toEqual(["0/0 0 n/a", "10/3 7 +233%", "10/3 7 +233%"]);
    expect(figures(c, "parole", "parole-violations")).toEqual(["0/0 0 n/a", "1/0 1 n/a", "1/0 1 n/a"]);
    expect(figures(c, "sntf", "narcotics-grams")).toEqual([
      "0/0 0 n/a",
      "67524/10000 57524 +575%",
      "67524/10000 57524 +575%",
    ]);
    expect(figures(c, "sntf", "cash")).toEqual(["0/0 0 n/a", "462050/0 462050 n/a", "462050/0 462050 n/a"]);
    expect(figures(c, "vctf", "arrests")).toEqual(["0/0 0 n/a", "2/1 1 +100%", "2/1 1 +100%"]);
    expect(figures(c, "attf", "vehicles")).toEqual(["0/0 0 n/a", "0/0 0 n/a", "0/0 0 n/a"]);
    // Every unit's stops: the Traffic Services Unit's, as above.
    expect(formatPoints(c.highway.d28.points)).toBe("+58 pts");
    expect(c.highway.wtd.prior.percent).toBeNull();
    expect(c.units.map((u) => u.code)).toEqual([
      "attf",
      "gang-unit",
      "old-unit",
      "parole",
      "sntf",
      "tsu",
      "vctf",
    ]);
  });

  it("renders the comparison for the digest inside Block Kit's limits", async () => {
    const c = await effort().compared({ asOf: "2025-03-10" });
    const blocks = unitEffortBlocks(c);
    const texts = blocks.map((b) => (b.type === "section" ? b.text?.text : b.type));
    expect(texts.length).toBe(8);
    expect(texts[0]).toBe(
      "*Lines of effort* (each unit's own measures, vs a year earlier)\n" +
        "*Traffic stops on highway posts:* 28 days 83% (a year earlier 25%, +58 pts) · year to date 68% (a year earlier 25%, +43 pts)",
    );
    expect(texts[3]?.split("\n")[0]).toBe("*Old Unit* (retired)");
    expect(texts[6]).toBe(
      [
        "*Traffic Services Unit*",
        "```",
        "                        28d  Prior        Δ     %Δ  YTD  Prior        Δ     %Δ",
        "Traffic stops            20      8      +12  +150%   24      8      +16  +200%",
        "Citations                 7      3       +4  +133%    8      3       +5  +167%",
        "Stops on highway posts  83%    25%  +58 pts         68%    25%  +43 pts",
        "Guns seized               1      0       +1    n/a    1      0       +1    n/a",
        "```",
      ].join("\n"),
    );
    expect(texts[5]).toContain("Narcotics      67.52 g   10 g    +57.52 g  +575%");
    expect(texts[5]).toContain("Cash         $4,620.50     $0  +$4,620.50    n/a");
    expect(unitEffortHeadline(c)).toBe(
      "Traffic stops on highway posts, 28 days: 83% on highway posts (15 of 18 stops with an area; 2 stops with no area left out).",
    );
    expect(checkMessage({ text: unitEffortHeadline(c), blocks })).toEqual([]);
    // Squeezed into 4 blocks: the share, two units, and how many more there are.
    const squeezed = unitEffortBlocks(c, 4);
    expect(squeezed.length).toBe(4);
    expect(JSON.stringify(squeezed.at(-1))).toContain("5 more units: `/tf tally by:unit`.");
  });

  it("answers `/tf tally by:unit` inside Slack's 50 blocks however many units there are", () => {
    const period = parsePeriod("28d", "2025-03-10", "monday");
    const none = { highway: 0, neighborhood: 0, noArea: 0, stops: 0, percent: null };
    const units = Array.from({ length: 60 }, (_, i) => ({
      code: `unit-${String(i).padStart(2, "0")}`,
      name: `Unit ${String(i).padStart(2, "0")}`,
      retired: false,
      reports: 0,
      measures: [{ name: "stops" as const, label: "Traffic stops", unit: "count" as const, value: 0 }],
    }));
    const [text, blocks] = renderUnitTally({ period, units, highway: none }, "America/New_York");
    expect(blocks.length).toBe(50);
    expect(JSON.stringify(blocks.at(-1))).toContain(
      "14 more units not shown: ask for one with `unit:<unit>`.",
    );
    expect(text).toContain("Unit 59: Traffic stops 0.");
    expect(checkMessage({ text, blocks })).toEqual([]);
  });

  it("shows an admin's own measures for a unit, audited with before and after, and goes back to the table", async () => {
    const admin: Actor = {
      userId: "U0ADMIN001",
      teamId: "T0TASKF0RC",
      role: "admin",
      requestId: "req-1",
      now: new Date("2025-03-10T15:00:00Z"),
    };
    const measures = unitMeasuresUseCases({ db, taskForce });
    const changed = await measures.set(
      { unit: "tsu", measures: ["stops", "highway-share", "dosage-units"] },
      admin,
    );
    expect(changed.before).toEqual({
      code: "tsu",
      name: "Traffic Services Unit",
      measures: ["stops", "citations", "highway-share", "guns"],
      source: "table",
    });
    expect(changed.after.measures).toEqual(["stops", "highway-share", "dosage-units"]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "admin.unit.measures" } });
    expect(audit).toMatchObject({
      actorUserId: "U0ADMIN001",
      targetType: "unit",
      targetId: "tsu",
      outcome: "ok",
    });
    expect(JSON.parse(audit.before ?? "")).toEqual({
      measures: ["stops", "citations", "highway-share", "guns"],
      source: "table",
    });
    expect(JSON.parse(audit.after ?? "")).toEqual({
      measures: ["stops", "highway-share", "dosage-units"],
      source: "admin",
    });
    const tally = await effort().tallyByUnit({
      period: parsePeriod("28d", "2025-03-10", "monday"),
      unit: "tsu",
    });
    expect(lines(tally)).toEqual([
      "Traffic Services Unit [4]: stops 20, highway-share 83% 15/3/2, dosage-units 0",
    ]);

    await measures.set({ unit: "tsu", measures: "default" }, admin);
    expect((await db.unit.findFirstOrThrow({ where: { code: "tsu" } })).measures).toBeNull();
    expect(await measures.show({ unit: "tsu" })).toMatchObject({ source: "table" });
  });
});
