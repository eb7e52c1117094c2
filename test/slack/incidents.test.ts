import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { testEngine } from "../helpers/database.js";

const admin = "U0ADMIN001";
const detective = "U0DETECT01";
// 07:00 in New York on 2 November 2025, the morning clocks fell back from 02:00 EDT to 01:00 EST.
const now = new Date("2025-11-02T12:00:00Z");

describe(`incidents from Slack (${testEngine})`, () => {
  let bot: TestBot;
  const db = () => bot.database.db.prisma;
  const incident = (id: number) => db().incident.findUniqueOrThrow({ where: { id } });
  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: admin }, clock: () => now });
    await bot.reply(`assign <@${detective}> unit:vctf agency:HPD from:2025-01-01`, { userId: admin });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it("logs a shooting with victims, its instant and its local date and time", async () => {
    expect(
      await bot.reply("shooting fatal:1 injured:2 area:frog-hollow at:2025-11-01T23:40 case:25-004512", {
        userId: detective,
      }),
    ).toBe("Recorded shooting I-1: 1 fatal, 2 injured, Frog Hollow, 2025-11-01 23:40, case 25-004512.");
    expect(await incident(1)).toMatchObject({
      kind: "shooting",
      occurredAt: new Date("2025-11-02T03:40:00Z"),
      localDate: "2025-11-01",
      localTime: "23:40",
      fatalVictims: 1,
      injuredVictims: 2,
      caseNumber: "25-004512",
      source: "slack",
      externalKey: null,
    });
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "incident.create", targetId: "I-1" },
    });
    expect(JSON.parse(audit.after ?? "{}").occurredAt).toBe("2025-11-02T03:40:00.000Z");
  });

  it("takes the first of a time that happened twice as clocks fell back, and says so", async () => {
    const result = await bot.driver.command("shooting injured:1 area:downtown at:2025-11-02T01:30", {
      userId: detective,
    });
    const reply = (await bot.emulator.waitForResponse(result.responseUrlId)) as {
      text: string;
      blocks: unknown[];
    };
    expect(reply.text).toBe("Recorded shooting I-2: 0 fatal, 1 injured, Downtown, 2025-11-02 01:30.");
    expect(JSON.stringify(reply.blocks)).toContain(
      "01:30 happened twice on 2025-11-02 (clocks fell back); recorded as the first, UTC-04:00.",
    );
    expect((await incident(2)).occurredAt).toEqual(new Date("2025-11-02T05:30:00Z"));
  });

  it("refuses a time that never happened as clocks sprang forward", async () => {
    expect(await bot.reply("stolen area:south-end at:2025-03-09T02:30", { userId: detective })).toBe(
      ":warning: 2025-03-09 02:30 never happened in America/New_York: the clocks jumped forward over it.\n" +
        "Check the time; an hour later is probably what the report says.",
    );
    expect(await db().incident.count()).toBe(2);
  });

  it("reads a time alone as today, a date alone as time unknown, and nothing as now", async () => {
    expect(await bot.reply("recovered area:i-91-ramps at:06:15", { userId: detective })).toBe(
      "Recorded recovered vehicle I-3: I-91 ramps, 2025-11-02 06:15.",
    );
    expect((await incident(3)).occurredAt).toEqual(new Date("2025-11-02T11:15:00Z"));
    expect(await bot.reply("stolen area:asylum-hill at:yesterday", { userId: detective })).toBe(
      "Recorded stolen vehicle I-4: Asylum Hill, 2025-11-01 (time not given).",
    );
    expect(await incident(4)).toMatchObject({
      occurredAt: new Date("2025-11-01T04:00:00Z"),
      localTime: null,
    });
    expect(await bot.reply("stolen area:asylum-hill", { userId: detective })).toBe(
      "Recorded stolen vehicle I-5: Asylum Hill, 2025-11-02 07:00.",
    );
    expect(await bot.reply("stolen area:asylum-hill date:2025-10-30 time:9:05", { userId: detective })).toBe(
      "Recorded stolen vehicle I-6: Asylum Hill, 2025-10-30 09:05.",
    );
  });

  it("reports a case number already on record instead of recording it twice", async () => {
    expect(await bot.reply("shooting injured:1 area:downtown case:25-004512", { userId: detective })).toBe(
      ":warning: Case 25-004512 is already on record as I-1 (shooting, 2025-11-01 23:40, Frog Hollow). Nothing new was recorded.\n" +
        'If that record is wrong, void it with /tf void I-1 reason:"…" and record this one again.',
    );
    expect(await db().incident.count({ where: { caseNumber: "25-004512" } })).toBe(1);
    // A stolen car and its recovery share a case number.
    await bot.reply("stolen area:downtown at:2025-10-01 case:25-7000", { userId: detective });
    expect(await bot.reply("recovered area:downtown case:25-7000", { userId: detective })).toContain(
      "Recorded recovered vehicle",
    );
  });

  it.each([
    ["shooting area:downtown", "A shooting needs at least one victim"],
    ["shooting fatal:-1 area:downtown", "fatal"],
    ["shooting injured:1", "`area:` is required, e.g. area:frog-hollow."],
    ["shooting injured:1 area:downtwn", "Did you mean `area:downtown` (Downtown)?"],
    ["shooting injured:1 area:downtown at:2025-11-02T09:00", "`at:` 2025-11-02 09:00 is in the future"],
    ["shooting injured:1 area:downtown at:2025-11-02T25:00", "is not HH:MM on a 24-hour clock"],
    ["shooting injured:1 area:downtown at:2025-02-29", "that date does not exist"],
    ["stolen fatal:1 area:downtown", "`fatal:` is not an option of `/tf stolen`."],
    ["stolen area:downtown at:today time:10:00", "Give either `at:` or `date:`/`time:`, not both."],
  ])("refuses %s and records nothing", async (command, expected) => {
    const before = await db().incident.count();
    const text = await bot.reply(command, { userId: detective });
    expect(text.startsWith(":warning: ")).toBe(true);
    expect(text).toContain(expected);
    expect(await db().incident.count()).toBe(before);
  });

  it("opens a form for /tf recovered and records its submission", async () => {
    await bot.driver.command("recovered", { userId: detective, channelId: "C0AUTO0001" });
    const opened = await bot.emulator.waitForCall("views.open");
    const view = opened.args.view as { callback_id: string; blocks: Array<{ block_id: string }> };
    expect(view.callback_id).toBe("tf_recovered");
    expect(view.blocks.map((b) => b.block_id)).toEqual(["area", "date", "time", "case", "stolen"]);
    const viewId = [...bot.emulator.views.keys()].at(-1) as string;
    const values = (time: string) => ({
      area: { value: { type: "static_select", selected_option: { value: "parkville" } } },
      date: { value: { type: "datepicker", selected_date: "2025-03-09" } },
      time: { value: { type: "timepicker", selected_time: time } },
      case: { value: "25-8000" },
    });
    const gap = await bot.driver.viewSubmission({ viewId, userId: detective, values: values("02:15") });
    expect(gap.body).toEqual({
      response_action: "errors",
      errors: {
        time: "2025-03-09 02:15 never happened in America/New_York: the clocks jumped forward over it.\nCheck the time; an hour later is probably what the report says.",
      },
    });
    const noTheft = await bot.driver.viewSubmission({
      viewId,
      userId: detective,
      values: { ...values("03:15"), stolen: { value: "I-999" } },
    });
    expect(noTheft.body).toEqual({
      response_action: "errors",
      errors: {
        stolen:
          "There is no incident I-999. The recovered vehicle was not recorded either: correct `stolen:`, or leave it out and link later with /tf link.\nCheck the id in the confirmation you got when it was recorded, or in /tf incidents.",
      },
    });
    const ok = await bot.driver.viewSubmission({ viewId, userId: detective, values: values("03:15") });
    expect(ok.body).toBe("");
    const confirmation = await bot.emulator.waitForCall("chat.postEphemeral");
    expect(confirmation.args.text).toMatch(
      /^Recorded recovered vehicle I-\d+: Parkville, 2025-03-09 03:15, case 25-8000\.$/,
    );
  });

  it("lets the reporter void an incident, keeping the row", async () => {
    expect(await bot.reply('void I-2 reason:"wrong area"', { userId: detective })).toBe(
      ":white_check_mark: Voided incident I-2. It stays on record and no longer counts.",
    );
    expect((await incident(2)).voidReason).toBe("wrong area");
  });

  it("made no call that breaks Slack's contract", () => {
    expect(bot.emulator.violations).toEqual([]);
  });
});
