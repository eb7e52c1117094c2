// Every surface the bot renders, driven through the real bot against the emulator in strict mode,
// must keep every rule in the Block Kit table (src/emulator/block-kit/rules.ts): after each step
// the emulator has recorded no violation at all.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkViewCall } from "../../src/emulator/block-kit/check.js";
import { input, option } from "../../src/slack/views/inputs.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { testEngine } from "../helpers/database.js";

const admin = "U0ADMIN001";
const chief = "U0CHIEF001";
const detective = "U0DETECT01";
const viewer = "U0VIEWER01";
const nobody = "U0NOBODY01";
const trooper = "U0TROOPER1";
const leaders = "C0LEADERS1";
const ops = "C0OPSROOM1";
const now = new Date("2025-03-10T15:00:00Z");

interface Block {
  type: string;
  block_id?: string;
  elements?: Array<{ type: string; action_id?: string }>;
}
interface Answer {
  text: string;
  blocks?: Block[];
}

const kinds = (blocks: readonly Block[] | undefined) => (blocks ?? []).map((b) => b.type);

describe(`Block Kit on every surface the bot renders (${testEngine})`, () => {
  let bot: TestBot;
  const db = () => bot.database.db.prisma;

  async function answer(text: string, userId: string, channelId = ops): Promise<Answer> {
    const result = await bot.driver.command(text, { userId, channelId });
    expect(result.status).toBe(200);
    return (await bot.emulator.waitForResponse(result.responseUrlId, 10_000)) as Answer;
  }

  async function openHome(userId: string): Promise<Block[]> {
    const opened = await bot.driver.event({ type: "app_home_opened", user: userId, tab: "home" }, { userId });
    expect(opened.status).toBe(200);
    return publishedBlocks(userId);
  }

  async function publishedBlocks(userId: string): Promise<Block[]> {
    const call = await bot.emulator.waitForCall("views.publish", 10_000);
    expect(call.args.user_id).toBe(userId);
    return (call.args.view as { blocks: Block[] }).blocks;
  }

  const homeViewId = (userId: string) =>
    [...bot.emulator.views.values()].find((v) => v.userId === userId)?.id as string;

  /** Opens a modal the way `/tf <command>` with no arguments does; returns its blocks and id. */
  async function openModal(command: string, userId: string) {
    const result = await bot.driver.command(command, { userId, channelId: ops });
    expect(result.status).toBe(200);
    const opened = await bot.emulator.waitForCall("views.open", 10_000);
    const view = opened.args.view as { callback_id: string; blocks: Block[] };
    const viewId = [...bot.emulator.views.keys()].at(-1) as string;
    return { view, viewId };
  }

  async function grant(userId: string, role: string) {
    const member = await db().member.create({ data: { slackUserId: userId, teamId: "T0TASKF0RC" } });
    await db().roleGrant.create({ data: { taskForceId: 1, memberId: member.id, role, grantedBy: admin } });
  }

  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: admin }, clock: () => now });
    bot.emulator.setChannel(leaders, { isMember: true, name: "leadership" });
    bot.emulator.setChannel(ops, { isMember: true, name: "ops" });
    await grant(chief, "leadership");
    await grant(viewer, "viewer");
    await answer(
      `assign <@${detective}> unit:vctf agency:CSP role:"Lead Detective" area:frog-hollow,south-end shift:night from:2025-03-01`,
      admin,
    );
    await answer(`assign <@${chief}> unit:sntf agency:CSP from:2025-01-01`, admin);
    // Twelve entries and a dozen schedules, so the member's and the admin's Home lists have a second page.
    for (let day = 1; day <= 6; day++) {
      await answer(
        `seizure guns:${day} fentanyl:${day}g cash:$${day}00 area:frog-hollow on:2025-03-0${day}`,
        detective,
      );
      await answer(
        `shooting injured:1 area:south-end at:2025-03-0${day}T2${day}:00 case:25-00${day}`,
        detective,
      );
    }
    for (let i = 1; i <= 12; i++) {
      const channel = `C0DIGEST${String(i).padStart(2, "0")}`;
      bot.emulator.setChannel(channel, { isMember: true, name: `digest-${i}` });
      await answer(`admin digest add <#${channel}> at:07:${String(i).padStart(2, "0")}`, admin);
    }
    await answer(`admin digest add <#${leaders}|leadership>`, admin);
    expect(bot.emulator.violations).toEqual([]);
  });
  afterAll(async () => {
    await bot?.stop();
  });
  afterEach(() => {
    expect(bot.emulator.violations).toEqual([]);
  });

  it("help, for each role", async () => {
    for (const userId of [admin, chief, detective, viewer, nobody]) {
      const help = await answer("help", userId);
      expect(help.text).toMatch(/^\*Task Force Bot commands you can run\*\n• `\/tf help \[subcommand\]`/);
      expect(help.blocks).toBeUndefined();
    }
    expect((await answer("help seizure", detective)).text).toMatch(/^\*`\/tf seizure /);
  });

  it("the roster, on both of its pages", async () => {
    const unit = await db().unit.findFirstOrThrow({ where: { code: "attf" } });
    const agency = await db().agency.findUniqueOrThrow({ where: { code: "HPD" } });
    for (let i = 0; i < 45; i++) {
      const member = await db().member.create({
        data: { slackUserId: `U0BULK${String(i).padStart(4, "0")}`, teamId: "T0" },
      });
      await db().assignment.create({
        data: {
          memberId: member.id,
          unitId: unit.id,
          agencyId: agency.id,
          startDate: "2025-01-01",
          registeredBy: admin,
        },
      });
    }
    expect(kinds((await answer("roster", viewer)).blocks)).toEqual([
      "header",
      "context",
      "section",
      "context",
    ]);
    expect(kinds((await answer("roster unit:attf", viewer)).blocks)).toEqual([
      "header",
      "context",
      "section",
      "context",
    ]);
    expect(kinds((await answer("roster unit:attf page:2", viewer)).blocks)).toEqual([
      "header",
      "context",
      "section",
    ]);
    expect(kinds((await answer("roster on:2020-01-01", viewer)).blocks)).toEqual(["header", "section"]);
  });

  it("the seizure tally, overall, for one unit, and each unit's own measures", async () => {
    // Totals, the highway share of stops, narcotics, by unit, by agency.
    expect(kinds((await answer("tally 28d", viewer)).blocks)).toEqual([
      "header",
      "context",
      "section",
      "section",
      "section",
      "section",
      "section",
    ]);
    expect(kinds((await answer("tally ytd unit:vctf", viewer)).blocks)).toEqual([
      "header",
      "context",
      "section",
      "section",
      "section",
      "section",
      "section",
    ]);
    // The highway share, then one section per unit of the source case.
    expect(kinds((await answer("tally 28d by:unit", viewer)).blocks)).toEqual([
      "header",
      "context",
      ...Array(6).fill("section"),
    ]);
  });

  it("CompStat trends: all, by area, unit and agency, and with the chart", async () => {
    const windows = ["header", "context", "section", "section", "section", "section"];
    // `all` adds the linked figures, the multi-year columns, the hot spots and the rate note.
    expect(kinds((await answer("trends", viewer)).blocks)).toEqual([
      ...windows,
      "section",
      "section",
      "section",
      "context",
    ]);
    for (const by of ["area", "unit", "agency"]) {
      expect(kinds((await answer(`trends all by:${by}`, viewer)).blocks)).toEqual([...windows, "section"]);
    }
    const charted = await answer("trends shootings chart:yes", chief, leaders);
    expect(kinds(charted.blocks)).toEqual([...windows, "section", "context"]);
    expect(bot.emulator.uploads.at(-1)).toMatchObject({ completed: true, channelId: leaders });
  });

  it("restricted incident detail", async () => {
    expect(kinds((await answer("incidents 28d", chief)).blocks)).toEqual(["section", "section"]);
  });

  it("confirmations of each kind of record, and of a void", async () => {
    const confirmation = ["section", "context"];
    expect(
      kinds(
        (await answer("seizure guns:1 ghost-guns:1 pills:40du arrests:2 area:downtown", detective)).blocks,
      ),
    ).toEqual(confirmation);
    expect(
      kinds((await answer("shooting fatal:1 area:downtown at:2025-03-10T09:30", detective)).blocks),
    ).toEqual(confirmation);
    expect(kinds((await answer("stolen area:parkville", detective)).blocks)).toEqual(confirmation);
    expect(kinds((await answer("recovered area:parkville case:25-9000", detective)).blocks)).toEqual(
      confirmation,
    );
    expect(
      kinds((await answer(`assign <@${trooper}> unit:tsu agency:CSP from:2025-03-10`, admin)).blocks),
    ).toEqual(["section"]);
    expect(kinds((await answer(`unassign <@${trooper}> unit:tsu on:2025-03-10`, admin)).blocks)).toEqual([
      "section",
    ]);
    const voided = await answer('void I-1 reason:"entered twice"', detective);
    expect(voided.text).toBe(
      ":white_check_mark: Voided incident I-1. It stays on record and no longer counts.",
    );
  });

  it("refusals and mistakes, as ephemeral text", async () => {
    expect((await answer("seizure guns:1", nobody)).text).toMatch(/^:warning: You can't run `\/tf seizure`/);
    expect((await answer("trends by:precinct", viewer)).text).toMatch(/^:warning: /);
    expect((await answer("frobnicate", detective)).text).toMatch(
      /^`\/tf frobnicate` is not a Task Force Bot command\.\n/,
    );
  });

  it("the digest: a preview, and a post with its chart", async () => {
    const preview = await answer("digest preview asof:2025-03-07", chief);
    const headings = (preview.blocks ?? []).map((b) =>
      b.type === "section"
        ? String((b as { text?: { text?: string } }).text?.text).match(/^\*([^*]+)\*/)?.[1]
        : b.type,
    );
    expect(headings).toEqual([
      "header",
      "context",
      "Last 24 hours:",
      undefined, // the narrative
      "28 days",
      "Year to date",
      "Stolen vehicles in shootings, and recoveries",
      "Year to date, this year and the three before",
      "Hot spots: shooting incidents by area, last 28 days",
      "Seizures on 2025-03-06:",
      "Lines of effort",
      "Auto Theft Task Force",
      "Parole Supervision",
      "Statewide Narcotics Task Force",
      "Traffic Services Unit",
      "Violent Crimes Task Force",
      "Roster changes",
    ]);
    const sent = await answer("digest send", admin);
    expect(sent.text).toMatch(/^Digest for 2025-03-10:\n• <#C0DIGEST01>: posted\n/);
    const post = bot.emulator.calls.find(
      (c) => c.method === "chat.postMessage" && c.args.channel === leaders,
    );
    // The post is the preview with its two charts at the end: uploaded once, into no channel, and
    // shown by file id (200 channels' uploads of their own would exceed the files methods' limit).
    const blocks = post?.args.blocks as Array<Block & { slack_file?: { id?: string } }>;
    expect(kinds(blocks)).toEqual([...kinds(preview.blocks), "image", "image"]);
    const shown = blocks.filter((b) => b.type === "image").map((b) => b.slack_file?.id);
    const uploads = shown.map((id) => bot.emulator.uploads.find((u) => u.id === id));
    expect(uploads.map((u) => [u?.filename, u?.channelId, u?.completed])).toEqual([
      ["compstat-2025-03-09.png", undefined, true],
      ["hotspots-2025-03-09.png", undefined, true],
    ]);
  });

  it("admin listings: the audit log and the digest schedules", async () => {
    expect(kinds((await answer("admin audit", admin)).blocks)).toEqual(["section", "section"]);
    expect((await answer("admin digest list", admin)).text).toMatch(
      /^\*Daily digest schedules\*\n• <#C0DIGEST01> at 07:01 /,
    );
  });

  it("every modal: opened, refused with field errors, then submitted", async () => {
    const assign = await openModal("assign", admin);
    expect(kinds(assign.view.blocks)).toEqual(Array(8).fill("input"));
    const badDates = await bot.driver.viewSubmission({
      viewId: assign.viewId,
      userId: admin,
      values: {
        member: { value: { type: "users_select", selected_user: trooper } },
        unit: { value: { type: "static_select", selected_option: { value: "tsu" } } },
        from: { value: { type: "datepicker", selected_date: "2025-03-10" } },
        to: { value: { type: "datepicker", selected_date: "2025-03-01" } },
      },
    });
    expect(badDates.body).toMatchObject({ response_action: "errors", errors: { to: expect.any(String) } });
    const assigned = await bot.driver.viewSubmission({
      viewId: assign.viewId,
      userId: admin,
      values: {
        member: { value: { type: "users_select", selected_user: trooper } },
        unit: { value: { type: "static_select", selected_option: { value: "tsu" } } },
        agency: { value: { type: "static_select", selected_option: { value: "CSP" } } },
        from: { value: { type: "datepicker", selected_date: "2025-03-11" } },
      },
    });
    expect(assigned.body).toBe("");
    expect(
      kinds((await bot.emulator.waitForCall("chat.postEphemeral", 10_000)).args.blocks as Block[]),
    ).toEqual(["section"]);

    const seizure = await openModal("seizure", detective);
    expect(kinds(seizure.view.blocks)).toEqual(Array(18).fill("input"));
    const tooManyStolen = await bot.driver.viewSubmission({
      viewId: seizure.viewId,
      userId: detective,
      values: {
        guns: { value: { type: "number_input", value: "1" } },
        "stolen-guns": { value: { type: "number_input", value: "2" } },
      },
    });
    expect(tooManyStolen.body).toMatchObject({
      response_action: "errors",
      errors: { guns: expect.any(String) },
    });
    const seized = await bot.driver.viewSubmission({
      viewId: seizure.viewId,
      userId: detective,
      values: {
        guns: { value: { type: "number_input", value: "1" } },
        items: { value: "cocaine:1.5oz" },
        note: { value: "from the modal" },
      },
    });
    expect(seized.body).toBe("");
    expect(
      kinds((await bot.emulator.waitForCall("chat.postEphemeral", 10_000)).args.blocks as Block[]),
    ).toEqual(["section", "context"]);

    for (const [command, blockIds] of [
      ["shooting", ["fatal", "injured", "area", "date", "time", "case", "stolen"]],
      ["stolen", ["area", "date", "time", "case"]],
      ["recovered", ["area", "date", "time", "case", "stolen"]],
    ] as const) {
      const incident = await openModal(command, detective);
      expect(incident.view.blocks.map((b) => b.block_id)).toEqual(blockIds);
      const where = {
        area: { value: { type: "static_select", selected_option: { value: "parkville" } } },
        ...(command === "shooting" ? { injured: { value: { type: "number_input", value: "1" } } } : {}),
      };
      const impossible = await bot.driver.viewSubmission({
        viewId: incident.viewId,
        userId: detective,
        values: {
          ...where,
          date: { value: { type: "datepicker", selected_date: "2025-03-09" } },
          time: { value: { type: "timepicker", selected_time: "02:30" } },
        },
      });
      expect(impossible.body).toMatchObject({
        response_action: "errors",
        errors: { time: expect.any(String) },
      });
      const recorded = await bot.driver.viewSubmission({
        viewId: incident.viewId,
        userId: detective,
        values: where,
      });
      expect(recorded.body).toBe("");
      expect(
        kinds((await bot.emulator.waitForCall("chat.postEphemeral", 10_000)).args.blocks as Block[]),
      ).toEqual(["section", "context"]);
    }
  });

  it("the Home tab for each role, with paging, and a form opened from it", async () => {
    const top = ["header", "section", "context"];
    const list = (pages: boolean) => [
      "divider",
      "header",
      "section",
      ...(pages ? ["context", "actions"] : []),
    ];
    const compstat = ["divider", "header", "section", "section", "context"];
    expect(kinds(await openHome(nobody))).toEqual(top);
    expect(kinds(await openHome(viewer))).toEqual([...top, ...compstat]);
    const member = [...top, "actions", ...list(false), ...list(true), ...compstat];
    expect(kinds(await openHome(detective))).toEqual(member);
    expect(kinds(await openHome(chief))).toEqual([
      ...top,
      "actions",
      ...list(false),
      ...list(false),
      ...compstat,
    ]);
    const adminHome = [
      ...top,
      "actions",
      ...list(false),
      ...list(false),
      ...compstat,
      ...list(true),
      ...list(true),
    ];
    expect(kinds(await openHome(admin))).toEqual(adminHome);

    for (const [actionId, value] of [
      ["home_page:audit:1", { audit: 1 }],
      ["home_page:schedules:1", { audit: 1, schedules: 1 }],
      ["home_page:audit:0", { audit: 0, schedules: 1 }],
    ] as const) {
      await bot.driver.blockAction({
        actionId,
        value: JSON.stringify(value),
        viewId: homeViewId(admin),
        userId: admin,
      });
      expect(kinds(await publishedBlocks(admin))).toEqual(adminHome);
    }
    await bot.driver.blockAction({
      actionId: "home_page:entries:1",
      value: JSON.stringify({ entries: 1 }),
      viewId: homeViewId(detective),
      userId: detective,
    });
    expect(kinds(await publishedBlocks(detective))).toEqual(member);

    // A viewer who still holds an admin's paging button is refused on the Home itself.
    await bot.driver.blockAction({
      actionId: "home_page:audit:1",
      value: JSON.stringify({ audit: 1 }),
      viewId: homeViewId(viewer),
      userId: viewer,
    });
    expect(kinds(await publishedBlocks(viewer))).toEqual([...top, "section", ...compstat]);

    const click = await bot.driver.blockAction({
      actionId: "home_open:stolen",
      value: "stolen",
      viewId: homeViewId(detective),
      userId: detective,
    });
    expect(click.status).toBe(200);
    const opened = await bot.emulator.waitForCall("views.open", 10_000);
    expect((opened.args.view as { callback_id: string }).callback_id).toBe("tf_stolen");
    const viewId = [...bot.emulator.views.values()].filter((v) => !v.userId).at(-1)?.id as string;
    const ok = await bot.driver.viewSubmission({
      viewId,
      userId: detective,
      values: { area: { value: { type: "static_select", selected_option: { value: "downtown" } } } },
    });
    expect(ok.body).toBe("");
    expect(kinds(await publishedBlocks(detective))).toEqual([...top, "section", ...member.slice(3)]);
  });
});

describe("the bot's Block Kit builders, typed with @slack/types", () => {
  it("refuse at compile time what Slack refuses", () => {
    // @ts-expect-error a button cannot go in an input block
    const go = input("go", "Go", { type: "button", text: { type: "plain_text", text: "Go" } });
    // @ts-expect-error an option's value is a string
    const shift = option("day", 1);
    const view = {
      type: "modal",
      title: { type: "plain_text", text: "Form" },
      submit: { type: "plain_text", text: "Save" },
      blocks: [go, input("shift", "Shift", { type: "static_select", action_id: "value", options: [shift] })],
    };
    expect(checkViewCall("views.open", { trigger_id: "1.2.abc", view })).toEqual([
      "view.blocks[0] (input): element (button) cannot go in an input block [input.element]",
      "view.blocks[1] (input).element (static_select).options[0]: value must be a string, got a number [option.value]",
    ]);
  });
});
