import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Role, roleAllows } from "../../src/domain/access/roles.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { testEngine } from "../helpers/database.js";

const users: Record<Role | "none", string> = {
  none: "U0NOROLE01",
  viewer: "U0VIEWER01",
  member: "U0MEMBER01",
  leadership: "U0LEADER01",
  admin: "U0ADMIN001",
};

/**
 * Every subcommand, written so that a caller who may run it gets a validation error (nothing is
 * recorded) and one who may not gets the refusal: the refusal must come first.
 */
const matrix: Array<[string, Role | "anyone"]> = [
  ["help nope", "anyone"],
  ["assign <@U0MEMBER01> unit:nope", "member"],
  ["unassign <@U0MEMBER01> unit:nope", "member"],
  ["roster unit:nope", "viewer"],
  ["seizure bogus:1", "member"],
  ["tally nope", "viewer"],
  ["trends nope", "viewer"],
  ["trends hotspots top:0", "viewer"],
  ["shooting injured:1 area:nope", "member"],
  ["stolen area:nope", "member"],
  ["recovered area:nope", "member"],
  ["incidents nope", "leadership"],
  ["void X-1 reason:x", "member"],
  ["digest preview asof:nope", "leadership"],
  ["digest send asof:nope", "admin"],
  ["admin role", "admin"],
  ["admin workspace nope", "admin"],
  ["admin unit add", "admin"],
  ["admin agency rename", "admin"],
  ["admin area retire", "admin"],
  ["admin area set frog-hollow population:-1", "admin"],
  ["admin digest add", "admin"],
  ["admin digest list extra", "admin"],
  ["admin digest remove", "admin"],
  ["admin audit 0", "admin"],
  ["admin export nope", "admin"],
];

describe(`the role matrix: every subcommand against every role (${testEngine})`, () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: users.admin } });
    const db = bot.database.db.prisma;
    for (const role of ["viewer", "member", "leadership"] as const) {
      const member = await db.member.create({ data: { slackUserId: users[role], teamId: "T0TASKF0RC" } });
      await db.roleGrant.create({
        data: { taskForceId: 1, memberId: member.id, role, grantedBy: users.admin },
      });
    }
  });
  afterAll(async () => {
    await bot?.stop();
  });

  for (const [command, required] of matrix) {
    it(`/tf ${command} needs ${required}`, async () => {
      for (const [role, userId] of Object.entries(users) as Array<[Role | "none", string]>) {
        const text = await bot.reply(command, { userId });
        const allowed = roleAllows(role === "none" ? null : role, required);
        if (required !== "anyone") expect(text.startsWith(":warning: "), `${role}: ${text}`).toBe(true);
        expect(/You can't run/.test(text), `${role} running /tf ${command}: ${text}`).toBe(!allowed);
        // A refusal names the role held (and the one needed: the group's, when a group such as
        // /tf digest refuses first), so the person knows what to ask for.
        if (!allowed) {
          const held = role === "none" ? "you have no task force role yet." : `you are a *${role}*.`;
          expect(text).toMatch(
            new RegExp(
              ` It needs the \\*(viewer|member|leadership|admin)\\* role; ${held.replace(/[*.]/g, "\\$&")}`,
            ),
          );
        }
      }
    });
  }

  it("audited every refusal, and recorded nothing", async () => {
    const db = bot.database.db.prisma;
    const refusals = matrix.reduce((n, [, required]) => {
      const denied = (Object.keys(users) as Array<Role | "none">).filter(
        (r) => !roleAllows(r === "none" ? null : r, required),
      );
      return n + denied.length;
    }, 0);
    expect(await db.auditEvent.count({ where: { outcome: "denied" } })).toBe(refusals);
    expect(await db.seizureReport.count()).toBe(0);
    expect(await db.incident.count()).toBe(0);
    expect(await db.assignment.count()).toBe(0);
  });
});
