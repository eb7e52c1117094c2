// Every surface the real bot draws, taken from the emulator's recorded calls as the console takes
// them, rendered to HTML: each renders, its key texts are visible exactly once, and no mrkdwn or
// Slack escape shows through.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StateValues } from "../../src/emulator/slack-driver.js";
import {
  type RenderContext,
  renderMessageHtml,
  renderViewHtml,
} from "../../src/local/console/render-html.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { testEngine } from "../helpers/database.js";

const admin = "U0ADMIN001";
const chief = "U0CHIEF001";
const detective = "U0DETECT01";
const trooper = "U0TROOPER1";
const ops = "C0OPSROOM1";
const leaders = "C0LEADERS1";
const now = new Date("2025-03-10T15:00:00Z");

const people: Record<string, string> = {
  [admin]: "ada",
  [chief]: "chen",
  [detective]: "dana",
  [trooper]: "tom",
};
const rooms: Record<string, string> = { [ops]: "ops", [leaders]: "leadership" };
const ctx: RenderContext = {
  userName: (id) => people[id],
  channelName: (id) => rooms[id],
  fileUrl: (id) => `/console/files/${id}`,
  knownUsers: () => Object.entries(people).map(([id, name]) => ({ id, name })),
};

interface Message {
  text?: string;
  blocks?: unknown[];
}
type View = Record<string, unknown>;

