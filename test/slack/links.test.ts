import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { testEngine } from "../helpers/database.js";

const admin = "U0ADMIN001";
const detective = "U0DETECT01";
const viewer = "U0VIEWER01";
// 11:00 in New York on Monday 10 March 2025, the day after clocks sprang forward.
const now = new Date("2025-03-10T15:00:00Z");

type Reply = {
  text: string;
  response_type?: string;
  blocks: Array<{ type: string; text?: { text: string } }>;
};

describe(`/tf link, /tf unlink and stolen: on shootings and recoveries (${testEngine})`, () => {
  let bot: TestBot;
  const db = () => bot.database.db.prisma;
  const send = async (text: string, userId = detective): Promise<Reply> => {
    const result = await bot.driver.command(text, { userId });
    return (await bot.emulator.waitForResponse(result.responseUrlId, 10_000)) as Reply;
  };
  const linkRows = async () =>
    (await db().incidentLink.findMany({ orderBy: { id: "asc" } })).map((l) => [
      l.kind,
      l.incidentId,
      l.stolenId,
      l.recoveryDays,
      l.recoveryOf,
      l.recoveredBy,
      l.reason,
    ]);
  const counts = async () => [await db().incident.count(), await db().incidentLink.count()];

  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: admin }, clock: () => now });
    await bot.reply(`assign <@${detective}> unit:vctf agency:HPD from:2025-01-01`, { userId: admin });
    await bot.reply(`admin role <@${viewer}> viewer`, { userId: admin });
    for (const command of [
      "stolen area:frog-hollow at:2025-03-08T23:30 case:V-1", // I-1
      "stolen area:south-end at:2025-03-01 case:V-2", // I-2
      "shooting injured:1 area:frog-hollow at:2025-03-05T21:00", // I-3
      "shooting fatal:1 area:downtown at:2025-03-06T02:10", // I-4
    ]) {
      await bot.reply(command, { userId: detective });
    }
    await db().seizureReport.count();
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it("records a shooting with the stolen vehicle used in it, in one write, audited", async () => {
    const reply = await send("shooting injured:2 area:frog-hollow at:2025-03-09T20:00 stolen:I-1");
    expect(reply.text).toBe("Recorded shooting I-5: 0 fatal, 2 injured, Frog Hollow, 2025-03-09 20:00.");
    expect(JSON.stringify(reply.blocks)).toContain("Linked to the stolen vehicle I-1.");
    expect(await linkRows()).toEqual([["vehicle_used", 5, 1, null, null, null, null]]);
    const audit = await db().auditEvent.findMany({
      where: { action: { in: ["incident.create", "incident.link"] }, requestId: { not: null } },
      orderBy: { id: "asc" },
      select: { action: true, targetId: true, actorUserId: true },
    });
    expect(audit.slice(-2)).toEqual([
      { action: "incident.create", targetId: "I-5", actorUserId: detective },
      { action: "incident.link", targetId: "I-5~I-1", actorUserId: detective },
    ]);
  });

  it("records a recovery with the theft it closes, counting days in local dates across the clock change", async () => {
    const reply = await send("recovered area:south-end at:2025-03-09T23:00 stolen:I-1");
    expect(reply.text).toBe("Recorded recovered vehicle I-6: South End, 2025-03-09 23:00.");
    expect(JSON.stringify(reply.blocks)).toContain(
      "Linked to the theft I-1: recovered 1 day after it was stolen.",
    );
    expect((await linkRows()).at(-1)).toEqual(["recovery", 6, 1, 1, 1, 6, null]);
  });

  it("links two records in either order with a reason, and unlinks them", async () => {
    expect(await bot.reply('link I-2 I-3 reason:"same plate & VIN"', { userId: detective })).toBe(
      ':white_check_mark: Linked the shooting I-3 and the stolen vehicle I-2. Wrong? `/tf unlink I-3 I-2 reason:"…"`',
    );
    expect((await linkRows()).at(-1)).toEqual(["vehicle_used", 3, 2, null, null, null, "same plate & VIN"]);
    expect(await bot.reply("link I-4 I-2", { userId: detective })).toBe(
      ':white_check_mark: Linked the shooting I-4 and the stolen vehicle I-2. Wrong? `/tf unlink I-4 I-2 reason:"…"`',
    );
    expect(await bot.reply('unlink I-2 I-4 reason:"wrong car"', { userId: detective })).toBe(
      ":white_check_mark: Unlinked the shooting I-4 and the stolen vehicle I-2. Both records stay; the figures no longer pair them.",
    );
    expect(await counts()).toEqual([6, 3]);
    const unlinked = await db().auditEvent.findFirstOrThrow({ where: { action: "incident.unlink" } });
    expect([
      unlinked.targetId,
      JSON.parse(unlinked.before ?? "{}").kind,
      JSON.parse(unlinked.after ?? "{}"),
    ]).toEqual(["I-4~I-2", "vehicle_used", { reason: "wrong car" }]);
  });

  it.each([
    [
      "link I-3 I-99",
      ":warning: There is no incident I-99. Nothing was linked.\nCheck the id in the confirmation you got when it was recorded, or in /tf incidents.",
    ],
    [
      "link I-3 I-4",
      ':warning: I-3 (a shooting) and I-4 (a shooting) cannot be linked. A shooting links to the stolen vehicle used in it, and a recovered vehicle to the theft it closes. Nothing was linked.\ne.g. /tf link I-12 I-40 reason:"same plate"',
    ],
    [
      "link S-1 I-2",
      ':warning: S-1 is a seizure report: links join incidents, whose ids start with I (e.g. I-12). Nothing was linked.\ne.g. /tf link I-12 I-40 reason:"same plate"',
    ],
    [
      "link I-3 X-9",
      ':warning: `X-9` is not a record id. Ids look like S-42 (seizure), I-7 (incident) or A-3 (assignment).\ne.g. /tf link I-12 I-40 reason:"same plate"',
    ],
    ["link I-3", ':warning: Give the two incidents\' ids: `/tf link I-12 I-40 reason:"same plate"`.'],
    [
      "link I-6 I-2",
      ':warning: I-6 already closes the theft I-1: a theft is recovered once. Nothing was linked.\nIf that link is wrong, remove it first: /tf unlink I-6 I-1 reason:"…"',
    ],
    ["link I-5 I-1", ":warning: I-5 and I-1 are already linked. Nothing was linked."],
    [
      "unlink I-3 I-1",
      ":warning: I-3 and I-1 are not linked; nothing changed.\nA record like I-3 links to a stolen vehicle.",
    ],
    [
      "recovered area:downtown at:2025-03-07 stolen:I-1",
      ":warning: this recovered vehicle (recovered 2025-03-07) is dated before the theft I-1 (stolen 2025-03-08 23:30): a vehicle is recovered after it is stolen. Check the dates, or link the right theft. The recovered vehicle was not recorded either: correct `stolen:`, or leave it out and link later with /tf link.",
    ],
    [
      "recovered area:downtown at:2025-03-10 stolen:I-1",
      ":warning: I-1 is already recovered by I-6: a theft is recovered once. The recovered vehicle was not recorded either",
    ],
    [
      "shooting injured:1 area:downtown stolen:I-3",
      ":warning: this shooting and I-3 (a shooting) cannot be linked.",
    ],
    [
      "shooting injured:1 area:downtown stolen:I-42",
      ":warning: There is no incident I-42. The shooting was not recorded either: correct `stolen:`, or leave it out and link later with /tf link.",
    ],
  ])("refuses %s ephemerally, saying what was expected, and writes nothing", async (command, expected) => {
    const before = await counts();
    const audited = await db().auditEvent.count({ where: { outcome: "ok" } });
    const reply = await send(command);
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text.slice(0, expected.length)).toBe(expected);
    expect(await counts()).toEqual(before);
    expect(await db().auditEvent.count({ where: { outcome: "ok" } })).toBe(audited);
  });

  it("lets members and up link, and refuses a viewer, audited", async () => {
    const reply = await send("link I-3 I-1", viewer);
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.text).toBe(
      ":warning: You can't run `/tf link`. It needs the *member* role; you are a *viewer*.\nAsk a task force admin (<@U0ADMIN001>) to grant you access. `/tf help` lists what you can run.",
    );
    expect(await db().incidentLink.count()).toBe(3);
    expect(await db().auditEvent.count({ where: { actorUserId: viewer, outcome: "denied" } })).toBe(1);
  });

  it("shows the linked figures in /tf trends, and drops a link when a side is voided", async () => {
    const table = async () => {
      const reply = await send("trends vehicles", viewer);
      const section = reply.blocks
        .map((b) => b.text?.text ?? "")
        .find((t) => t.startsWith("*Stolen vehicles in shootings"));
      // The table inside the code fence.
      return section?.split("\n").slice(2, -1);
    };
    // 28 days: shootings I-3, I-4, I-5; linked I-3 (to I-2) and I-5 (to I-1). Stolen I-1, I-2; recovered I-6 (1 day).
    expect(await table()).toEqual([
      "                                       Now  Prior    Δ   %Δ",
      "Shootings with a stolen vehicle   WTD    0      0    0  n/a",
      "                                  28d    2      0   +2  n/a",
      "                                  YTD    2      0   +2  n/a",
      "  share of all shootings          WTD  n/a    n/a  n/a  n/a",
      "                                  28d  67%    n/a  n/a  n/a",
      "                                  YTD  67%    n/a  n/a  n/a",
      "Recovery rate (recovered/stolen)  WTD  n/a    n/a  n/a  n/a",
      "                                  28d  50%    n/a  n/a  n/a",
      "                                  YTD  50%    n/a  n/a  n/a",
      "Days theft to recovery, median    WTD  n/a    n/a  n/a  n/a",
      "                                  28d    1    n/a  n/a  n/a",
      "                                  YTD    1    n/a  n/a  n/a",
      "  linked pairs                    WTD    0      0    0  n/a",
      "                                  28d    1      0   +1  n/a",
      "                                  YTD    1      0   +1  n/a",
    ]);
    expect(await bot.reply('void I-2 reason:"entered twice"', { userId: admin })).toContain(
      "Voided incident I-2",
    );
    // I-2 voided: I-3's link counts nowhere; one theft left, and it was recovered.
    expect(await table()).toEqual([
      "                                        Now  Prior    Δ   %Δ",
      "Shootings with a stolen vehicle   WTD     0      0    0  n/a",
      "                                  28d     1      0   +1  n/a",
      "                                  YTD     1      0   +1  n/a",
      "  share of all shootings          WTD   n/a    n/a  n/a  n/a",
      "                                  28d   33%    n/a  n/a  n/a",
      "                                  YTD   33%    n/a  n/a  n/a",
      "Recovery rate (recovered/stolen)  WTD   n/a    n/a  n/a  n/a",
      "                                  28d  100%    n/a  n/a  n/a",
      "                                  YTD  100%    n/a  n/a  n/a",
      "Days theft to recovery, median    WTD   n/a    n/a  n/a  n/a",
      "                                  28d     1    n/a  n/a  n/a",
      "                                  YTD     1    n/a  n/a  n/a",
      "  linked pairs                    WTD     0      0    0  n/a",
      "                                  28d     1      0   +1  n/a",
      "                                  YTD     1      0   +1  n/a",
    ]);
    expect(await db().incidentLink.count()).toBe(3);
  });
});
