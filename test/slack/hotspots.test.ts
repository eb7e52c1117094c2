import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { testEngine } from "../helpers/database.js";
import { ihdr, pngSignature } from "../helpers/png.js";

const admin = "U0ADMIN001";
const viewer = "U0VIEWER01";

type Reply = {
  text: string;
  blocks: Array<{ type: string; text?: { text: string }; elements?: Array<{ text: string }> }>;
};

describe(`/tf trends hotspots and /tf admin area set (${testEngine})`, () => {
  let bot: TestBot;
  const db = () => bot.database.db.prisma;
  const populationOf = async (code: string) =>
    (await db().area.findFirstOrThrow({ where: { code } })).population;

  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: admin }, clock: () => new Date("2025-03-10T15:00:00Z") });
    const member = await db().member.create({ data: { slackUserId: viewer, teamId: "T0TASKF0RC" } });
    await db().roleGrant.create({
      data: { taskForceId: 1, memberId: member.id, role: "viewer", grantedBy: admin },
    });
    const id = async (code: string) => (await db().area.findFirstOrThrow({ where: { code } })).id;
    const [frogHollow, southEnd, downtown] = [
      await id("frog-hollow"),
      await id("south-end"),
      await id("downtown"),
    ];
    // As of 2025-03-10: last 28 days 2025-02-11..2025-03-10, the 28 before 2025-01-14..2025-02-10.
    const rows: Array<[string, number | null, string | null]> = [
      ["2025-03-10", frogHollow, null],
      ["2025-02-20", frogHollow, null],
      ["2025-02-11", frogHollow, null],
      ["2025-02-10", frogHollow, null],
      ["2025-03-01", southEnd, null],
      ["2025-03-02", southEnd, null],
      ["2025-02-15", downtown, null],
      ["2025-01-20", downtown, null],
      ["2025-01-21", downtown, null],
      ["2025-03-05", null, "BRONX / precinct 52"],
    ];
    await db().incident.createMany({
      data: rows.map(([localDate, areaId, areaLabel], i) => ({
        kind: "shooting",
        localDate,
        occurredAt: new Date(`${localDate}T17:00:00Z`),
        injuredVictims: 1,
        areaId,
        areaLabel,
        source: "test",
        externalKey: String(i),
      })),
    });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it("sets an area's population by name or code, audited with before and after", async () => {
    expect(await bot.reply('admin area set "Frog Hollow" population:21,000', { userId: admin })).toBe(
      ":white_check_mark: Frog Hollow (`frog-hollow`): population unknown (0) → 21,000. Rates per 10,000 residents now use it.",
    );
    expect(await bot.reply("admin area set frog-hollow population:21000", { userId: admin })).toBe(
      "Frog Hollow (`frog-hollow`) already has population 21,000; nothing changed.",
    );
    expect(await bot.reply("admin area set DOWNTOWN population:8000", { userId: admin })).toBe(
      ":white_check_mark: Downtown (`downtown`): population unknown (0) → 8,000. Rates per 10,000 residents now use it.",
    );
    expect(await bot.reply("admin area set downtown population:0", { userId: admin })).toBe(
      ":white_check_mark: Downtown (`downtown`): population 8,000 → unknown (0). Its rate per 10,000 residents shows n/a.",
    );
    expect([await populationOf("frog-hollow"), await populationOf("downtown")]).toEqual([21_000, 0]);
    const audit = await db().auditEvent.findMany({
      where: { action: "admin.area.population" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => [a.targetId, a.outcome, a.actorUserId, a.before, a.after])).toEqual([
      ["frog-hollow", "ok", admin, '{"population":0}', '{"population":21000}'],
      ["frog-hollow", "ok", admin, '{"population":21000}', '{"population":21000}'],
      ["downtown", "ok", admin, '{"population":0}', '{"population":8000}'],
      ["downtown", "ok", admin, '{"population":8000}', '{"population":0}'],
    ]);
  });

  it.each([
    [
      "admin area set frog-hollow population:-5",
      ":warning: `population:-5`: a population can't be negative.\ne.g. population:21500 (population:0 when it is not known)",
    ],
    [
      "admin area set frog-hollow population:2.5",
      ":warning: `population:2.5`: a population is a whole number of residents.\ne.g. population:21500 (population:0 when it is not known)",
    ],
    [
      "admin area set frog-hollow population:lots",
      ":warning: `population:lots` is not a number: write a whole number of residents.\ne.g. population:21500 (population:0 when it is not known)",
    ],
    [
      "admin area set frog-hollow population:1e5",
      ":warning: `population:1e5` is not a number: write a whole number of residents.\ne.g. population:21500 (population:0 when it is not known)",
    ],
    [
      "admin area set frog-hollow population:200000000",
      ":warning: `population:200000000` is more than 100,000,000; check the number.\ne.g. population:21500 (population:0 when it is not known)",
    ],
    [
      "admin area set frog-hollow",
      ':warning: `population:` is required, e.g. population:21500.\nUsage: `/tf admin area set <area|"name"> population:<n>`',
    ],
    [
      "admin area set population:5",
      ':warning: Say which area: `/tf admin area set "Frog Hollow" population:21500`.\nUsage: `/tf admin area set <area|"name"> population:<n>`',
    ],
    [
      'admin area set "Frog Hollw" population:5',
      ":warning: There is no area `Frog Hollw`. Did you mean `frog-hollow` (Frog Hollow)?",
    ],
    ['admin area set "<b>&" population:5', ":warning: There is no area `&lt;b&gt;&amp;`."],
  ])("refuses %s, saying how to write it, and writes nothing", async (command, expected) => {
    const before = await db().auditEvent.count({ where: { action: "admin.area.population" } });
    const text = await bot.reply(command, { userId: admin });
    expect(text.startsWith(expected)).toBe(true);
    expect(await populationOf("frog-hollow")).toBe(21_000);
    expect(await db().auditEvent.count({ where: { action: "admin.area.population" } })).toBe(before);
  });

  it("refuses a viewer setting a population, and audits the refusal", async () => {
    const denials = () => db().auditEvent.count({ where: { outcome: "denied", actorUserId: viewer } });
    const before = await denials();
    expect(await bot.reply("admin area set frog-hollow population:5", { userId: viewer })).toContain(
      "You can't run `/tf admin`.",
    );
    expect(await populationOf("frog-hollow")).toBe(21_000);
    expect(await denials()).toBe(before + 1);
  });

  it("shows the ranking with Δ, %Δ and the rate per 10,000, and posts the bar chart in the channel", async () => {
    bot.emulator.uploads.length = 0;
    const result = await bot.driver.command("trends hotspots asof:2025-03-10", {
      userId: viewer,
      channelId: "C0LEADERS1",
    });
    const reply = (await bot.emulator.waitForResponse(result.responseUrlId, 10_000)) as Reply;
    expect(reply.text).toBe(
      "Hot spots as of 2025-03-10 (America/New_York, preliminary). Hot spots, shootings in the last 28 days: Frog Hollow 3 (+2), South End 2 (+2), BRONX / precinct 52 1 (+1).",
    );
    const texts = reply.blocks.map((b) => b.text?.text ?? b.elements?.[0]?.text);
    expect(texts).toEqual([
      "Hot spots — as of 2025-03-10",
      "Time zone America/New_York · each area's last 28 days against the 28 days before · figures are preliminary and change as reports arrive",
      [
        "*Hot spots: shooting incidents by area, last 28 days* (2025-02-11 – 2025-03-10 vs 2025-01-14 – 2025-02-10)",
        "```",
        "Area                    28d  Prior   Δ     %Δ  Per 10k",
        "1. Frog Hollow            3      1  +2  +200%     1.43",
        "2. South End              2      0  +2    n/a      n/a",
        "3. BRONX / precinct 52    1      0  +1    n/a      n/a",
        "4. Downtown               1      2  -1   -50%      n/a",
        "```",
        "All shootings: 7 against 3 (+133%).",
      ].join("\n"),
      "Per 10k: shootings in the last 28 days per 10,000 residents; n/a where no population is set (`/tf admin area set <area> population:<n>`).",
      "The hot-spot chart is posted in this channel.",
    ]);
    expect(bot.emulator.uploads).toHaveLength(1);
    expect(bot.emulator.uploads[0]).toMatchObject({ completed: true, channelId: "C0LEADERS1" });
    const complete = bot.emulator.calls.findLast((c) => c.method === "files.completeUploadExternal");
    const files = complete?.args.files;
    const parsed = (typeof files === "string" ? JSON.parse(files) : files) as Array<{ title: string }>;
    expect(parsed[0]?.title).toBe("Hot spots, last 28 days, as of 2025-03-10");
    const png = bot.emulator.uploads[0]?.bytes as Buffer;
    expect([...png.subarray(0, 8)]).toEqual(pngSignature);
    expect(ihdr(png)).toMatchObject({ width: 800, height: 400 });
    expect(bot.emulator.violations).toEqual([]);
  });

  it("shows the top areas asked for, counts the rest, and leaves the chart out with chart:no", async () => {
    bot.emulator.uploads.length = 0;
    const result = await bot.driver.command("trends hotspots asof:2025-03-10 top:2 chart:no", {
      userId: viewer,
    });
    const reply = (await bot.emulator.waitForResponse(result.responseUrlId, 10_000)) as Reply;
    expect(reply.blocks[2]?.text?.text).toBe(
      [
        "*Hot spots: shooting incidents by area, last 28 days* (2025-02-11 – 2025-03-10 vs 2025-01-14 – 2025-02-10)",
        "```",
        "Area            28d  Prior   Δ     %Δ  Per 10k",
        "1. Frog Hollow    3      1  +2  +200%     1.43",
        "2. South End      2      0  +2    n/a      n/a",
        "```",
        "All shootings: 7 against 3 (+133%). 2 more areas are not shown.",
      ].join("\n"),
    );
    expect(reply.blocks).toHaveLength(4);
    expect(bot.emulator.uploads).toHaveLength(0);
  });

  it("says so, without a chart, when no area had a shooting", async () => {
    bot.emulator.uploads.length = 0;
    const result = await bot.driver.command("trends hotspots asof:2020-01-31", { userId: viewer });
    const reply = (await bot.emulator.waitForResponse(result.responseUrlId, 10_000)) as Reply;
    expect(reply.blocks[2]?.text?.text).toBe(
      "*Hot spots: shooting incidents by area, last 28 days* (2020-01-04 – 2020-01-31 vs 2019-12-07 – 2020-01-03)\nNo shootings in an area in these 56 days.",
    );
    expect(bot.emulator.uploads).toHaveLength(0);
  });

  it.each([
    ["trends hotspots by:area", "Hot spots are always by area: `/tf trends hotspots` takes no `by:`."],
    ["trends shootings top:3", "`top:` goes with hot spots, e.g. `/tf trends hotspots top:5`."],
    ["trends hotspots top:0", "`top:` must be a whole number from 1 to 25, e.g. top:5."],
    ["trends hotspots top:26", "`top:` must be a whole number from 1 to 25, e.g. top:5."],
    ["trends hotspots top:two", "`top:` must be a whole number from 1 to 25, e.g. top:5."],
    ["trends hotspot", "or hotspots, the areas with the most shootings in 28 days."],
  ])("answers %s with how to write it", async (command, expected) => {
    const text = await bot.reply(command, { userId: viewer });
    expect(text.startsWith(":warning: ")).toBe(true);
    expect(text).toContain(expected);
  });

  it("lists the new forms in help", async () => {
    expect(await bot.reply("help trends", { userId: viewer })).toContain(
      "/tf trends hotspots [asof:<date>] [top:<n>] [chart:no]",
    );
    expect(await bot.reply("admin area", { userId: admin })).toContain(
      '`/tf admin area set <area|"name"> population:<n>`\n    Set an area\'s population, for shootings per 10,000 residents (0 = unknown: no rate).',
    );
  });
});
