import type { Button, HomeView, KnownBlock, PlainTextOption, SectionBlock, StaticSelect } from "@slack/types";
import type { SlackIdentity } from "../../domain/access/identity.js";
import type { Role } from "../../domain/access/roles.js";
import { incidentKindLabels } from "../../domain/incidents/kinds.js";
import { describeItems } from "../../domain/seizures/seizure-items.js";
import type { TaskForce } from "../../domain/taskforce/task-force.js";
import { escapeMrkdwn } from "../../domain/text/escape.js";
import { countOf as plural } from "../../domain/text/numbers.js";
import { localDateOf } from "../../domain/time/local-date.js";
import { localTimeOf } from "../../domain/time/zoned.js";
import { type AssignmentView, describeRange } from "../../usecases/assignments/assignments.js";
import type { DigestScheduleView } from "../../usecases/digest/digests.js";
import {
  type HomeAuditEvent,
  type HomeData,
  type HomeEntry,
  type HomeList,
  type HomePage,
  type HomePages,
  homeLists,
} from "../../usecases/home/home.js";
import { unmappedWorkspaceNote, whoGrantsAccess } from "../commands/help.js";
import { blockLimits, context, header, section, sectionsOf } from "./blocks.js";
import { code, compstatHeadline, windowTable } from "./compstat.js";
import { hotspotsHeadline } from "./hotspots.js";
import { linkedHeadline } from "./linked.js";

/**
 * The Home's command buttons: each names the `/tf` subcommand whose form it opens, and the
 * button's action id is `home_open:<subcommand>`.
 */
export const homeCommands = [
  { name: "shooting", label: "Log shooting" },
  { name: "stolen", label: "Stolen vehicle" },
  { name: "recovered", label: "Recovered vehicle" },
  { name: "seizure", label: "Record seizure" },
  { name: "assign", label: "Register assignment" },
] as const;
export type HomeCommand = (typeof homeCommands)[number]["name"];

export const homeOpenPrefix = "home_open:";
export const homePagePrefix = "home_page:";
/** The switcher's action id: a static_select of the person's task forces. */
export const homeTaskForceActionId = "home_taskforce";

/** The action id of the button that opens `name`'s form. */
export const homeOpenActionId = (name: HomeCommand) => `${homeOpenPrefix}${name}`;

export function homeCommandOf(actionId: string): HomeCommand | undefined {
  const name = actionId.startsWith(homeOpenPrefix) ? actionId.slice(homeOpenPrefix.length) : "";
  return homeCommands.find((c) => c.name === name)?.name;
}

/** The list a paging button pages (`home_page:<list>:<page>`). */
export function homeListOf(actionId: string): HomeList | undefined {
  const [, list] = actionId.split(":");
  return homeLists.find((l) => l === list);
}

/**
 * The text a command button routes: `<subcommand>`, with `tf:<code>` when the Home carried its task
 * force (the button's value says which; only a well-formed code is taken from it).
 */
export function homeCommandText(name: HomeCommand, value: string | undefined): string {
  const carried = homeTaskForceOfButton(value);
  return carried ? `${name} tf:${carried}` : name;
}

const carriedCode = /^[a-z0-9-]{2,16}$/;

/** The task force a command button's value carries (`<subcommand> tf:<code>`), if any. */
export function homeTaskForceOfButton(value: string | undefined): string | undefined {
  const carried = /\btf:(\S+)$/.exec(value ?? "")?.[1];
  return carried !== undefined && carriedCode.test(carried) ? carried : undefined;
}

/** The task force a paging button's value carries (`"tf"`, beside the pages), if any. */
export function homeTaskForceOfPages(value: string | undefined): string | undefined {
  try {
    const tf = (JSON.parse(value ?? "{}") as Record<string, unknown> | null)?.tf;
    return typeof tf === "string" && carriedCode.test(tf) ? tf : undefined;
  } catch {
    return undefined;
  }
}

/** A paging button's value: every list's page after the click. Unknown keys and non-integers are dropped. */
export function parseHomePages(value: string | undefined): HomePages {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value ?? "{}");
  } catch {
    return {};
  }
  if (typeof parsed !== "object" || parsed === null) return {};
  const pages: HomePages = {};
  for (const list of homeLists) {
    const page = (parsed as Record<string, unknown>)[list];
    if (typeof page === "number" && Number.isSafeInteger(page) && page >= 0) pages[list] = page;
  }
  return pages;
}