/** What a person reads: the HTML without its tags, with the characters its entities stand for. */
function visibleText(html: string): string {
  return html
    .replace(/<br>/g, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

const occurrences = (haystack: string, needle: string) => haystack.split(needle).length - 1;

/** Each text shows exactly once, and nothing Slack would have drawn is left as markup. */
function expectShown(html: string, texts: readonly string[]) {
  const visible = visibleText(html);
  for (const text of texts) expect({ text, times: occurrences(visible, text) }).toEqual({ text, times: 1 });
  for (const markup of [
    "<@U",
    "<#C",
    "<!",
    "```",
    "&amp;",
    "&lt;",
    "&gt;",
    ":warning:",
    ":white_check_mark:",
  ]) {
    expect({ markup, times: occurrences(visible, markup) }).toEqual({ markup, times: 0 });
  }
}

describe(`the console's HTML for every surface the bot draws (${testEngine})`, () => {
  let bot: TestBot;
  const db = () => bot.database.db.prisma;

  async function answer(text: string, userId: string, channelId = ops): Promise<Message> {
    const result = await bot.driver.command(text, { userId, channelId });
    expect(result.status).toBe(200);
    return (await bot.emulator.waitForResponse(result.responseUrlId, 10_000)) as Message;
  }

  async function openModal(command: string, userId: string): Promise<{ view: View; viewId: string }> {
    const result = await bot.driver.command(command, { userId, channelId: ops });
    expect(result.status).toBe(200);
    const opened = await bot.emulator.waitForCall("views.open", 10_000);
    return { view: opened.args.view as View, viewId: [...bot.emulator.views.keys()].at(-1) as string };
  }

  /** Submits a modal; Slack redraws it with the errors under their fields and what was entered kept. */
  async function refused(viewId: string, userId: string, values: StateValues) {
    const submitted = await bot.driver.viewSubmission({ viewId, userId, values });
    const body = submitted.body as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe("errors");
    return body.errors;
  }

  /** The block of this id in rendered HTML, up to the next block. */
  function blockOf(html: string, blockId: string): string {
    const start = html.search(new RegExp(`<div class="sk-block[^"]*" data-block-id="${blockId}">`));
    expect(start).toBeGreaterThan(-1);
    const next = html.indexOf('<div class="sk-block', start + 1);
    return html.slice(start, next === -1 ? undefined : next);
  }

  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: admin }, clock: () => now });
    bot.emulator.setChannel(ops, { isMember: true, name: "ops" });
    bot.emulator.setChannel(leaders, { isMember: true, name: "leadership" });
    const member = await db().member.create({ data: { slackUserId: chief, teamId: "T0TASKF0RC" } });
    await db().roleGrant.create({
      data: { taskForceId: 1, memberId: member.id, role: "leadership", grantedBy: admin },
    });
    await answer(
      `assign <@${detective}> unit:vctf agency:CSP role:"Lead & Detective" area:frog-hollow shift:night from:2025-03-01`,
      admin,
    );
    await answer(
      "seizure guns:2 stolen-guns:1 fentanyl:25g cash:$4500 arrests:1 area:frog-hollow on:2025-03-06",
      detective,
    );
    await answer("shooting fatal:1 injured:2 area:south-end at:2025-03-06T21:30 case:25-0042", detective);
    await answer(`admin digest add <#${leaders}> at:07:00`, admin);
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it("help: the commands an admin can run", async () => {
    const help = await answer("help", admin);
    const html = renderMessageHtml(help, ctx);
    expect(html).toContain("<b>Task Force Bot commands you can run</b><br>• ");
    expectShown(html, [
      "Task Force Bot commands you can run",
      "/tf help [subcommand]",
      "explains one in full.",
    ]);
  });

  it("the roster", async () => {
    const html = renderMessageHtml(await answer("roster", chief), ctx);
    expect(html).toContain('<div class="sk-block sk-header">Roster on 2025-03-10</div>');
    expectShown(html, ["Roster on 2025-03-10", "1 assigned · page 1 of 1", "@dana", "Lead & Detective"]);
  });

  it("the seizure tally, with its fields", async () => {
    const html = renderMessageHtml(await answer("tally 28d", chief), ctx);
    expect(html).toContain(
      '<div class="sk-fields"><div class="sk-field sk-text"><b>Guns</b><br>2 (1 stolen)</div>',
    );
    expect(html).toContain("<b>Narcotics</b><br>• Other Narcotics (H): 25 g");
    expectShown(html, ["Seizure tally — ", "Conversion devices", "Search warrants", "By unit", "By agency"]);
  });

  it("CompStat trends with the chart", async () => {
    const html = renderMessageHtml(await answer("trends shootings chart:yes", chief, leaders), ctx);
    expect(html).toContain('<div class="sk-block sk-header">CompStat — as of 2025-03-10</div>');
    // Three windows, the 8-week trend and the linked figures.
    expect(occurrences(html, '<pre class="sk-pre">')).toBe(5);
    expectShown(html, [
      "CompStat — as of 2025-03-10",
      "8-week trend",
      "Stolen vehicles in shootings, and recoveries",
      "The 8-week chart is posted in this channel.",
    ]);
    const upload = bot.emulator.uploads.at(-1);
    expect(upload).toMatchObject({ completed: true, channelId: leaders });
  });

  it("the digest preview", async () => {
    const html = renderMessageHtml(await answer("digest preview asof:2025-03-07", chief), ctx);
    expectShown(html, [
      "Daily digest — 2025-03-07",
      "Last 24 hours:",
      "Stolen vehicles in shootings, and recoveries",
      "Hot spots: shooting incidents by area, last 28 days",
      "Lines of effort",
      "Roster changes",
    ]);
    expect(html).toContain("<b>Last 24 hours:</b>");
  });

  it("the assign modal, refused with its error under the date, then its confirmation", async () => {
    const { view, viewId } = await openModal("assign", admin);
    const opened = renderViewHtml(view, ctx);
    expect(opened).toContain('data-view-action="submit">Register</button>');
    expectShown(opened, [
      "Register assignment",
      "Member",
      "Cancel",
      "Agency (blank: from the member's workspace)",
    ]);
    const values = {
      member: { value: { type: "users_select", selected_user: trooper } },
      unit: { value: { type: "static_select", selected_option: { value: "tsu" } } },
      from: { value: { type: "datepicker", selected_date: "2025-03-10" } },
      to: { value: { type: "datepicker", selected_date: "2025-03-01" } },
    };
    const errors = await refused(viewId, admin, values);
    const html = renderViewHtml(view, ctx, { errors, values });
    const to = blockOf(html, "to");
    expect(to).toContain('class="sk-block sk-input sk-has-error"');
    expect(to).toContain('value="2025-03-01"');
    expect(to).toContain(
      '<div class="sk-input-error" role="alert">`to:2025-03-01` is before `from:2025-03-10`: an assignment ' +
        "must end on or after it starts.<br>e.g. from:2025-03-10 to:2025-03-10</div>",
    );
    expect(blockOf(html, "member")).toContain('<option value="U0TROOPER1" selected>tom</option>');
    expect(blockOf(html, "unit")).toContain('<option value="tsu" selected>');
    expectShown(html, [errors.to as string]);

    const ok = await bot.driver.viewSubmission({
      viewId,
      userId: admin,
      values: {
        ...values,
        agency: { value: { type: "static_select", selected_option: { value: "CSP" } } },
        to: { value: { type: "datepicker", selected_date: null } },
      },
    });
    expect(ok.body).toBe("");
    const confirmation = await bot.emulator.waitForCall("chat.postEphemeral", 10_000);
    const shown = renderMessageHtml(confirmation.args as Message, ctx);
    expectShown(shown, ["\u2705 Registered assignment", "@tom"]);
  });

  it("the seizure modal, refused with its error under guns", async () => {
    const { view, viewId } = await openModal("seizure", detective);
    const values = {
      guns: { value: { type: "number_input", value: "1" } },
      "stolen-guns": { value: { type: "number_input", value: "2" } },
      items: { value: { type: "plain_text_input", value: "fentanyl:25g" } },
      note: { value: { type: "plain_text_input", value: "seen <b>twice</b> & more" } },
    };
    const errors = await refused(viewId, detective, values);
    const html = renderViewHtml(view, ctx, { errors, values });
    expect(blockOf(html, "guns")).toContain('class="sk-block sk-input sk-has-error"');
    expect(blockOf(html, "stolen-guns")).toContain('value="2"');
    expect(blockOf(html, "items")).toContain('value="fentanyl:25g"');
    expect(blockOf(html, "note")).toContain(
      'maxlength="500">seen &lt;b&gt;twice&lt;/b&gt; &amp; more</textarea>',
    );
    expectShown(html, [
      "Record seizure",
      "…of which stolen",
      "Search warrants served",
      errors.guns as string,
    ]);
  });

  it("the incident modals, refused with their error under the time", async () => {
    for (const [command, title] of [
      ["shooting", "Log shooting"],
      ["stolen", "Log stolen vehicle"],
      ["recovered", "Log recovered vehicle"],
    ] as const) {
      const { view, viewId } = await openModal(command, detective);
      const values = {
        area: { value: { type: "static_select", selected_option: { value: "parkville" } } },
        ...(command === "shooting" ? { injured: { value: { type: "number_input", value: "1" } } } : {}),
        date: { value: { type: "datepicker", selected_date: "2025-03-09" } },
        time: { value: { type: "timepicker", selected_time: "02:30" } },
      };
      const errors = await refused(viewId, detective, values);
      const html = renderViewHtml(view, ctx, { errors, values });
      expect(blockOf(html, "time")).toContain('value="02:30"');
      expect(blockOf(html, "time")).toContain('class="sk-block sk-input sk-has-error"');
      expectShown(html, [title.slice(0, 24), "Case number", errors.time as string]);
    }
  });

  it("the Home tab of an admin", async () => {
    const opened = await bot.driver.event(
      { type: "app_home_opened", user: admin, tab: "home" },
      { userId: admin },
    );
    expect(opened.status).toBe(200);
    const published = await bot.emulator.waitForCall("views.publish", 10_000);
    const html = renderViewHtml(published.args.view as View, ctx);
    expect(html.startsWith('<div class="sk-home" data-view-type="home" data-callback-id="home">')).toBe(true);
    expect(html).toContain(
      '<button type="button" class="sk-button" data-type="button" data-action-id="home_open:seizure" ' +
        'data-block-id="home_commands" data-value="seizure">Record seizure</button>',
    );
    expect(html).toContain("Your task force role is <b>admin</b>.");
    expectShown(html, [
      "Task Force Bot",
      "Log shooting",
      "Register assignment",
      "Your assignments",
      "Your recent entries",
      "Digest schedules",
      "Recent audit events",
      "#leadership at 07:00",
    ]);
  });

  it("the Home tab of an admin in two task forces, with its switcher as a select", async () => {
    expect(
      (await answer('admin taskforce add newhaven name:"New Haven Shooting Task Force"', admin)).text,
    ).toMatch(/^:white_check_mark: Created New Haven/);
    await bot.driver.event({ type: "app_home_opened", user: admin, tab: "home" }, { userId: admin });
    const published = await bot.emulator.waitForCall("views.publish", 10_000);
    const html = renderViewHtml(published.args.view as View, ctx);
    // Slack's dropdown, the shown task force selected; choosing one sends block_actions at once (console.js).
    expect(html).toContain(
      '<div class="sk-accessory"><select class="sk-select" name="home_taskforce/home_taskforce" data-type="static_select" ' +
        'data-action-id="home_taskforce" data-block-id="home_taskforce"><option value="">Choose a task force</option>' +
        '<option value="hartford" selected>Hartford Shooting Task Force (hartford)</option>' +
        '<option value="newhaven">New Haven Shooting Task Force (newhaven)</option></select></div>',
    );
    expect(html).toContain(
      'data-action-id="home_open:seizure" data-block-id="home_commands" data-value="seizure tf:hartford"',
    );
    expectShown(html, [
      "Showing Hartford Shooting Task Force (hartford). Choose another of your task forces",
    ]);
  });
});
