import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { testEngine } from "../helpers/database.js";

const stateAdmin = "U0ADMIN001";
/** A member in Hartford and leadership in New Haven, with no workspace mapping to decide between them. */
const both = "U0BOTHTF01";
/** A member in Hartford only. */
const single = "U0SINGLE01";
const team = "T0TASKF0RC";
// 2025-03-10 11:00 in New York.
const now = new Date("2025-03-10T15:00:00Z");

interface Option {
  text: { type: string; text: string; emoji?: boolean };
  value: string;
}
interface Element {
  type?: string;
  text?: string | { text: string };
  action_id?: string;
  value?: string;
  options?: Option[];
  initial_option?: Option;
}
interface Block {
  type: string;
  block_id?: string;
  text?: { text: string };
  elements?: Element[];
  accessory?: Element;
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

const option = (name: string, code: string): Option => ({
  text: { type: "plain_text", text: `${name} (${code})`, emoji: false },
  value: code,
});
const hartford = option("Hartford Shooting Task Force", "hartford");
const newHaven = option("New Haven Shooting Task Force", "newhaven");

describe(`the App Home's task force switcher (${testEngine})`, () => {
  let bot: TestBot;
  const db = () => bot.database.db.prisma;

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
  /** Chooses `choice` on the switcher of the Home the bot last published for `userId`. */
  async function choose(userId: string, choice: Option): Promise<PublishedView> {
    const click = await bot.driver.blockAction({
      actionId: "home_taskforce",
      blockId: "home_taskforce",
      viewId: homeViewId(userId),
      userId,
      action: { type: "static_select", selected_option: choice },
    });
    expect(click.status).toBe(200);
    return nextPublish(userId);
  }
  const block = (view: PublishedView, blockId: string) => view.blocks.find((b) => b.block_id === blockId);
  const remembered = async (userId: string) =>
    (
      await db().member.findUnique({
        where: { teamId_slackUserId: { teamId: team, slackUserId: userId } },
        select: { homeTaskForce: { select: { code: true } } },
      })
    )?.homeTaskForce?.code ?? null;

  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: stateAdmin }, clock: () => now });
    const setup: Array<[string, string]> = [
      [stateAdmin, 'admin taskforce add newhaven name:"New Haven Shooting Task Force"'],
      [stateAdmin, 'admin area add fair-haven name:"Fair Haven" tf:newhaven'],
      [stateAdmin, `admin role <@${both}> member tf:hartford`],
      [stateAdmin, `admin role <@${both}> leadership tf:newhaven`],
      [stateAdmin, `assign <@${both}> unit:sntf agency:CSP from:2025-01-01 tf:newhaven`],
      [stateAdmin, `admin role <@${single}> member tf:hartford`],
      // Hartford: one shooting of the person's own.
      [both, "shooting fatal:1 injured:1 area:frog-hollow at:2025-03-08T22:15 tf:hartford"],
    ];
    for (const [userId, text] of setup) {
      expect(await bot.reply(text, { userId })).not.toMatch(/^:warning:/);
    }
    // New Haven: twelve seizures of the person's own, a page and a bit of their entries.
    const days = [
      "2025-02-27",
      "2025-02-28",
      ...Array.from({ length: 10 }, (_, i) => `2025-03-${String(i + 1).padStart(2, "0")}`),
    ];
    for (const on of days) {
      expect(
        await bot.reply(`seizure guns:1 arrests:1 area:fair-haven on:${on} tf:newhaven`, { userId: both }),
      ).toMatch(/^Recorded seizure/);
    }
  });
  afterAll(async () => {
    await bot?.stop();
  });

  const top = (role: string) => ["# Task Force Bot", role, "(`/tf help` lists the commands you can run.)"];
  const memberLine =
    "Your task force role is *member*. You can record assignments, seizures and incidents, and read the summaries.";
  const leadershipLine =
    "Your task force role is *leadership*. You can record, read the summaries and read restricted detail.";
  const showing = (name: string, code: string) =>
    `Showing *${name}* (\`${code}\`). Choose another of your task forces to see it here.`;
  const commandButtons =
    "[home_open:shooting home_open:stolen home_open:recovered home_open:seizure home_open:assign]";
  const compstatFooter =
    "(Figures are preliminary. `/tf trends` shows week to date, year to date and the 8-week trend.)";
  const hartfordLists = [
    "---",
    "# Your assignments",
    "You have no active assignment today.",
    "---",
    "# Your recent entries",
    "• *I-1* 2025-03-08 — shooting: 1 fatal, 1 injured",
    "---",
    "# CompStat",
    [
      "CompStat as of 2025-03-10 (America/New_York, preliminary). Shooting incidents year to date: 1 against 0 (n/a).",
      "Stolen vehicles, last 28 days: 0 of 1 shootings linked to one (0%); recovery rate n/a (0 recovered, 0 stolen); no linked recovery.",
      "Hot spots, shootings in the last 28 days: Frog Hollow 1 (+1).",
    ].join("\n"),
    [
      "*28 days* (2025-02-11 – 2025-03-10 vs 2024-02-11 – 2024-03-10)",
      "```",
      "                    Now  Prior   Δ   %Δ",
      "Shooting incidents    1      0  +1  n/a",
      "Shooting victims      2      0  +2  n/a",
      "  fatal               1      0  +1  n/a",
      "  non-fatal           1      0  +1  n/a",
      "Stolen vehicles       0      0   0  n/a",
      "Recovered vehicles    0      0   0  n/a",
      "Firearms seized       0      0   0  n/a",
      "  stolen              0      0   0  n/a",
      "  ghost guns          0      0   0  n/a",
      "Currency             $0     $0   0  n/a",
      "Arrests               0      0   0  n/a",
      "```",
    ].join("\n"),
    compstatFooter,
  ];
  const seizureLine = (id: number, on: string) => `• *S-${id}* ${on} — seizure: 1 gun, 1 arrest`;
  const newHavenCompstat = (guns: number, arrests: number) => [
    "---",
    "# CompStat",
    [
      "CompStat as of 2025-03-10 (America/New_York, preliminary). Shooting incidents year to date: 0 against 0 (n/a).",
      "Stolen vehicles, last 28 days: 0 of 0 shootings linked to one (n/a); recovery rate n/a (0 recovered, 0 stolen); no linked recovery.",
      "Hot spots: no shootings in an area in the last 28 days.",
    ].join("\n"),
    [
      "*28 days* (2025-02-11 – 2025-03-10 vs 2024-02-11 – 2024-03-10)",
      "```",
      "                    Now  Prior    Δ   %Δ",
      "Shooting incidents    0      0    0  n/a",
      "Shooting victims      0      0    0  n/a",
      "  fatal               0      0    0  n/a",
      "  non-fatal           0      0    0  n/a",
      "Stolen vehicles       0      0    0  n/a",
      "Recovered vehicles    0      0    0  n/a",
      `Firearms seized      ${guns}      0  +${guns}  n/a`,
      "  stolen              0      0    0  n/a",
      "  ghost guns          0      0    0  n/a",
      "Currency             $0     $0    0  n/a",
      `Arrests              ${arrests}      0  +${arrests}  n/a`,
      "```",
    ].join("\n"),
    compstatFooter,
  ];
  const newHavenAssignments = [
    "---",
    "# Your assignments",
    "• *A-1* Statewide Narcotics Task Force (CSP) · from 2025-01-01, open-ended",
  ];

  it("shows a person in two task forces a switcher listing both, the first selected, its buttons acting there", async () => {
    const view = await openHome(both);
    expect(outline(view)).toEqual([
      ...top(memberLine),
      showing("Hartford Shooting Task Force", "hartford"),
      commandButtons,
      ...hartfordLists,
    ]);
    expect(block(view, "home_taskforce")?.accessory).toEqual({
      type: "static_select",
      action_id: "home_taskforce",
      placeholder: { type: "plain_text", text: "Choose a task force", emoji: false },
      options: [hartford, newHaven],
      initial_option: hartford,
    });
    expect(block(view, "home_commands")?.elements?.map((e) => e.value)).toEqual([
      "shooting tf:hartford",
      "stolen tf:hartford",
      "recovered tf:hartford",
      "seizure tf:hartford",
      "assign tf:hartford",
    ]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(await remembered(both)).toBeNull();
  });

  it("redraws the Home for the task force chosen, its figures, lists and the role there, and pages within it", async () => {
    const view = await choose(both, newHaven);
    expect(outline(view)).toEqual([
      ...top(leadershipLine),
      showing("New Haven Shooting Task Force", "newhaven"),
      commandButtons,
      ...newHavenAssignments,
      "---",
      "# Your recent entries",
      [12, 11, 10, 9, 8, 7, 6, 5, 4, 3]
        .map((id) => seizureLine(id, `2025-03-${String(id - 2).padStart(2, "0")}`))
        .join("\n"),
      "(Showing 1–10 of 12 entries · page 1 of 2)",
      "[home_page:entries:1]",
      ...newHavenCompstat(12, 12),
    ]);
    expect(block(view, "home_taskforce")?.accessory?.initial_option).toEqual(newHaven);
    expect(await remembered(both)).toBe("newhaven");
    // The choice is a write: audited in the task force chosen.
    expect(
      await db().auditEvent.findMany({
        where: { action: "home.taskforce.choose", actorUserId: both },
        select: { taskForceId: true, targetId: true, outcome: true, after: true },
      }),
    ).toEqual([{ taskForceId: 2, targetId: both, outcome: "ok", after: '{"taskForce":"newhaven"}' }]);
    const older = block(view, "home_page_entries")?.elements?.[0];
    expect(JSON.parse(older?.value ?? "")).toEqual({ entries: 1, tf: "newhaven" });

    // The page button, as drawn, pages New Haven's entries, whatever else would decide.
    await bot.driver.blockAction({
      actionId: older?.action_id as string,
      value: older?.value,
      viewId: homeViewId(both),
      userId: both,
    });
    const paged = outline(await nextPublish(both));
    expect(paged.slice(3, 10)).toEqual([
      showing("New Haven Shooting Task Force", "newhaven"),
      commandButtons,
      ...newHavenAssignments,
      "---",
      "# Your recent entries",
    ]);
    expect(paged.slice(10, 13)).toEqual([
      [seizureLine(2, "2025-02-28"), seizureLine(1, "2025-02-27")].join("\n"),
      "(Showing 11–12 of 12 entries · page 2 of 2)",
      "[home_page:entries:0]",
    ]);
  });

  it("acts in the chosen task force from a command button: the form records there and confirms on its Home", async () => {
    const home = await openHome(both);
    const seizureButton = block(home, "home_commands")?.elements?.find(
      (e) => e.action_id === "home_open:seizure",
    );
    expect(seizureButton?.value).toBe("seizure tf:newhaven");
    const click = await bot.driver.blockAction({
      actionId: "home_open:seizure",
      value: seizureButton?.value,
      viewId: homeViewId(both),
      userId: both,
    });
    expect(click.status).toBe(200);
    const opened = await bot.emulator.waitForCall("views.open");
    const form = opened.args.view as { callback_id: string; private_metadata: string; blocks: Block[] };
    expect(form.callback_id).toBe("tf_seizure");
    expect(JSON.parse(form.private_metadata)).toEqual({ channel: "", taskForce: "newhaven" });
    // New Haven's areas, not Hartford's.
    const areas = form.blocks.find((b) => b.block_id === "area") as unknown as { element: Element };
    expect(areas.element.options?.map((o) => o.value)).toEqual(["fair-haven"]);

    const viewId = [...bot.emulator.views.values()].filter((v) => !v.userId).at(-1)?.id as string;
    const submitted = await bot.driver.viewSubmission({
      viewId,
      userId: both,
      values: {
        guns: { value: { type: "number_input", value: "2" } },
        area: { value: { type: "static_select", selected_option: { value: "fair-haven" } } },
      },
    });
    expect(submitted.body).toBe("");
    const recorded = await db().seizureReport.findFirstOrThrow({
      orderBy: { id: "desc" },
      select: {
        id: true,
        firearms: true,
        taskForce: { select: { code: true } },
        unit: { select: { code: true } },
      },
    });
    expect(recorded).toEqual({
      id: 13,
      firearms: 2,
      taskForce: { code: "newhaven" },
      unit: { code: "sntf" },
    });
    const confirmed = outline(await nextPublish(both));
    expect(confirmed.slice(3, 5)).toEqual([
      showing("New Haven Shooting Task Force", "newhaven"),
      ":white_check_mark: Recorded seizure S-13 on 2025-03-10: Statewide Narcotics Task Force (CSP), Fair Haven.",
    ]);
    expect(confirmed[11]?.split("\n")[0]).toBe("• *S-13* 2025-03-10 — seizure: 2 guns");
    expect(await db().seizureReport.count({ where: { taskForce: { code: "hartford" } } })).toBe(0);
  });

  it("shows the chosen task force at the next opening, on another replica too", async () => {
    expect(outline(await openHome(both)).slice(1, 4)).toEqual([
      leadershipLine,
      "(`/tf help` lists the commands you can run.)",
      showing("New Haven Shooting Task Force", "newhaven"),
    ]);
    // A second bot process on the same database reads the same choice.
    const replica = await startTestBot({
      env: { TF_ADMINS: stateAdmin },
      clock: () => now,
      database: bot.database,
    });
    try {
      await replica.driver.event({ type: "app_home_opened", user: both, tab: "home" }, { userId: both });
      const call = await replica.emulator.waitForCall("views.publish", 10_000);
      expect(outline(call.args.view as PublishedView).slice(1, 4)).toEqual([
        leadershipLine,
        "(`/tf help` lists the commands you can run.)",
        showing("New Haven Shooting Task Force", "newhaven"),
      ]);
      expect(replica.emulator.violations).toEqual([]);
    } finally {
      await replica.stop();
    }
  });

  it("shows a person in one task force no switcher, and ignores a choice of one they hold no role in", async () => {
    const view = await openHome(single);
    expect(outline(view)).toEqual([
      ...top(memberLine),
      commandButtons,
      "---",
      "# Your assignments",
      "You have no active assignment today.",
      "---",
      "# Your recent entries",
      "You have not recorded any seizures or incidents yet.",
      ...hartfordLists.slice(6),
    ]);
    expect(block(view, "home_taskforce")).toBeUndefined();
    // Two task forces in the deployment: the buttons still say which, so a click acts where the Home showed.
    expect(block(view, "home_commands")?.elements?.[0]?.value).toBe("shooting tf:hartford");
    // A forged choice of New Haven shows Hartford still, and is not kept.
    expect(outline(await choose(single, newHaven))).toEqual(outline(view));
    expect(await remembered(single)).toBeNull();
  });

  it("lets a state admin with no member row choose, and keeps the choice", async () => {
    expect(await remembered(stateAdmin)).toBeNull();
    expect(outline(await openHome(stateAdmin))[3]).toBe(showing("Hartford Shooting Task Force", "hartford"));
    expect(outline(await choose(stateAdmin, newHaven))[3]).toBe(
      showing("New Haven Shooting Task Force", "newhaven"),
    );
    expect(await remembered(stateAdmin)).toBe("newhaven");
    expect(outline(await openHome(stateAdmin))[3]).toBe(showing("New Haven Shooting Task Force", "newhaven"));
  });

  it("keeps the Home inside 100 blocks with the switcher and every admin list paged", async () => {
    // In New Haven, the state admin's: 11 entries, 11 digest channels and 500 audit events, each a list of pages.
    for (let day = 1; day <= 11; day += 1) {
      const on = `2025-02-${String(day).padStart(2, "0")}`;
      expect(
        await bot.reply(`seizure cash:$100 unit:tsu agency:CSP area:fair-haven on:${on} tf:newhaven`, {
          userId: stateAdmin,
        }),
      ).toMatch(/^Recorded seizure/);
      expect(
        await bot.reply(`admin digest add <#C0NHROOM${String(day).padStart(2, "0")}> tf:newhaven`, {
          userId: stateAdmin,
        }),
      ).toMatch(/^:white_check_mark: Scheduled/);
    }
    await db().auditEvent.createMany({
      data: Array.from({ length: 500 }, (_, i) => ({
        taskForceId: 2,
        at: new Date(now.getTime() - (i + 1) * 60_000),
        actorUserId: both,
        action: "roster.read",
        outcome: "ok",
      })),
    });
    const view = await openHome(stateAdmin);
    const lines = outline(view);
    // Home allows 100 blocks: every list paged, with the switcher (one block), is 28.
    expect(view.blocks).toHaveLength(28);
    expect(lines[3]).toBe(showing("New Haven Shooting Task Force", "newhaven"));
    expect(lines.filter((l) => l.startsWith("[home_page:"))).toEqual([
      "[home_page:entries:1]",
      "[home_page:schedules:1]",
      "[home_page:audit:1]",
    ]);
    const pageValues = view.blocks
      .filter((b) => b.block_id?.startsWith("home_page_"))
      .map((b) => JSON.parse(b.elements?.[0]?.value ?? "{}"));
    expect(pageValues).toEqual([
      { entries: 1, tf: "newhaven" },
      { schedules: 1, tf: "newhaven" },
      { audit: 1, tf: "newhaven" },
    ]);
  });

  it("passes over a remembered task force the person no longer holds a role in", async () => {
    expect(await bot.reply(`admin role <@${both}> none tf:newhaven`, { userId: stateAdmin })).toBe(
      `:white_check_mark: <@${both}>: *leadership* → no granted role.`,
    );
    expect(await bot.reply(`unassign <@${both}> on:2025-03-09 tf:newhaven`, { userId: stateAdmin })).toBe(
      `Ended assignment A-1: <@${both}> to Statewide Narcotics Task Force (CSP), 2025-01-01 to 2025-03-09.`,
    );
    const view = await openHome(both);
    // Hartford, by their only role now; one task force, so no switcher.
    expect(outline(view)).toEqual([...top(memberLine), commandButtons, ...hartfordLists]);
    expect(await remembered(both)).toBe("newhaven");

    // A button still drawn for New Haven is refused by the router there, audited in New Haven, and
    // the Home redrawn where they may act, with the refusal on top.
    const refusals = () =>
      db().auditEvent.count({ where: { action: "seizure.denied", actorUserId: both, taskForceId: 2 } });
    expect(await refusals()).toBe(0);
    const opens = bot.emulator.calls.filter((c) => c.method === "views.open").length;
    await bot.driver.blockAction({
      actionId: "home_open:seizure",
      value: "seizure tf:newhaven",
      viewId: homeViewId(both),
      userId: both,
    });
    expect(outline(await nextPublish(both))).toEqual([
      ...top(memberLine),
      ":warning: You hold no role in New Haven Shooting Task Force (`newhaven`). Say which with `tf:<code>`, e.g. `tf:hartford`. Yours: `hartford` (Hartford Shooting Task Force).",
      commandButtons,
      ...hartfordLists,
    ]);
    expect(await refusals()).toBe(1);
    expect(bot.emulator.calls.filter((c) => c.method === "views.open").length).toBe(opens);
  });

  it("lets a choice beat the workspace mapping, and leads from a mapped task force to the person's own", async () => {
    expect(await bot.reply(`admin workspace ${team} agency:CSP tf:newhaven`, { userId: stateAdmin })).toBe(
      ":white_check_mark: Workspace T0TASKF0RC: CSP. People from it are now attributed to that agency unless a command names another.",
    );
    // Mapped to New Haven, where this member of Hartford holds no role: New Haven's Home, as every
    // command without tf: would act, but with a switcher to their own.
    const mapped = await openHome(single);
    expect(outline(mapped)).toEqual([
      ...top("You have no task force role yet. Ask a task force admin (<@U0ADMIN001>) to grant you access."),
      showing("New Haven Shooting Task Force", "newhaven"),
    ]);
    expect(block(mapped, "home_taskforce")?.accessory?.options).toEqual([newHaven, hartford]);
    expect(block(mapped, "home_taskforce")?.accessory?.initial_option).toEqual(newHaven);
    const own = await choose(single, hartford);
    expect(outline(own).slice(1, 5)).toEqual([
      memberLine,
      "(`/tf help` lists the commands you can run.)",
      showing("Hartford Shooting Task Force", "hartford"),
      commandButtons,
    ]);
    expect(block(own, "home_taskforce")?.accessory?.initial_option).toEqual(hartford);
    expect(block(own, "home_commands")?.elements?.[0]?.value).toBe("shooting tf:hartford");
    expect(await remembered(single)).toBe("hartford");
    expect(outline(await openHome(single))[3]).toBe(showing("Hartford Shooting Task Force", "hartford"));
    // Choosing the mapped one again forgets the choice: the mapping decides once more.
    expect(outline(await choose(single, newHaven))[3]).toBe(
      showing("New Haven Shooting Task Force", "newhaven"),
    );
    expect(await remembered(single)).toBeNull();
  });

  it("made no call that breaks Slack's contract", () => {
    expect(bot.emulator.violations).toEqual([]);
  });
});
