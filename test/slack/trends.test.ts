import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { testEngine } from "../helpers/database.js";

const admin = "U0ADMIN001";

describe(`/tf trends (${testEngine})`, () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: admin }, clock: () => new Date("2025-03-10T15:00:00Z") });
    const db = bot.database.db.prisma;
    const frogHollow = (await db.area.findFirstOrThrow({ where: { code: "frog-hollow" } })).id;
    const rows: Array<[string, string, number, number]> = [
      ["shooting", "2024-02-29", 1, 1],
      ["shooting", "2024-02-27", 0, 1],
      ["shooting", "2023-02-28", 0, 3],
      ["stolen_vehicle", "2024-02-28", 0, 0],
    ];
    await db.incident.createMany({
      data: rows.map(([kind, localDate, fatal, injured], i) => ({
        kind,
        localDate,
        occurredAt: new Date(`${localDate}T12:00:00Z`),
        fatalVictims: fatal,
        injuredVictims: injured,
        areaId: frogHollow,
        source: "test",
        externalKey: String(i),
      })),
    });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it("renders each window as a table with Δ and %Δ, the sparkline, the as-of date, zone and 'preliminary'", async () => {
    const result = await bot.driver.command("trends shootings asof:2024-02-29 by:area", { userId: admin });
    const reply = (await bot.emulator.waitForResponse(result.responseUrlId)) as {
      text: string;
      blocks: Array<{ type: string; text?: { text: string }; elements?: Array<{ text: string }> }>;
    };
    expect(reply.text).toBe(
      "CompStat as of 2024-02-29 (America/New_York, preliminary). Shooting incidents year to date: 2 against 1 (+100%).",
    );
    const texts = reply.blocks.map((b) => b.text?.text ?? b.elements?.[0]?.text);
    expect(texts[0]).toBe("CompStat — as of 2024-02-29");
    expect(texts[1]).toBe(
      "Time zone America/New_York · weeks start Monday · figures are preliminary and change as reports arrive",
    );
    expect(texts[2]).toBe(
      [
        "*Week to date* (2024-02-26 – 2024-02-29 vs 2023-02-26 – 2023-02-28)",
        "```",
        "                    Now  Prior   Δ     %Δ",
        "Shooting incidents    2      1  +1  +100%",
        "Shooting victims      3      3   0     0%",
        "  fatal               1      0  +1    n/a",
        "  non-fatal           2      3  -1   -33%",
        "```",
      ].join("\n"),
    );
    expect(texts[5]).toContain("Shooting incidents  ▁▁▁▁▁▁▁█          2");
    expect(texts[6]).toContain("Frog Hollow");
    expect(bot.emulator.violations).toEqual([]);
  });

  it("uploads the 8-week chart as a PNG with files upload v2 when asked", async () => {
    const result = await bot.driver.command("trends shootings asof:2024-02-29 chart:yes", {
      userId: admin,
      channelId: "C0LEADERS1",
    });
    const reply = (await bot.emulator.waitForResponse(result.responseUrlId, 10_000)) as { blocks: unknown[] };
    expect(JSON.stringify(reply.blocks)).toContain("The 8-week chart is posted in this channel.");
    const complete = bot.emulator.calls.find((c) => c.method === "files.completeUploadExternal");
    expect(complete?.args.channel_id).toBe("C0LEADERS1");
    const files = complete?.args.files;
    const parsed = (typeof files === "string" ? JSON.parse(files) : files) as Array<{ title: string }>;
    expect(parsed[0]?.title).toBe("CompStat 8-week trend as of 2024-02-29");
    expect(bot.emulator.uploads).toHaveLength(1);
    expect(bot.emulator.uploads[0]).toMatchObject({ completed: true, channelId: "C0LEADERS1" });
    const png = bot.emulator.uploads[0]?.bytes as Buffer;
    expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
    expect(png.readUInt32BE(16)).toBe(800);
    expect(png.readUInt32BE(20)).toBe(400);
  });

  it("says how to invite the bot when it cannot post the chart in the channel", async () => {
    bot.emulator.setChannel("C0PRIVATE1", { isMember: false, name: "command-staff" });
    const result = await bot.driver.command("trends chart:yes", { userId: admin, channelId: "C0PRIVATE1" });
    const reply = (await bot.emulator.waitForResponse(result.responseUrlId, 10_000)) as { blocks: unknown[] };
    expect(JSON.stringify(reply.blocks)).toContain(
      "Chart not posted: I can't post files in this channel. Invite me with `/invite @Task Force Bot`",
    );
  });

  it.each([
    ["trends weapons", "Say what to show: shootings, vehicles, seizures or all"],
    ["trends by:precinct", "`by:` must be area, unit, agency or taskforce, e.g. by:area."],
    ["trends asof:2024-02-30", "that date does not exist"],
    ["trends shootings vehicles", "is not understood here"],
  ])("answers %s with how to write it", async (command, expected) => {
    const text = await bot.reply(command, { userId: admin });
    expect(text.startsWith(":warning: ")).toBe(true);
    expect(text).toContain(expected);
  });
});
