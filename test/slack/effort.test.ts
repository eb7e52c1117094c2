import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { testEngine } from "../helpers/database.js";

const admin = "U0ADMIN001";
const trooper = "U0TROOPER1";
const parole = "U0PAROLE01";
const viewer = "U0VIEWER01";
const clock = new Date("2025-03-10T15:00:00Z"); // Monday, 11:00 in New York

/**
 * Enforcement activity on the seizure report, each unit's own measures and the highway share of
 * traffic stops, through the real bot. Figures are counted by hand from the reports below.
 */
describe(`lines of effort: activity, per-unit measures and the highway share (${testEngine})`, () => {
  let bot: TestBot;
  const db = () => bot.database.db.prisma;
  const blocksOf = async (text: string, userId: string) => {
    const sent = await bot.driver.command(text, { userId });
    const reply = (await bot.emulator.waitForResponse(sent.responseUrlId)) as {
      text: string;
      blocks: unknown[];
    };
    return { text: reply.text, blocks: JSON.stringify(reply.blocks) };
  };

  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: admin }, clock: () => clock });
    expect(
      await bot.reply(`assign <@${trooper}> unit:tsu agency:CSP from:2025-01-01`, { userId: admin }),
    ).toContain("Registered assignment");
    expect(
      await bot.reply(`assign <@${parole}> unit:parole agency:DOC from:2025-01-01`, { userId: admin }),
    ).toContain("Registered assignment");
    const member = await db().member.create({ data: { slackUserId: viewer, teamId: "T0TASKF0RC" } });
    await db().roleGrant.create({
      data: { taskForceId: 1, memberId: member.id, role: "viewer", grantedBy: admin },
    });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it("records a trooper's shift of stops with nothing seized as an activity report", async () => {
    const { text, blocks } = await blocksOf("seizure stops:14 citations:6 area:i-84-ramps", trooper);
    expect(text).toBe("Recorded activity report S-1 on 2025-03-10: Traffic Services Unit (CSP), I-84 ramps.");
    expect(blocks).toContain("• 14 traffic stops\\n• 6 citations");
    expect(await db().seizureReport.findUniqueOrThrow({ where: { id: 1 } })).toMatchObject({
      trafficStops: 14,
      citations: 6,
      paroleChecks: 0,
      paroleViolations: 0,
      firearms: 0,
    });
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "seizure.create", targetId: "S-1" },
    });
    expect(JSON.parse(audit.after ?? "{}").items).toMatchObject({ trafficStops: 14, citations: 6 });
  });

  it("records activity beside what was seized, and parole's visits", async () => {
    expect(await bot.reply("seizure stops:3 guns:1 area:frog-hollow", { userId: trooper })).toBe(
      "Recorded seizure S-2 on 2025-03-10: Traffic Services Unit (CSP), Frog Hollow.",
    );
    // Stops with no area: counted, and left out of the highway share.
    expect(await bot.reply("seizure stops:2 on:yesterday", { userId: trooper })).toBe(
      "Recorded activity report S-3 on 2025-03-09: Traffic Services Unit (CSP).",
    );
    expect(
      await bot.reply("seizure parole-checks:5 parole-violations:1 on:2025-03-08", { userId: parole }),
    ).toBe("Recorded activity report S-4 on 2025-03-08: Parole Supervision (DOC).");
    // Voided: counts nowhere.
    await bot.reply("seizure stops:50 area:downtown", { userId: trooper });
    expect(await bot.reply('void S-5 reason:"entered twice"', { userId: trooper })).toContain(
      "Voided seizure S-5",
    );
    // A year earlier: outside every period asked for below.
    expect(
      await bot.reply("seizure stops:1 area:i-91-ramps on:2024-03-01 unit:tsu agency:CSP", { userId: admin }),
    ).toBe("Recorded activity report S-6 on 2024-03-01: Traffic Services Unit (CSP), I-91 ramps.");
  });

  it.each([
    ["seizure stops:-1", ":warning: `stops:-1`: a count can't be negative.\ne.g. stops:2"],
    ["seizure citations:2.5", ":warning: `citations:2.5`: a count must be a whole number.\ne.g. citations:2"],
    [
      "seizure parole-checks:1e2",
      ":warning: `parole-checks:1e2`: write the count as a plain whole number.\ne.g. parole-checks:2",
    ],
    [
      "seizure parole-violations:-0.5",
      ":warning: `parole-violations:-0.5`: a count can't be negative.\ne.g. parole-violations:2",
    ],
    [
      "seizure guns:1 stops:two",
      ":warning: `stops:two` is not a number: write a whole number.\ne.g. stops:2",
    ],
    [
      "seizure stops:0 citations:0",
      ":warning: Every item is zero: a report needs at least one thing seized or done.\n" +
        "e.g. /tf seizure guns:2 stolen-guns:1 fentanyl:25g cocaine:1.5oz pills:40du cash:4500 arrests:1",
    ],
  ])("refuses %s and writes nothing", async (command, expected) => {
    const reports = await db().seizureReport.count();
    const audits = await db().auditEvent.count({ where: { action: "seizure.create" } });
    expect(await bot.reply(command, { userId: trooper })).toBe(expected);
    expect(await db().seizureReport.count()).toBe(reports);
    expect(await db().auditEvent.count({ where: { action: "seizure.create" } })).toBe(audits);
  });

  it("totals activity in the tally with the share of stops on highway posts", async () => {
    // 28 days: stops 14 (I-84 ramps) + 3 (Frog Hollow) + 2 (no area) = 19; 14 of 17 placed = 82.4%.
    const { text, blocks } = await blocksOf("tally 28d", viewer);
    expect(text).toBe(
      "Seizure tally — last 28 days (2025-02-11 – 2025-03-10): 4 reports, 1 guns, $0 cash, 0 arrests. " +
        "Activity: 19 traffic stops (82% on highway posts), 6 citations, 5 parole checks, 1 parole violation.",
    );
    expect(blocks).toContain('"text":"*Traffic stops*\\n19"');
    expect(blocks).toContain('"text":"*Citations*\\n6"');
    expect(blocks).toContain('"text":"*Parole checks*\\n5"');
    expect(blocks).toContain('"text":"*Parole violations*\\n1"');
    expect(blocks).toContain(
      "*Traffic stops on highway posts*\\n82% on highway posts (14 of 17 stops with an area; 2 stops with no area left out)",
    );
    // A period with no stops: no share to state.
    const quiet = await blocksOf("tally 2025-01-01..2025-01-31", viewer);
    expect(quiet.text).toBe(
      "Seizure tally — 2025-01-01 – 2025-01-31 (31 days): 0 reports, 0 guns, $0 cash, 0 arrests.",
    );
    expect(quiet.blocks).toContain("*Traffic stops on highway posts*\\nn/a (no traffic stops)");
  });

  it("shows each unit its own measures with `/tf tally by:unit`", async () => {
    const { text, blocks } = await blocksOf("tally 28d by:unit", viewer);
    expect(text).toBe(
      [
        "Tally by unit — last 28 days (2025-02-11 – 2025-03-10).",
        "Traffic stops on highway posts, all units: 82% on highway posts (14 of 17 stops with an area; 2 stops with no area left out).",
        "Auto Theft Task Force: Vehicles recovered 0 · Arrests 0.",
        "Parole Supervision: Parole checks 5 · Parole violations 1 · Search warrants 0.",
        "Statewide Narcotics Task Force: Guns seized 0 · Stolen guns 0 · Narcotics 0 g · Cash $0.",
        "Traffic Services Unit: Traffic stops 19 · Citations 6 · Stops on highway posts 82% (14 of 17; 2 no area) · Guns seized 1.",
        "Violent Crimes Task Force: Arrests 0 · Search warrants 0.",
      ].join(" "),
    );
    expect(blocks).toContain(
      "*Traffic Services Unit* (`tsu`) · 3 reports\\nTraffic stops: *19* · Citations: *6* · Stops on highway posts: *82% (14 of 17; 2 no area)* · Guns seized: *1*",
    );
    expect(blocks).toContain("*Parole Supervision* (`parole`) · 1 report\\nParole checks: *5*");
    expect(blocks).toContain(
      "*Traffic stops on highway posts* (all units): 82% on highway posts (14 of 17 stops with an area; 2 stops with no area left out)",
    );
    // One unit, any period form; and a period with no stops.
    expect(await bot.reply("tally 2025-01-01..2025-01-31 by:unit unit:tsu", { userId: viewer })).toBe(
      "Tally by unit — 2025-01-01 – 2025-01-31 (31 days) (Traffic Services Unit). " +
        "Traffic stops on highway posts, Traffic Services Unit: n/a (no traffic stops). " +
        "Traffic Services Unit: Traffic stops 0 · Citations 0 · Stops on highway posts n/a (no stops) · Guns seized 0.",
    );
    expect(await bot.reply("tally by:agency", { userId: viewer })).toBe(
      ":warning: `by:` must be unit: `/tf tally by:unit` shows each unit's own measures.\n" +
        "Usage: `/tf tally [<period>] [unit:<unit>] [agency:<agency>] [by:unit]`",
    );
  });

  it("lets an admin choose a unit's measures, audited, refusing unknown names and writing nothing", async () => {
    expect(await bot.reply("admin unit measures tsu", { userId: admin })).toBe(
      "Traffic Services Unit (`tsu`) is judged by `stops`, `citations`, `highway-share`, `guns` (the task force's table for this unit).",
    );
    const refused = await bot.reply("admin unit measures tsu stops,stop-rate", { userId: admin });
    expect(refused).toBe(
      ":warning: `stop-rate` is not a measure.\n" +
        "Measures: reports, guns, stolen-guns, ghost-guns, conversion-devices, narcotics-grams, dosage-units, cash, vehicles, arrests, warrants, stops, citations, highway-share, parole-checks, parole-violations.",
    );
    expect(await db().auditEvent.count({ where: { action: "admin.unit.measures" } })).toBe(0);
    expect((await db().unit.findFirstOrThrow({ where: { code: "tsu" } })).measures).toBeNull();
    expect(await bot.reply("admin unit measures tsu stops,citations", { userId: trooper })).toMatch(
      /^:warning: You can't run `\/tf admin`\. It needs the \*admin\* role; you are a \*member\*\./,
    );

    expect(await bot.reply("admin unit measures tsu stops, highway-share", { userId: admin })).toBe(
      ":white_check_mark: Traffic Services Unit (`tsu`) is now judged by `stops`, `highway-share` (set by an admin); before: `stops`, `citations`, `highway-share`, `guns`.",
    );
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "admin.unit.measures" } });
    expect(audit).toMatchObject({ actorUserId: admin, targetType: "unit", targetId: "tsu", outcome: "ok" });
    expect(JSON.parse(audit.before ?? "")).toEqual({
      measures: ["stops", "citations", "highway-share", "guns"],
      source: "table",
    });
    expect(JSON.parse(audit.after ?? "")).toEqual({ measures: ["stops", "highway-share"], source: "admin" });
    expect(await bot.reply("tally 28d by:unit unit:tsu", { userId: viewer })).toContain(
      "Traffic Services Unit: Traffic stops 19 · Stops on highway posts 82% (14 of 17; 2 no area).",
    );

    expect(await bot.reply("admin unit measures tsu default", { userId: admin })).toBe(
      ":white_check_mark: Traffic Services Unit (`tsu`) is now judged by `stops`, `citations`, `highway-share`, `guns` (the task force's table for this unit); before: `stops`, `highway-share`.",
    );
    expect((await db().unit.findFirstOrThrow({ where: { code: "tsu" } })).measures).toBeNull();
    expect(await db().auditEvent.count({ where: { action: "admin.unit.measures" } })).toBe(2);
  });

  it("lists the new grammar in help", async () => {
    const seizure = await bot.reply("help seizure", { userId: trooper });
    expect(seizure).toContain(
      "*Activity:* `stops:<n>` (traffic stops), `citations:<n>`, `parole-checks:<n>`",
    );
    expect(await bot.reply("help tally", { userId: viewer })).toContain(
      "/tf tally [<period>] [unit:<unit>] [agency:<agency>] [by:unit]",
    );
    expect(await bot.reply("help admin", { userId: admin })).toContain(
      "Add, rename or retire units; choose the measures each is judged by.",
    );
    expect(await bot.reply("admin unit", { userId: admin })).toContain(
      "`/tf admin unit measures <unit> [<measure>,<measure>…|default]`",
    );
  });

  it("exports the activity columns", async () => {
    await bot.reply("admin export seizures 2025-03-01..2025-03-10", { userId: admin });
    const rows = parse(String(bot.emulator.uploads.at(-1)?.bytes), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    expect(
      rows.map((r) => [r.record_id, r.stops, r.citations, r.parole_checks, r.parole_violations]),
    ).toEqual([
      ["S-1", "14", "6", "0", "0"],
      ["S-2", "3", "0", "0", "0"],
      ["S-3", "2", "0", "0", "0"],
      ["S-4", "0", "0", "5", "1"],
      ["S-5", "50", "0", "0", "0"],
    ]);
  });

  it("records activity from the seizure form's number inputs, with an error under the field at fault", async () => {
    await bot.driver.command("seizure", { userId: trooper, channelId: "C0TROOPS01" });
    const opened = await bot.emulator.waitForCall("views.open");
    const view = opened.args.view as {
      blocks: Array<{ block_id: string; label: { text: string }; element: object }>;
    };
    const inputs = Object.fromEntries(view.blocks.map((b) => [b.block_id, [b.label.text, b.element]]));
    for (const [id, label] of [
      ["stops", "Traffic stops"],
      ["citations", "Citations issued"],
      ["parole-checks", "Parole checks (home and compliance visits)"],
      ["parole-violations", "Parole violations found"],
    ]) {
      expect(inputs[id as string]).toEqual([
        label,
        { type: "number_input", action_id: "value", is_decimal_allowed: false, min_value: "0" },
      ]);
    }
    const viewId = [...bot.emulator.views.keys()].at(-1) as string;
    const values = (citations: string) => ({
      stops: { value: { type: "number_input", value: "8" } },
      citations: { value: { type: "number_input", value: citations } },
      area: { value: { type: "static_select", selected_option: { value: "i-91-ramps" } } },
    });
    const before = await db().seizureReport.count();
    const bad = await bot.driver.viewSubmission({ viewId, userId: trooper, values: values("1.5") });
    expect(bad.body).toEqual({
      response_action: "errors",
      errors: { citations: "`citations:1.5`: a count must be a whole number.\ne.g. citations:2" },
    });
    expect(await db().seizureReport.count()).toBe(before);

    const ok = await bot.driver.viewSubmission({ viewId, userId: trooper, values: values("2") });
    expect(ok.body).toBe("");
    const confirmation = await bot.emulator.waitForCall("chat.postEphemeral");
    expect(confirmation.args.text).toBe(
      `Recorded activity report S-${before + 1} on 2025-03-10: Traffic Services Unit (CSP), I-91 ramps.`,
    );
    expect(await db().seizureReport.findUniqueOrThrow({ where: { id: before + 1 } })).toMatchObject({
      trafficStops: 8,
      citations: 2,
      paroleChecks: 0,
      firearms: 0,
    });
  });

  it("made no call that breaks Slack's contract", () => {
    expect(bot.emulator.violations).toEqual([]);
  });
});
