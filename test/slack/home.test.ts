import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { testEngine } from "../helpers/database.js";

const admin = "U0ADMIN001";
const chief = "U0CHIEF001";
const detective = "U0DETECT01";
const partner = "U0PARTNER1";
const busy = "U0BUSY0001";
const viewer = "U0VIEWER01";
const nobody = "U0NOBODY01";
const deputy = "U0DEPUTY01";
// 2025-03-10 11:00 in New York.
const now = new Date("2025-03-10T15:00:00Z");

interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: Array<{ text?: string | { text: string }; action_id?: string; value?: string }>;
}
interface PublishedView {
  type: string;
  blocks: Block[];
}

/** Each block as one readable line: `# header`, section text, `(context)`, `[action ids]`, `---`. */
function outline(view: PublishedView): string[] {
  return view.blocks.map((b) => {
    if (b.type === "header") return `# ${b.text?.text}`;
    if (b.type === "section") return b.text?.text ?? "";
    if (b.type === "context")
      return `(${b.elements?.map((e) => (typeof e.text === "string" ? e.text : "")).join(" ")})`;
    if (b.type === "actions") return `[${b.elements?.map((e) => e.action_id).join(" ")}]`;
    return "---";
  });
}

describe(`App Home (${testEngine})`, () => {
  let bot: TestBot;
  const db = () => bot.database.db.prisma;

  /** Opens the Home tab as `userId` and returns the view the bot published for them. */
  async function openHome(userId: string): Promise<PublishedView> {
    const result = await bot.driver.event({ type: "app_home_opened", user: userId, tab: "home" }, { userId });
    expect(result.status).toBe(200);
    return nextPublish(userId);
  }
  async function nextPublish(userId: string): Promise<PublishedView> {
    const call = await bot.emulator.waitForCall("views.publish", 10_000);
    expect(call.args.user_id).toBe(userId);
    return call.args.view as PublishedView;
  }
  const homeViewId = (userId: string) =>
    [...bot.emulator.views.values()].find((v) => v.userId === userId)?.id as string;

  async function grant(userId: string, role: string) {
    const member = await db().member.upsert({
      where: { teamId_slackUserId: { teamId: "T0TASKF0RC", slackUserId: userId } },
      create: { slackUserId: userId, teamId: "T0TASKF0RC" },
      update: {},
    });
    return db().roleGrant.create({ data: { taskForceId: 1, memberId: member.id, role, grantedBy: admin } });
  }

  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: admin }, clock: () => now });
    await grant(chief, "leadership");
    await grant(viewer, "viewer");
    await grant(deputy, "admin");
    const replies = [
      [
        admin,
        `assign <@${detective}> unit:vctf agency:CSP role:"Lead Detective" area:frog-hollow,south-end shift:night from:2025-03-01`,
      ],
      [admin, `assign <@${detective}> unit:sntf agency:CSP from:2025-01-01 to:2025-02-28`],
      [admin, `assign <@${partner}> unit:attf agency:HPD from:2025-02-01`],
      [admin, `assign <@${busy}> unit:tsu agency:CSP from:2025-01-01`],
      [
        detective,
        'seizure guns:2 stolen-guns:1 fentanyl:25g cash:$4,500 arrests:1 area:frog-hollow case:24-001 note:"secret note" on:2025-03-09',
      ],
      [detective, "shooting fatal:1 injured:2 area:south-end at:2025-03-08T22:15 case:24-777"],
      [detective, "stolen area:downtown at:2025-03-10T08:00"],
      [detective, 'void I-2 reason:"entered twice"'],
      [partner, "seizure guns:1 area:downtown"],
      [partner, "recovered area:downtown at:2025-03-09T10:00"],
      [viewer, "seizure guns:1"],
    ] as const;
    for (const [userId, text] of replies) await bot.reply(text, { userId });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  const compstat = [
    "---",
    "# CompStat",
    [
      "CompStat as of 2025-03-10 (America/New_York, preliminary). Shooting incidents year to date: 1 against 0 (n/a).",
      "Stolen vehicles, last 28 days: 0 of 1 shootings linked to one (0%); recovery rate n/a (1 recovered, 0 stolen); no linked recovery.",
      "Hot spots, shootings in the last 28 days: South End 1 (+1).",
    ].join("\n"),
    [
      "*28 days* (2025-02-11 – 2025-03-10 vs 2024-02-11 – 2024-03-10)",
      "```",
      "                        Now  Prior        Δ   %Δ",
      "Shooting incidents        1      0       +1  n/a",
      "Shooting victims          3      0       +3  n/a",
      "  fatal                   1      0       +1  n/a",
      "  non-fatal               2      0       +2  n/a",
      "Stolen vehicles           0      0        0  n/a",
      "Recovered vehicles        1      0       +1  n/a",
      "Firearms seized           3      0       +3  n/a",
      "  stolen                  1      0       +1  n/a",
      "  ghost guns              0      0        0  n/a",
      "Other Narcotics (g)      25      0      +25  n/a",
      "Currency             $4,500     $0  +$4,500  n/a",
      "Arrests                   1      0       +1  n/a",
      "```",
    ].join("\n"),
    "(Figures are preliminary. `/tf trends` shows week to date, year to date and the 8-week trend.)",
  ];
  const top = (who: string) => ["# Task Force Bot", who, "(`/tf help` lists the commands you can run.)"];
  const commandButtons =
    "[home_open:shooting home_open:stolen home_open:recovered home_open:seizure home_open:assign]";
  const nothingOfYourOwn = [
    "---",
    "# Your assignments",
    "You have no active assignment today.",
    "---",
    "# Your recent entries",
    "You have not recorded any seizures or incidents yet.",
  ];
  const viewerHome = [...top("Your task force role is *viewer*. You can read the summaries."), ...compstat];

  it("tells someone with no role that they have none and who can grant it, and shows nothing else", async () => {
    const view = await openHome(nobody);
    expect(view.type).toBe("home");
    expect(outline(view)).toEqual(
      top("You have no task force role yet. Ask a task force admin (<@U0ADMIN001>) to grant you access."),
    );
  });

  it("shows a viewer the CompStat headline and 28-day table, and no buttons", async () => {
    const view = await openHome(viewer);
    expect(outline(view)).toEqual(viewerHome);
    expect(view.blocks.filter((b) => b.type === "actions")).toEqual([]);
  });

  it("shows a member their own active assignments and recent entries, without notes or case numbers", async () => {
    const view = await openHome(detective);
    expect(outline(view)).toEqual([
      ...top(
        "Your task force role is *member*. You can record assignments, seizures and incidents, and read the summaries.",
      ),
      commandButtons,
      "---",
      "# Your assignments",
      "• *A-1* Violent Crimes Task Force (CSP) — Lead Detective · Frog Hollow, South End · night shift · from 2025-03-01, open-ended",
      "---",
      "# Your recent entries",
      [
        "• *I-2* 2025-03-10 — stolen vehicle _(voided)_",
        "• *S-1* 2025-03-09 — seizure: 2 guns (1 stolen), fentanyl 25 g, cash $4,500, 1 arrest",
        "• *I-1* 2025-03-08 — shooting: 1 fatal, 2 injured",
      ].join("\n"),
      ...compstat,
    ]);
    const json = JSON.stringify(view);
    // The ended assignment and the partner's records (A-3, S-2, I-3) are not theirs or not active.
    for (const absent of ["A-2", "A-3", "S-2", "I-3", "secret note", "24-001", "24-777", "22:15"]) {
      expect(json).not.toContain(absent);
    }
    const buttons = view.blocks.find((b) => b.block_id === "home_commands")?.elements ?? [];
    expect(buttons.map((b) => (b.text as { text: string }).text)).toEqual([
      "Log shooting",
      "Stolen vehicle",
      "Recovered vehicle",
      "Record seizure",
      "Register assignment",
    ]);
  });

  it("shows another member only their own records", async () => {
    const view = await openHome(partner);
    const lines = outline(view);
    expect(lines.slice(3, 11)).toEqual([
      commandButtons,
      "---",
      "# Your assignments",
      "• *A-3* Auto Theft Task Force (HPD) · from 2025-02-01, open-ended",
      "---",
      "# Your recent entries",
      "• *S-2* 2025-03-10 — seizure: 1 gun\n• *I-3* 2025-03-09 — recovered vehicle",
      "---",
    ]);
  });

  it("shows leadership the member sections and CompStat, but not the admin sections", async () => {
    const view = await openHome(chief);
    expect(outline(view)).toEqual([
      ...top(
        "Your task force role is *leadership*. You can record, read the summaries and read restricted detail.",
      ),
      commandButtons,
      ...nothingOfYourOwn,
      ...compstat,
    ]);
  });

  it("shows an admin the digest schedules and recent audit events, refusals included, paged", async () => {
    for (let i = 1; i <= 12; i++) {
      await db().digestChannel.create({
        data: {
          channelId: `C0DIGEST${String(i).padStart(2, "0")}`,
          localTime: i === 1 ? "06:30" : "07:00",
          timeZone: "America/New_York",
          sections: i === 2 ? "incidents,compstat" : "all",
          threaded: i === 3,
          narrative: i !== 4,
          createdBy: admin,
        },
      });
    }
    const view = await openHome(admin);
    const schedule = (i: number, rest = "all sections") =>
      `• <#C0DIGEST${String(i).padStart(2, "0")}> at 07:00 America/New_York — ${rest}`;
    expect(outline(view)).toEqual([
      ...top("Your task force role is *admin*. You can record, read everything and configure the bot."),
      commandButtons,
      ...nothingOfYourOwn,
      ...compstat,
      "---",
      "# Digest schedules",
      [
        "• <#C0DIGEST01> at 06:30 America/New_York — all sections",
        schedule(2, "incidents, compstat"),
        schedule(3, "all sections, threaded"),
        schedule(4, "all sections, no narrative"),
        ...[5, 6, 7, 8, 9, 10].map((i) => schedule(i)),
      ].join("\n"),
      "(Showing 1–10 of 12 schedules · page 1 of 2)",
      "[home_page:schedules:1]",
      "---",
      "# Recent audit events",
      [
        "• 2025-03-10 11:00 — <@U0VIEWER01> `seizure.denied` — denied",
        "• 2025-03-10 11:00 — <@U0PARTNER1> `incident.create` I-3 — ok",
        "• 2025-03-10 11:00 — <@U0PARTNER1> `seizure.create` S-2 — ok",
        "• 2025-03-10 11:00 — <@U0DETECT01> `incident.void` I-2 — ok",
        "• 2025-03-10 11:00 — <@U0DETECT01> `incident.create` I-2 — ok",
        "• 2025-03-10 11:00 — <@U0DETECT01> `incident.create` I-1 — ok",
        "• 2025-03-10 11:00 — <@U0DETECT01> `seizure.create` S-1 — ok",
        "• 2025-03-10 11:00 — <@U0ADMIN001> `assignment.create` A-4 — ok",
        "• 2025-03-10 11:00 — <@U0ADMIN001> `assignment.create` A-3 — ok",
        "• 2025-03-10 11:00 — <@U0ADMIN001> `assignment.create` A-2 — ok",
      ].join("\n"),
      "(Showing 1–10 of 11 events · page 1 of 2)",
      "[home_page:audit:1]",
    ]);
    // Audit rows carry before/after record contents; the Home lists none of them.
    expect(JSON.stringify(view)).not.toContain("secret note");

    // Paging one list keeps the other where it is.
    await bot.driver.blockAction({
      actionId: "home_page:schedules:1",
      value: JSON.stringify({ schedules: 1 }),
      viewId: homeViewId(admin),
      userId: admin,
    });
    const paged = outline(await nextPublish(admin));
    expect(paged.slice(17, 21)).toEqual([
      [schedule(11), schedule(12)].join("\n"),
      "(Showing 11–12 of 12 schedules · page 2 of 2)",
      "[home_page:schedules:0]",
      "---",
    ]);
    const published = bot.emulator.calls.filter((c) => c.method === "views.publish").at(-1)?.args
      .view as PublishedView;
    const auditButton = published.blocks.find((b) => b.block_id === "home_page_audit");
    expect(JSON.parse(auditButton?.elements?.[0]?.value ?? "")).toEqual({ schedules: 1, audit: 1 });
  });

  it("opens the seizure form from the Home's button, and records its submission", async () => {
    const click = await bot.driver.blockAction({
      actionId: "home_open:seizure",
      value: "seizure",
      viewId: homeViewId(detective),
      userId: detective,
    });
    expect(click.status).toBe(200);
    const opened = await bot.emulator.waitForCall("views.open");
    expect((opened.args.view as { callback_id: string }).callback_id).toBe("tf_seizure");
    expect(opened.args.trigger_id).toBe(click.triggerId);

    const viewId = [...bot.emulator.views.values()].filter((v) => !v.userId).at(-1)?.id as string;
    const ok = await bot.driver.viewSubmission({
      viewId,
      userId: detective,
      values: {
        // Warrants are not a CompStat row, so the figures the other tests expect stay as they are.
        warrants: { value: { type: "number_input", value: "1" } },
        area: { value: { type: "static_select", selected_option: { value: "upper-albany" } } },
      },
    });
    expect(ok.body).toBe("");
    const recorded = await db().seizureReport.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(recorded).toMatchObject({ warrants: 1, occurredOn: "2025-03-10" });
    // A form opened from the Home has no channel to confirm in: the Home is redrawn with the confirmation.
    const confirmed = await bot.emulator.waitForCall("views.publish");
    expect(JSON.stringify(confirmed.args.view)).toContain(
      `:white_check_mark: Recorded seizure S-${recorded.id} on 2025-03-10`,
    );
    const home = outline(await openHome(detective));
    expect(home[9]?.split("\n")[0]).toBe(`• *S-${recorded.id}* 2025-03-10 — seizure: 1 search warrant`);
  });

  it("refuses a viewer's click on Record seizure in the router, audits it, and says so on the Home", async () => {
    const refusals = () =>
      db().auditEvent.count({ where: { action: "seizure.denied", actorUserId: viewer } });
    const before = await refusals();
    const opens = bot.emulator.calls.filter((c) => c.method === "views.open").length;
    const click = await bot.driver.blockAction({
      actionId: "home_open:seizure",
      value: "seizure",
      viewId: homeViewId(viewer),
      userId: viewer,
    });
    expect(click.status).toBe(200);
    const view = await nextPublish(viewer);
    expect(outline(view)).toEqual([
      ...viewerHome.slice(0, 3),
      ":warning: You can't run `/tf seizure`. It needs the *member* role; you are a *viewer*.\n" +
        "Ask a task force admin (<@U0ADMIN001>) to grant you access. `/tf help` lists what you can run.",
      ...viewerHome.slice(3),
    ]);
    expect(await refusals()).toBe(before + 1);
    expect(bot.emulator.calls.filter((c) => c.method === "views.open").length).toBe(opens);
  });

  it("keeps a member with 60 recent records inside 100 blocks, 10 entries a page, newest first", async () => {
    const member = await db().member.findUniqueOrThrow({
      where: { teamId_slackUserId: { teamId: "T0TASKF0RC", slackUserId: busy } },
    });
    const unit = await db().unit.findFirstOrThrow({ where: { code: "tsu" } });
    const agency = await db().agency.findUniqueOrThrow({ where: { code: "CSP" } });
    // 2023: outside every CompStat window, so the figures above stay as they are.
    const day = (n: number) => new Date(Date.UTC(2023, 0, 1 + n)).toISOString().slice(0, 10);
    for (let i = 0; i < 40; i++) {
      await db().seizureReport.create({
        data: {
          occurredOn: day(2 * i),
          reporterId: member.id,
          unitId: unit.id,
          agencyId: agency.id,
          firearms: i + 1,
          note: "never shown",
        },
      });
    }
    for (let j = 0; j < 20; j++) {
      await db().incident.create({
        data: {
          kind: "shooting",
          occurredAt: new Date(`${day(2 * j + 1)}T12:00:00Z`),
          localDate: day(2 * j + 1),
          injuredVictims: 1,
          source: "slack",
          reporterId: member.id,
          caseNumber: `CASE-${j}`,
        },
      });
    }
    const seizures = await db().seizureReport.findMany({
      where: { reporterId: member.id },
      orderBy: { occurredOn: "desc" },
    });
    const guns = (n: number) => `${n} ${n === 1 ? "gun" : "guns"}`;
    const seizureLine = (s: (typeof seizures)[number]) =>
      `• *S-${s.id}* ${s.occurredOn} — seizure: ${guns(s.firearms)}`;

    const first = await openHome(busy);
    const lines = outline(first);
    expect(lines.slice(8)).toEqual([
      "# Your recent entries",
      seizures.slice(0, 10).map(seizureLine).join("\n"),
      "(Showing 1–10 of 60 entries · page 1 of 6)",
      "[home_page:entries:1]",
      ...compstat,
    ]);
    expect(first.blocks).toHaveLength(17);
    expect(JSON.stringify(first)).not.toMatch(/never shown|CASE-/);

    const page = async (value: Record<string, number>, actionId: string) => {
      await bot.driver.blockAction({
        actionId,
        value: JSON.stringify(value),
        viewId: homeViewId(busy),
        userId: busy,
      });
      return nextPublish(busy);
    };
    const second = await page({ entries: 1 }, "home_page:entries:1");
    expect(outline(second).slice(9, 12)).toEqual([
      seizures.slice(10, 20).map(seizureLine).join("\n"),
      "(Showing 11–20 of 60 entries · page 2 of 6)",
      "[home_page:entries:0 home_page:entries:2]",
    ]);
    expect(second.blocks).toHaveLength(17);

    // Past the end: the last page. Days 0–39 interleave seizures (even days) and shootings (odd days).
    const last = await page({ entries: 99 }, "home_page:entries:99");
    const oldest = outline(last)[9]?.split("\n") ?? [];
    expect(oldest).toHaveLength(10);
    expect(oldest.at(-1)).toBe(seizureLine(seizures.at(-1) as (typeof seizures)[number]));
    expect(oldest.at(-2)).toMatch(/^• \*I-\d+\* 2023-01-02 — shooting: 0 fatal, 1 injured$/);
    expect(outline(last).slice(10, 12)).toEqual([
      "(Showing 51–60 of 60 entries · page 6 of 6)",
      "[home_page:entries:4]",
    ]);
    expect(last.blocks.length).toBeLessThanOrEqual(100);
  });

  it("keeps an admin with 500 audit events inside 100 blocks, and pages through them", async () => {
    await db().auditEvent.createMany({
      data: Array.from({ length: 500 }, (_, i) => ({
        taskForceId: 1,
        at: new Date(now.getTime() - (i + 1) * 60_000),
        actorUserId: chief,
        action: "roster.read",
        outcome: i % 7 === 0 ? "denied" : "ok",
        before: JSON.stringify({ note: "before contents" }),
        after: JSON.stringify({ note: "after contents" }),
      })),
    });
    const view = await openHome(admin);
    expect(view.blocks).toHaveLength(25);
    const lines = outline(view);
    expect(lines.slice(-4)).toEqual([
      "# Recent audit events",
      expect.any(String),
      expect.stringMatching(/^\(Showing 1–10 of 5\d\d events · page 1 of 5\d\)$/),
      "[home_page:audit:1]",
    ]);
    expect(lines.at(-3)?.split("\n")).toHaveLength(10);

    await bot.driver.blockAction({
      actionId: "home_page:audit:10",
      value: JSON.stringify({ audit: 10 }),
      viewId: homeViewId(admin),
      userId: admin,
    });
    const paged = await nextPublish(admin);
    expect(paged.blocks).toHaveLength(25);
    const events = outline(paged).at(-3)?.split("\n") ?? [];
    expect(events).toHaveLength(10);
    expect(events[0]).toMatch(/^• 2025-03-10 \d\d:\d\d — <@U0CHIEF001> `roster\.read` — (ok|denied)$/);
    expect(JSON.stringify(paged)).not.toMatch(/before contents|after contents/);
  });

  it("refuses a stale audit page to someone who is no longer an admin, and audits the refusal", async () => {
    const home = outline(await openHome(deputy));
    expect(home).toContain("# Recent audit events");
    await db().roleGrant.updateMany({
      where: { member: { slackUserId: deputy } },
      data: { revokedAt: now, revokedBy: admin },
    });
    await bot.driver.blockAction({
      actionId: "home_page:audit:1",
      value: JSON.stringify({ audit: 1 }),
      viewId: homeViewId(deputy),
      userId: deputy,
    });
    expect(outline(await nextPublish(deputy))).toEqual(
      top(
        "You have no task force role yet. Ask a task force admin (<@U0ADMIN001>) to grant you access.",
      ).concat(
        ":warning: You can't page through the audit events any more: that needs the *admin* role; you have no task force role now. " +
          "Ask a task force admin (<@U0ADMIN001>) to grant you access.",
      ),
    );
    const refusal = await db().auditEvent.findFirstOrThrow({ where: { action: "home.denied" } });
    expect(refusal).toMatchObject({ actorUserId: deputy, outcome: "denied" });
    expect(JSON.parse(refusal.after ?? "{}")).toEqual({ required: "admin", held: null, list: "audit" });
  });

  it("ignores the Messages tab", async () => {
    const publishes = () => bot.emulator.calls.filter((c) => c.method === "views.publish").length;
    const before = publishes();
    const result = await bot.driver.event({ type: "app_home_opened", user: viewer, tab: "messages" });
    expect(result.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(publishes()).toBe(before);
  });

  it("made no call that breaks Slack's contract", () => {
    expect(bot.emulator.violations).toEqual([]);
  });
});