const listNames: Record<HomeList, string> = {
  assignments: "your assignments",
  entries: "your recent entries",
  schedules: "the digest schedules",
  audit: "the audit events",
};

function whoYouAre(data: HomeData, options: HomeOptions): string {
  const unmapped = options.unmappedWorkspace ? ` ${unmappedWorkspaceNote(options.unmappedWorkspace)}` : "";
  return `${roleLine(data, options.admins)}${unmapped}`;
}

function roleLine(data: HomeData, admins: readonly SlackIdentity[]): string {
  if (data.role === null) return `You have no task force role yet. ${whoGrantsAccess(admins)}`;
  const can: Record<Role, string> = {
    viewer: "You can read the summaries.",
    member: "You can record assignments, seizures and incidents, and read the summaries.",
    leadership: "You can record, read the summaries and read restricted detail.",
    admin: "You can record, read everything and configure the bot.",
  };
  return `Your task force role is *${data.role}*. ${can[data.role]}`;
}

function assignmentLine(a: AssignmentView): string {
  const details = [
    a.title ? escapeMrkdwn(a.title) : undefined,
    a.areas.length ? a.areas.map(escapeMrkdwn).join(", ") : undefined,
    a.shift ? `${a.shift} shift` : undefined,
  ].filter(Boolean);
  return (
    `• *${a.recordId}* ${escapeMrkdwn(a.unit.name)} (${escapeMrkdwn(a.agency.code)})` +
    `${details.length ? ` — ${details.join(" · ")}` : ""} · ${describeRange(a.startDate, a.endDate)}`
  );
}

function entryLine(e: HomeEntry): string {
  const summary =
    e.kind === "seizure"
      ? `seizure: ${describeItems(e.items).map(escapeMrkdwn).join(", ") || "nothing itemised"}`
      : e.kind === "shooting"
        ? `shooting: ${e.fatalVictims} fatal, ${e.injuredVictims} injured`
        : incidentKindLabels[e.kind];
  return `• *${e.recordId}* ${e.date} — ${summary}${e.voided ? " _(voided)_" : ""}`;
}

function scheduleLine(s: DigestScheduleView): string {
  return (
    `• <#${s.channelId}> at ${s.localTime} ${s.timeZone} — ${s.sections === "all" ? "all sections" : s.sections.join(", ")}` +
    `${s.threaded ? ", threaded" : ""}${s.narrative ? "" : ", no narrative"}`
  );
}

function auditLine(e: HomeAuditEvent, timeZone: string): string {
  const when = `${localDateOf(e.at, timeZone)} ${localTimeOf(e.at, timeZone)}`;
  const who = e.actorUserId ? `<@${e.actorUserId}>` : "the bot";
  const target = e.targetId ? ` ${escapeMrkdwn(e.targetId)}` : "";
  return `• ${when} — ${who} \`${escapeMrkdwn(e.action)}\`${target} — ${escapeMrkdwn(e.outcome)}`;
}

/** The pages every list is on now, so a paging button keeps the other lists where they are. */
function currentPages(data: HomeData): HomePages {
  const pages: HomePages = {};
  for (const list of homeLists) {
    const page = data[list]?.page;
    if (page) pages[list] = page;
  }
  return pages;
}

function button(text: string, actionId: string, value?: string): Button {
  return {
    type: "button",
    text: { type: "plain_text", text, emoji: true },
    action_id: actionId,
    ...(value !== undefined ? { value } : {}),
  };
}

/**
 * One list: a header, its lines packed into sections (each page holds at most 10 short lines,
 * so at most a few sections), and when it has more than one page, where we are and buttons to
 * move. Newest-first lists page "Newer"/"Older"; the others "Previous"/"Show more".
 */
