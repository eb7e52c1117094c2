import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { testEngine } from "../helpers/database.js";

const admin = "U0ADMIN001";
const narc = "U0NARC0001";
const partner = "U0NARC0002";
const viewer = "U0VIEWER01";
const nobody = "U0NOBODY01";
let clock = new Date("2025-03-10T15:00:00Z"); // 11:00 in New York

/** Milligrams for a quantity, from the exact gram factors, rounded half up. */
const mg = (quantity: number, gramsPerUnit: number) => Math.round(quantity * gramsPerUnit * 1000);
const ounce = 28.349523125;
const pound = 453.59237;

describe(`seizures, tally and void (${testEngine})`, () => {
  let bot: TestBot;
  const db = () => bot.database.db.prisma;
  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: admin }, clock: () => clock });
    for (const user of [narc, partner]) {
      expect(
        await bot.reply(`assign <@${user}> unit:sntf agency:CSP from:2025-01-01`, { userId: admin }),
      ).toContain("Registered assignment");
    }
    const member = await db().member.create({ data: { slackUserId: viewer, teamId: "T0TASKF0RC" } });
    await db().roleGrant.create({
      data: { taskForceId: 1, memberId: member.id, role: "viewer", grantedBy: admin },
    });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it("records a seizure with mixed items, attributes it from the assignment, and escapes the note", async () => {
    const text = await bot.reply(
      "seizure guns:3 stolen-guns:1 ghost-guns:1 fentanyl:25g cocaine:1.5oz heroin:0.5kg pills:40du cash:$4,500 " +
        'vehicles:1 arrests:2 warrants:1 area:frog-hollow case:24-00123 note:"&lt;!channel&gt; traffic stop"',
      { userId: narc },
    );
    expect(text).toBe(
      "Recorded seizure S-1 on 2025-03-10: Statewide Narcotics Task Force (CSP), Frog Hollow, case 24-00123.",
    );
    const report = await db().seizureReport.findUniqueOrThrow({
      where: { id: 1 },
      include: { narcotics: true },
    });
    expect(report).toMatchObject({
      occurredOn: "2025-03-10",
      firearms: 3,
      stolenFirearms: 1,
      ghostGuns: 1,
      currencyCents: 450_000n,
      vehicles: 1,
      arrests: 2,
      warrants: 1,
      caseRef: "24-00123",
      note: "<!channel> traffic stop",
    });
    expect(report.narcotics.map((n) => [n.drugName, n.drugCode, n.unit, n.massMg, n.dosageUnits])).toEqual([
      ["fentanyl", "H", "g", 25_000n, null],
      ["cocaine", "B", "oz", BigInt(mg(1.5, ounce)), null],
      ["heroin", "D", "kg", 500_000n, null],
      ["pills", "P", "du", null, 40],
    ]);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "seizure.create" } });
    expect(audit).toMatchObject({ actorUserId: narc, targetId: "S-1", outcome: "ok" });
    expect(JSON.parse(audit.after ?? "{}").note).toBe("<!channel> traffic stop");
  });

  it("totals mixed units exactly, per NIBRS drug type, by unit and by agency", async () => {
    await bot.reply("seizure fentanyl:1lb cocaine:2oz cash:4.5k arrests:1 on:yesterday", { userId: partner });
    await bot.reply("seizure guns:1 unit:vctf agency:HPD on:2025-02-20", { userId: admin });
    await bot.reply("seizure guns:9 on:2025-01-15", { userId: narc }); // outside the 28 days

    const result = await bot.driver.command("tally 28d", { userId: viewer });
    const reply = (await bot.emulator.waitForResponse(result.responseUrlId)) as {
      text: string;
      blocks: unknown[];
    };
    expect(reply.text).toBe(
      "Seizure tally — last 28 days (2025-02-11 – 2025-03-10): 3 reports, 4 (1 stolen, 1 ghost) guns, $9,000 cash, 3 arrests.",
    );
    const blocks = JSON.stringify(reply.blocks);
    const fentanyl = 25_000 + mg(1, pound); // 478,592 mg
    const cocaine = mg(1.5, ounce) + mg(2, ounce); // 42,524 + 56,699 mg
    expect(fentanyl).toBe(478_592);
    expect(cocaine).toBe(99_223);
    expect(blocks).toContain("• Cocaine (B): 99.22 g");
    expect(blocks).toContain("• Heroin (D): 500 g");
    expect(blocks).toContain("• Other Narcotics (H): 478.59 g");
    expect(blocks).toContain("• Other Drugs (P): 40 du");
    expect(blocks).toContain("time zone America/New_York · figures are preliminary");

    const sums = await db().seizureNarcotic.groupBy({
      by: ["drugCode"],
      _sum: { massMg: true },
      orderBy: { drugCode: "asc" },
    });
    expect(sums.map((s) => [s.drugCode, s._sum.massMg])).toEqual([
      ["B", BigInt(cocaine)],
      ["D", 500_000n],
      ["H", BigInt(fentanyl)],
      ["P", null],
    ]);
    expect(blocks).toMatch(/Statewide Narcotics Task Force\s+2\s+3\s+\$9,000\s+1\s+3\s+1/);
    expect(blocks).toMatch(/Violent Crimes Task Force\s+1\s+1\s+\$0\s+0\s+0\s+0/);
    expect(blocks).toMatch(/CSP\s+2\s+3/);
    expect(blocks).toMatch(/HPD\s+1\s+1/);
  });

  it("filters the tally by unit, and by a custom date range", async () => {
    const byUnit = await bot.reply("tally ytd unit:sntf", { userId: viewer });
    expect(byUnit).toBe(
      "Seizure tally — year to date (2025-01-01 – 2025-03-10) (Statewide Narcotics Task Force): 3 reports, 12 (1 stolen, 1 ghost) guns, $9,000 cash, 3 arrests.",
    );
    const range = await bot.reply("tally 2025-02-01..2025-02-28", { userId: viewer });
    expect(range).toBe(
      "Seizure tally — 2025-02-01 – 2025-02-28 (28 days): 1 report, 1 guns, $0 cash, 0 arrests.",
    );
  });

  it("lets the author void within 24 hours; the record stays and drops out of totals", async () => {
    expect(await bot.reply('void S-2 reason:"entered twice"', { userId: partner })).toBe(
      ":white_check_mark: Voided seizure S-2. It stays on record and no longer counts.",
    );
    const row = await db().seizureReport.findUniqueOrThrow({ where: { id: 2 } });
    expect(row).toMatchObject({ voidedBy: partner, voidReason: "entered twice" });
    expect(await db().seizureReport.count()).toBe(4);
    expect(await bot.reply("tally 28d", { userId: viewer })).toBe(
      "Seizure tally — last 28 days (2025-02-11 – 2025-03-10): 2 reports, 4 (1 stolen, 1 ghost) guns, $4,500 cash, 2 arrests.",
    );
    const audit = await db().auditEvent.findFirstOrThrow({ where: { action: "seizure.void" } });
    expect(JSON.parse(audit.after ?? "{}")).toMatchObject({ voidedBy: partner, voidReason: "entered twice" });
    expect(await bot.reply('void S-2 reason:"again"', { userId: admin })).toMatch(
      /^:warning: S-2 was already voided on 2025-03-10 by <@U0NARC0002>\./,
    );
  });

  it("refuses a void by anyone else, and by the author after 24 hours, but not by an admin", async () => {
    expect(await bot.reply('void S-1 reason:"not mine"', { userId: partner })).toBe(
      ":warning: Only the person who recorded S-1 (within 24 hours) or an admin can void it.\nAsk a task force admin to void it, giving the reason.",
    );
    clock = new Date("2025-03-11T15:00:01Z");
    expect(await bot.reply('void S-1 reason:"late"', { userId: narc })).toBe(
      ":warning: S-1 was recorded more than 24 hours ago, so only an admin can void it now.\nAsk a task force admin to void it, giving the reason.",
    );
    const refusals = await db().auditEvent.count({ where: { action: "void.denied", outcome: "denied" } });
    expect(refusals).toBe(2);
    expect(await bot.reply('void S-1 reason:"duplicate of case 24-00124"', { userId: admin })).toContain(
      "Voided seizure S-1",
    );
    clock = new Date("2025-03-10T15:00:00Z");
  });

  it.each([
    ["seizure guns:-1", "guns"],
    ["seizure guns:2 stolen-guns:3", "`stolen-guns:3` is more than `guns:2`"],
    ["seizure fentanil:25g", "Did you mean `fentanyl`?"],
    ["seizure fentanyl:25gr", "unknown unit `gr`"],
    ["seizure cash:abc", "cash"],
    ["seizure guns:1e309", "guns"],
    ["seizure guns:1 on:2025-02-30", "that date does not exist"],
    ["seizure guns:1 area:nowhere", "`area:nowhere`: there is no area by that name."],
    ["seizure area:frog-hollow", "item"],
    [`seizure guns:1 note:"${"n".repeat(501)}"`, "`note:` is too long"],
    ["seizure guns:1 on:2025-03-11", "`on:2025-03-11` is in the future"],
  ])("refuses %s and records nothing", async (command, expected) => {
    const before = await db().seizureReport.count();
    const text = await bot.reply(command, { userId: narc });
    expect(text.startsWith(":warning: ")).toBe(true);
    expect(text).toContain(expected);
    expect(await db().seizureReport.count()).toBe(before);
  });

  it.each([
    ["void", 'Say which record: `/tf void S-42 reason:"entered twice"`.'],
    ["void S-1", "`reason:` is required"],
    ['void X-9 reason:"x"', "`X-9` is not a record id."],
    ['void S-999 reason:"x"', "There is no seizure S-999."],
  ])("answers %s with how to write it", async (command, expected) => {
    expect(await bot.reply(command, { userId: admin })).toContain(expected);
  });

  it("lists in help only what the caller's role may run, and refuses a viewer's seizure", async () => {
    const names = async (userId: string) =>
      (await bot.reply("help", { userId }))
        .split("\n")
        .filter((l) => l.startsWith("• "))
        .map((l) => l.split(" ")[2]);
    expect(await names(nobody)).toEqual(["help"]);
    expect(await names(viewer)).toEqual(["help", "roster", "tally", "trends"]);
    expect(await names(narc)).toEqual([
      "help",
      "assign",
      "unassign",
      "roster",
      "seizure",
      "tally",
      "trends",
      "shooting",
      "stolen",
      "recovered",
      "link",
      "unlink",
      "void",
    ]);
    expect(await bot.reply("seizure guns:1", { userId: viewer })).toBe(
      ":warning: You can't run `/tf seizure`. It needs the *member* role; you are a *viewer*.\n" +
        "Ask a task force admin (<@U0ADMIN001>) to grant you access. `/tf help` lists what you can run.",
    );
  });

  it("opens the seizure form and records a submission through the same parser", async () => {
    await bot.driver.command("seizure", { userId: narc, channelId: "C0NARCS001" });
    const opened = await bot.emulator.waitForCall("views.open");
    expect((opened.args.view as { callback_id: string }).callback_id).toBe("tf_seizure");
    const viewId = [...bot.emulator.views.keys()].at(-1) as string;
    const values = (stolen: string) => ({
      guns: { value: { type: "number_input", value: "2" } },
      "stolen-guns": { value: { type: "number_input", value: stolen } },
      items: { value: "fentanyl:10g crack:2g" },
      cash: { value: "$120" },
      area: { value: { type: "static_select", selected_option: { value: "upper-albany" } } },
      on: { value: { type: "datepicker", selected_date: "2025-03-09" } },
    });
    const bad = await bot.driver.viewSubmission({ viewId, userId: narc, values: values("3") });
    expect(bad.body).toMatchObject({ response_action: "errors" });
    expect(JSON.stringify(bad.body)).toContain("`stolen-guns:3` is more than `guns:2`");

    const before = await db().seizureReport.count();
    const ok = await bot.driver.viewSubmission({ viewId, userId: narc, values: values("1") });
    expect(ok.body).toBe("");
    const confirmation = await bot.emulator.waitForCall("chat.postEphemeral");
    expect(confirmation.args.text).toBe(
      `Recorded seizure S-${before + 1} on 2025-03-09: Statewide Narcotics Task Force (CSP), Upper Albany.`,
    );
    const narcotics = await db().seizureNarcotic.findMany({ where: { reportId: before + 1 } });
    expect(narcotics.map((n) => [n.drugCode, n.massMg])).toEqual([
      ["H", 10_000n],
      ["A", 2_000n],
    ]);
  });

  it("made no call that breaks Slack's contract", () => {
    expect(bot.emulator.violations).toEqual([]);
  });
});
