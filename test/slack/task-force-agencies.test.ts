// Agencies in use per task force: an agency is one statewide row, and which ones take part in a
// task force (its choices, its matching, its retirements) is that task force's alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/bootstrap.js";
import { createDatabase, type Database } from "../../src/db/client.js";
import { applyMigrations } from "../../src/db/migrate.js";
import { createLogger } from "../../src/infra/logger.js";
import { agencyOfWorkspace } from "../../src/usecases/members/members.js";
import { loadActiveReference } from "../../src/usecases/reference/active-reference.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { createEmptyTestDatabase, testEngine } from "../helpers/database.js";

const stateAdmin = "U0ADMIN001";
const detective = "U0DETECT01";
const partnerTeam = "T0PARTNER1";
const now = new Date("2025-03-10T15:00:00Z");

describe(`agencies in use per task force (${testEngine})`, () => {
  let bot: TestBot;
  const db = () => bot.database.db.prisma;
  const as = (text: string) => bot.reply(text, { userId: stateAdmin });
  const codes = async (taskForceId: number) => {
    const reference = await loadActiveReference(db(), taskForceId);
    return {
      active: reference.agencies.map((a) => a.code),
      other: reference.otherAgencies.map((a) => a.code),
    };
  };

  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: stateAdmin }, clock: () => now });
    await as('admin taskforce add newhaven name:"New Haven Shooting Task Force"');
    // Each task force makes its own changes: Hartford stops using DEA; New Haven stops using the
    // city police of Hartford and adds its own.
    await as("admin agency retire DEA tf:hartford");
    await as("admin agency retire HPD tf:newhaven");
    await as('admin agency add NHPD name:"New Haven Police Department" tf:newhaven');
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it("seeds a new task force with the partnership's agencies, and lists each task force's own", async () => {
    expect(await db().agency.count()).toBe(9);
    expect(await db().taskForceAgency.count({ where: { taskForceId: 2 } })).toBe(9);
    expect(await codes(1)).toEqual({
      active: ["ATF", "CSP", "DOC", "FBI", "HPD", "HSI", "USMS"],
      other: ["DEA", "NHPD"],
    });
    expect(await codes(2)).toEqual({
      active: ["ATF", "CSP", "DEA", "DOC", "FBI", "HSI", "NHPD", "USMS"],
      other: ["HPD"],
    });
    const audit = await db().auditEvent.findMany({
      where: { action: { startsWith: "admin.agency." } },
      orderBy: { seq: "asc" },
      select: { taskForceId: true, action: true, targetId: true },
    });
    expect(audit).toEqual([
      { taskForceId: 1, action: "admin.agency.retire", targetId: "DEA" },
      { taskForceId: 2, action: "admin.agency.retire", targetId: "HPD" },
      { taskForceId: 2, action: "admin.agency.add", targetId: "NHPD" },
    ]);
  });

  it("offers only the task force's agencies in the assign form", async () => {
    const agencyOptions = async (tf: string) => {
      const opens = () => bot.emulator.calls.filter((c) => c.method === "views.open");
      const before = opens().length;
      await bot.driver.command(`assign tf:${tf}`, { userId: stateAdmin, channelId: "C0OPS00001" });
      await expect.poll(() => opens().length).toBe(before + 1);
      const view = opens().at(-1)?.args.view as {
        blocks: Array<{ block_id: string; element?: { options?: Array<{ value: string }> } }>;
      };
      return view.blocks.find((b) => b.block_id === "agency")?.element?.options?.map((o) => o.value);
    };
    expect(await agencyOptions("hartford")).toEqual(["ATF", "CSP", "DOC", "FBI", "HPD", "HSI", "USMS"]);
    expect(await agencyOptions("newhaven")).toEqual([
      "ATF",
      "CSP",
      "DEA",
      "DOC",
      "FBI",
      "HSI",
      "NHPD",
      "USMS",
    ]);
  });

  it("refuses, ephemerally and writing nothing, a seizure, assignment or mapping naming an agency not in the task force", async () => {
    const herePartners = "`ATF`, `CSP`, `DOC`, `FBI`, `HPD`, `HSI`, `USMS`";
    expect(await as(`assign <@${detective}> unit:vctf agency:NHPD from:2025-03-01 tf:hartford`)).toBe(
      `:warning: \`agency:NHPD\`: NHPD (New Haven Police Department) does not take part in this task force.\nAn admin adds it with /tf admin agency add NHPD name:"New Haven Police Department". Agencies here: ${herePartners}.`,
    );
    // Retired here: the same answer, though New Haven still uses it.
    expect(await as("seizure guns:1 unit:vctf agency:DEA tf:hartford")).toBe(
      `:warning: \`agency:DEA\`: DEA (Drug Enforcement Administration) does not take part in this task force.\nAn admin adds it with /tf admin agency add DEA name:"Drug Enforcement Administration". Agencies here: ${herePartners}.`,
    );
    // By name as well as by code.
    const byName = await as('seizure guns:1 unit:vctf agency:"City Police Department" tf:newhaven');
    expect(byName.split("\n")[0]).toBe(
      ":warning: `agency:City Police Department`: HPD (City Police Department) does not take part in this task force.",
    );
    expect(await as(`admin workspace ${partnerTeam} agency:HPD tf:newhaven`)).toMatch(
      /^:warning: `agency:HPD`: HPD \(City Police Department\) does not take part in this task force\.\n/,
    );
    // An agency no task force has is still unknown, as before.
    expect((await as("seizure guns:1 unit:vctf agency:XYZ tf:newhaven")).split("\n")[0]).toBe(
      ":warning: `agency:XYZ`: there is no agency by that name.",
    );
    // The refusal is the caller's alone.
    const raw = await bot.driver.command("seizure guns:1 unit:vctf agency:NHPD tf:hartford", {
      userId: stateAdmin,
    });
    expect(await bot.emulator.waitForResponse(raw.responseUrlId, 10_000)).toMatchObject({
      response_type: "ephemeral",
    });
    expect(await db().seizureReport.count()).toBe(0);
    expect(await db().assignment.count()).toBe(0);
    expect(await db().workspace.count()).toBe(0);
  });

  it("accepts in each task force its own agencies", async () => {
    expect(await as(`assign <@${detective}> unit:vctf agency:NHPD from:2025-03-01 tf:newhaven`)).toBe(
      "Registered assignment A-1: <@U0DETECT01> to Violent Crimes Task Force (NHPD), from 2025-03-01, open-ended.",
    );
    expect(await as(`admin workspace ${partnerTeam} agency:HPD tf:hartford`)).toBe(
      ":white_check_mark: Workspace T0PARTNER1: HPD. People from it are now attributed to that agency unless a command names another.",
    );
    const rows = await db().assignment.findMany({
      select: { taskForceId: true, agency: { select: { code: true } } },
    });
    expect(rows).toEqual([{ taskForceId: 2, agency: { code: "NHPD" } }]);
  });

  it("adds a statewide agency to a task force under its statewide name, and restores a retired one there only", async () => {
    expect(await as('admin agency add NHPD name:"NHPD" tf:hartford')).toBe(
      ':white_check_mark: Added agency `NHPD`: New Haven Police Department. That is the name it has statewide, so name:"NHPD" was not used.',
    );
    expect(await as('admin agency add DEA name:"Drug Enforcement Administration" tf:hartford')).toBe(
      ":white_check_mark: Restored agency `DEA`: Drug Enforcement Administration.",
    );
    expect(await as('admin agency add CSP name:"State Police" tf:newhaven')).toBe(
      ':warning: The agency `CSP` already exists (State Police).\nRename it with /tf admin agency rename CSP name:"…".',
    );
    expect(await codes(1)).toEqual({
      active: ["ATF", "CSP", "DEA", "DOC", "FBI", "HPD", "HSI", "NHPD", "USMS"],
      other: [],
    });
    expect(await codes(2)).toEqual({
      active: ["ATF", "CSP", "DEA", "DOC", "FBI", "HSI", "NHPD", "USMS"],
      other: ["HPD"],
    });
    expect(await db().agency.count()).toBe(9);
  });

  it("renames only an agency no other task force uses", async () => {
    expect(await as('admin agency add GPD name:"Guilford Police" tf:newhaven')).toBe(
      ":white_check_mark: Added agency `GPD`: Guilford Police.",
    );
    expect(await as('admin agency rename GPD name:"Guilford Police Department" tf:newhaven')).toBe(
      ":white_check_mark: Renamed agency `GPD` to `GPD`: Guilford Police Department. Past records follow it.",
    );
    expect(await as('admin agency rename NHPD name:"NH Police" tf:newhaven')).toBe(
      ":warning: The agency `NHPD` also takes part in another task force (`hartford`): its code and name are theirs too, so one task force cannot change them.\nTo stop using it here, /tf admin agency retire NHPD; to use another name, add a new agency with its own code.",
    );
    expect(await as('admin agency rename GPD name:"X Police" tf:hartford')).toBe(
      ":warning: There is no agency `GPD`.\nKnown: `ATF`, `CSP`, `DEA`, `DOC`, `FBI`, `HPD`, `HSI`, `NHPD`, `USMS`.",
    );
    expect(
      await db().agency.findMany({
        where: { code: { in: ["GPD", "NHPD"] } },
        select: { code: true, name: true },
        orderBy: { code: "asc" },
      }),
    ).toEqual([
      { code: "GPD", name: "Guilford Police Department" },
      { code: "NHPD", name: "New Haven Police Department" },
    ]);
  });

  it("stops attributing a mapped workspace when its agency is retired in that task force", async () => {
    expect((await agencyOfWorkspace(db(), 1, partnerTeam))?.code).toBe("HPD");
    expect(await as("admin agency retire HPD tf:hartford")).toBe(
      ":white_check_mark: Retired agency `HPD` (City Police Department). Records that used it keep it.",
    );
    expect(await agencyOfWorkspace(db(), 1, partnerTeam)).toBeNull();
    // The mapping itself stays, so adding HPD back attributes its people again.
    expect(await db().workspace.count()).toBe(1);
    await as('admin agency add HPD name:"City Police Department" tf:hartford');
    expect((await agencyOfWorkspace(db(), 1, partnerTeam))?.code).toBe("HPD");
  });
});