function listBlocks<T>(
  data: HomeData,
  carry: string | undefined,
  list: HomeList,
  title: string,
  page: HomePage<T>,
  line: (item: T) => string,
  empty: string,
  noun: [string, string],
): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: "divider" }, header(title)];
  if (page.items.length === 0) {
    blocks.push(section(empty));
    return blocks;
  }
  blocks.push(...sectionsOf(page.items.map(line)));
  const pages = Math.ceil(page.total / page.pageSize);
  if (pages <= 1) return blocks;
  const first = page.page * page.pageSize + 1;
  const last = first + page.items.length - 1;
  blocks.push(
    context(
      `Showing ${first}–${last} of ${plural(page.total, noun[0], noun[1])} · page ${page.page + 1} of ${pages}`,
    ),
  );
  const newestFirst = list === "entries" || list === "audit";
  const go = (target: number, label: string) =>
    button(
      label,
      `${homePagePrefix}${list}:${target}`,
      JSON.stringify({ ...currentPages(data), [list]: target, ...(carry ? { tf: carry } : {}) }),
    );
  const elements: Button[] = [];
  if (page.page > 0) elements.push(go(page.page - 1, newestFirst ? "Newer" : "Previous"));
  if (page.page < pages - 1) elements.push(go(page.page + 1, newestFirst ? "Older" : "Show more"));
  blocks.push({ type: "actions", block_id: `home_page_${list}`, elements });
  return blocks;
}

/** A code block under a title, split over several sections if it would pass the section text limit. */
function codeSections(title: string, text: string): SectionBlock[] {
  const limit = blockLimits.sectionText - 100;
  const blocks: SectionBlock[] = [];
  let chunk: string[] = [];
  const flush = () => {
    if (chunk.length) blocks.push(section(`${blocks.length ? "" : `${title}\n`}${code(chunk.join("\n"))}`));
    chunk = [];
  };
  for (const row of text.split("\n")) {
    if (chunk.length && code([...chunk, row].join("\n")).length + title.length + 1 > limit) flush();
    chunk.push(row);
  }
  flush();
  return blocks;
}

/**
 * The App Home for one caller, drawn from what the home use case loaded for their role: who they
 * are to the bot, the command buttons their role allows (`commands`), their assignments and recent
 * entries, the CompStat headline and 28-day table, and for admins the digest schedules and audit
 * events. Every list is one page of at most 10 lines, so the view stays far inside Home's 100
 * blocks however much data there is (at most about 40 blocks).
 */
export interface HomeOptions {
  admins: readonly SlackIdentity[];
  commands: readonly HomeCommand[];
  notice?: string;
  /**
   * The person's task forces, for the switcher (drawn when there are two or more), and the one
   * shown, which the switcher has selected.
   */
  taskForces?: { choices: readonly TaskForce[]; shown?: TaskForce };
  /** The task force code the command and paging buttons carry, so a click acts in the one shown. */
  carry?: string;
  /** The viewer's workspace, when no admin has mapped it (their role is capped at viewer). */
  unmappedWorkspace?: string;
}

