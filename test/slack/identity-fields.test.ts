// Who sent a request, read off Slack's own payloads (test/fixtures/slack): the pair each is known by.
import { describe, expect, it } from "vitest";
import {
  formatIdentity,
  parseConfiguredAdmin,
  personOf,
  resolveConfiguredAdmins,
} from "../../src/domain/access/identity.js";
import { commandCaller, eventCaller, interactionCaller } from "../../src/slack/identity.js";
import * as events from "../fixtures/slack/events.js";
import * as interactions from "../fixtures/slack/interactions.js";
import * as commands from "../fixtures/slack/slash-commands.js";

const gridHome = { teamId: "T111", enterpriseId: "E111" }; // the bot installed in a workspace of org E111
const plainHome = { teamId: "T0TASKF0RC" }; // the bot in a workspace outside any org

describe("the caller of each payload", () => {
  it("reads a slash command's caller from team_id, keyed by the org when it is the bot's own", () => {
    expect(formatIdentity(commandCaller(commands.publicChannel, plainHome))).toBe("T111:U111");
    expect(formatIdentity(commandCaller(commands.gridWorkspaceInstall, gridHome))).toBe("E111:W111");
    expect(formatIdentity(commandCaller(commands.gridOrgInstall, gridHome))).toBe("E111:W111");
    // Another org's user is keyed by their own workspace: the bot's org vouches only for its own ids.
    expect(formatIdentity(commandCaller(commands.documentedExample, gridHome))).toBe("T0001:U2147483697");
    expect(formatIdentity(commandCaller(commands.slackConnectPartner, plainHome))).toBe(
      "T0PARTNER1:U0PARTNER1",
    );
  });

  it("reads an interaction's caller from user.team_id, also when team is null (org install)", () => {
    expect(formatIdentity(interactionCaller(interactions.viewSubmissionOrgInstall, gridHome))).toBe(
      "E111:W111",
    );
    expect(formatIdentity(interactionCaller(interactions.viewSubmissionOrgInstall, plainHome))).toBe(
      "T111:W111",
    );
    expect(formatIdentity(interactionCaller(interactions.viewSubmissionSlackConnect, gridHome))).toBe(
      "T-other-side:W111",
    );
  });

  it("reads the Home's viewer from the event's workspace and org", () => {
    expect(
      formatIdentity(
        eventCaller(events.appHomeOpenedOrgInstall.event.user, events.appHomeOpenedOrgInstall, gridHome),
      ),
    ).toBe("E111:W111");
  });
});

describe("TF_ADMINS entries", () => {
  it("parses T…:U…, E…:W… and a bare U…, and nothing else", () => {
    expect(
      ["U012ABCDEF", "T0PARTNER:U034GHIJKL", "E0ORG:W0ADMIN", "U0:X", "T0:U0:U1", "alice", ":U0ADMIN"].map(
        parseConfiguredAdmin,
      ),
    ).toEqual([
      { userId: "U012ABCDEF" },
      { teamId: "T0PARTNER", userId: "U034GHIJKL" },
      { teamId: "E0ORG", userId: "W0ADMIN" },
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it("resolves a bare id, or one naming the bot's own workspace, to the bot's namespace", () => {
    const admins = [
      { userId: "U0ADMIN" },
      { teamId: "T111", userId: "W0OTHER" },
      { teamId: "T0PART", userId: "U0P" },
    ];
    expect(resolveConfiguredAdmins(admins, gridHome).map(formatIdentity)).toEqual([
      "E111:U0ADMIN",
      "E111:W0OTHER",
      "T0PART:U0P",
    ]);
    expect(resolveConfiguredAdmins(admins, plainHome).map(formatIdentity)).toEqual([
      "T0TASKF0RC:U0ADMIN",
      "T111:W0OTHER",
      "T0PART:U0P",
    ]);
  });

  it("keys a user of another org by their workspace, not by an org the bot cannot vouch for", () => {
    expect(personOf("W1", { teamId: "T9", enterpriseId: "E9" }, gridHome)).toEqual({
      teamId: "T9",
      userId: "W1",
    });
    expect(personOf("W1", { teamId: "T2", enterpriseId: "E111" }, gridHome)).toEqual({
      teamId: "E111",
      userId: "W1",
    });
  });
});