describe(`an existing database's agencies join its task force (${testEngine})`, () => {
  let database: Database | undefined;
  let drop: (() => Promise<void>) | undefined;
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  it("as they were: active ones active, a retired one retired, nothing else changed", async () => {
    const empty = await createEmptyTestDatabase();
    drop = empty.drop;
    await applyMigrations(empty.url, { through: "20261206090700_audit_hash_version" });
    const old = await createDatabase(empty.url);
    const at = (iso: string) =>
      testEngine === "sqlite"
        ? `'${iso.replace("Z", "+00:00")}'`
        : `'${iso.replace("T", " ").replace("Z", "")}'`;
    await old.prisma.$executeRawUnsafe(
      `INSERT INTO "Agency" ("id", "code", "name", "createdAt", "retiredAt") VALUES
        (1, 'HPD', 'Hartford Police', ${at("2024-01-02T10:00:00.000Z")}, NULL),
        (2, 'CSP', 'State Police', ${at("2024-01-02T10:00:00.000Z")}, NULL),
        (3, 'OLD', 'Disbanded Unit', ${at("2024-01-02T10:00:00.000Z")}, ${at("2024-06-01T12:00:00.000Z")})`,
    );
    if (testEngine === "postgresql") {
      // Explicit ids leave the sequence behind; as a real database's would not be.
      await old.prisma.$executeRawUnsafe(
        `SELECT setval(pg_get_serial_sequence('"Agency"', 'id'), (SELECT MAX("id") FROM "Agency"))`,
      );
    }
    await old.close();
    database = await openDatabase(empty.url, createLogger("silent"));
    const links = await database.prisma.taskForceAgency.findMany({
      where: { agencyId: { in: [1, 2, 3] } },
      orderBy: { agencyId: "asc" },
      select: { taskForceId: true, agencyId: true, joinedAt: true, retiredAt: true },
    });
    expect(links).toEqual([
      { taskForceId: 1, agencyId: 1, joinedAt: new Date("2024-01-02T10:00:00.000Z"), retiredAt: null },
      { taskForceId: 1, agencyId: 2, joinedAt: new Date("2024-01-02T10:00:00.000Z"), retiredAt: null },
      {
        taskForceId: 1,
        agencyId: 3,
        joinedAt: new Date("2024-01-02T10:00:00.000Z"),
        retiredAt: new Date("2024-06-01T12:00:00.000Z"),
      },
    ]);
    // The names stay as the admins left them; start-up adds the partnership's other 6 and no more.
    const reference = await loadActiveReference(database.prisma, 1);
    expect(reference.agencies.map((a) => [a.code, a.name])).toEqual([
      ["ATF", "Bureau of Alcohol, Tobacco, Firearms and Explosives"],
      ["CSP", "State Police"],
      ["DEA", "Drug Enforcement Administration"],
      ["DOC", "Department of Correction (Parole)"],
      ["FBI", "Federal Bureau of Investigation"],
      ["HPD", "Hartford Police"],
      ["HSI", "Homeland Security Investigations"],
      ["USMS", "U.S. Marshals Service"],
    ]);
    expect(reference.otherAgencies.map((a) => a.code)).toEqual(["OLD"]);
    expect(await database.prisma.taskForceAgency.count()).toBe(9);
  });
});