export function renderHome(data: HomeData, options: HomeOptions): HomeView {
  const blocks: KnownBlock[] = [
    header("Task Force Bot"),
    section(whoYouAre(data, options)),
    context("`/tf help` lists the commands you can run."),
  ];
  const notices = [options.notice];
  if (data.refused) {
    notices.push(
      `:warning: You can't page through ${listNames[data.refused.list]} any more: that needs the *${data.refused.required}* role` +
        `${data.role ? `; you are a *${data.role}*.` : "; you have no task force role now."} ${whoGrantsAccess(options.admins)}`,
    );
  }
  const switcher = taskForceSwitcher(options.taskForces);
  if (switcher) blocks.push(switcher);
  for (const notice of notices) if (notice) blocks.push(section(notice.slice(0, blockLimits.sectionText)));

  const buttons = homeCommands.filter((c) => options.commands.includes(c.name));
  if (buttons.length) {
    const carry = options.carry ? ` tf:${options.carry}` : "";
    blocks.push({
      type: "actions",
      block_id: "home_commands",
      elements: buttons.map((c) => button(c.label, homeOpenActionId(c.name), `${c.name}${carry}`)),
    });
  }
  if (data.assignments) {
    blocks.push(
      ...listBlocks(
        data,
        options.carry,
        "assignments",
        "Your assignments",
        data.assignments,
        assignmentLine,
        "You have no active assignment today.",
        ["assignment", "assignments"],
      ),
    );
  }
  if (data.entries) {
    blocks.push(
      ...listBlocks(
        data,
        options.carry,
        "entries",
        "Your recent entries",
        data.entries,
        entryLine,
        "You have not recorded any seizures or incidents yet.",
        ["entry", "entries"],
      ),
    );
  }
  if (data.compstat) {
    const report = data.compstat;
    const d28 = report.windows.d28;
    // One section, so the Home's block budget (paged lists below) is not spent on headlines.
    const headlines = [
      compstatHeadline(report),
      ...(data.linked ? [linkedHeadline(data.linked)] : []),
      ...(data.hotspots ? [hotspotsHeadline(data.hotspots)] : []),
    ];
    blocks.push({ type: "divider" }, header("CompStat"), section(escapeMrkdwn(headlines.join("\n"))));
    blocks.push(
      ...codeSections(
        `*${d28.label}* (${d28.current.from} – ${d28.current.to} vs ${d28.prior.from} – ${d28.prior.to})`,
        windowTable(report, (r) => r.d28),
      ),
      context("Figures are preliminary. `/tf trends` shows week to date, year to date and the 8-week trend."),
    );
  }
  if (data.schedules) {
    blocks.push(
      ...listBlocks(
        data,
        options.carry,
        "schedules",
        "Digest schedules",
        data.schedules,
        scheduleLine,
        "No channel gets the daily digest yet. Add one with `/tf admin digest add #channel`.",
        ["schedule", "schedules"],
      ),
    );
  }
  if (data.audit) {
    const { timeZone } = data;
    blocks.push(
      ...listBlocks(
        data,
        options.carry,
        "audit",
        "Recent audit events",
        data.audit,
        (e) => auditLine(e, timeZone),
        "No audit events yet.",
        ["event", "events"],
      ),
    );
  }
  return { type: "home", callback_id: "home", blocks };
}

/** Slack's limits on a static_select: 100 options, 75 characters of option text. */
const selectLimits = { options: 100, optionText: 75 } as const;

function taskForceOption(t: TaskForce): PlainTextOption {
  const code = ` (${t.code})`;
  const name =
    t.name.length + code.length > selectLimits.optionText
      ? `${t.name.slice(0, selectLimits.optionText - code.length - 1)}…`
      : t.name;
  return { text: { type: "plain_text", text: `${name}${code}`, emoji: false }, value: t.code };
}

/**
 * One section naming the task force the Home shows, with a select of the person's task forces
 * beside it; choosing one redraws the Home there (and remembers it). None for a person with one.
 */
function taskForceSwitcher(forces: HomeOptions["taskForces"]): SectionBlock | undefined {
  if (!forces || forces.choices.length < 2) return undefined;
  const { shown } = forces;
  // Past Slack's 100 options the list is cut, keeping the one shown so it stays selected.
  const listed =
    forces.choices.length <= selectLimits.options
      ? forces.choices
      : [
          ...forces.choices
            .filter((t) => t.id !== shown?.id)
            .slice(0, selectLimits.options - (shown ? 1 : 0)),
          ...(shown ? [shown] : []),
        ];
  const select: StaticSelect = {
    type: "static_select",
    action_id: homeTaskForceActionId,
    placeholder: { type: "plain_text", text: "Choose a task force", emoji: false },
    options: listed.map(taskForceOption),
    ...(shown ? { initial_option: taskForceOption(shown) } : {}),
  };
  const text = shown
    ? `Showing *${escapeMrkdwn(shown.name)}* (\`${shown.code}\`). Choose another of your task forces to see it here.`
    : "Choose one of your task forces to see it here.";
  return { type: "section", block_id: "home_taskforce", text: { type: "mrkdwn", text }, accessory: select };
}

/** A Home saying only that it could not be drawn, for when the database is unreachable. */
export function renderHomeUnavailable(requestId: string): HomeView {
  return {
    type: "home",
    callback_id: "home",
    blocks: [
      header("Task Force Bot"),
      section(
        `:warning: Task Force Bot couldn't draw this page just now. Try again shortly; if it keeps failing, give an admin this request id: \`${requestId}\`.`,
      ),
    ],
  };
}
