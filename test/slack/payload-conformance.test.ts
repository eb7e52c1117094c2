// Slack's own payloads (test/fixtures/slack, copied from Slack's SDK repositories and docs) replayed at the real
// bot, in HTTP mode and over Socket Mode. Our driver builds every other request the tests send; if we misread
// Slack, bot and driver would agree and stay green while real Slack broke. Here only what must point at this
// test's Slack is rewritten (see test/helpers/slack-replay.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SlackDriver } from "../../src/emulator/slack-driver.js";
import { envelopeIdHeader, type SocketModeServer } from "../../src/emulator/socket-mode-server.js";
import type { SlackApiServer } from "../../src/emulator/web-api-server.js";
import * as events from "../fixtures/slack/events.js";
import { boltBodyLimitBytes, sslCheck } from "../fixtures/slack/http.js";
import * as interactions from "../fixtures/slack/interactions.js";
import * as commands from "../fixtures/slack/slash-commands.js";
import * as socketMode from "../fixtures/slack/socket-mode.js";
import { startTestBot } from "../helpers/bot.js";
import { recordFixture } from "../helpers/conformance.js";
import { type TestDatabase, testEngine } from "../helpers/database.js";
import { eventually } from "../helpers/eventually.js";
import { captureLogs } from "../helpers/log-capture.js";
import { replayBlockAction, replayCommand, replayEvent, replayView } from "../helpers/slack-replay.js";
import { startSocketTestBot } from "../helpers/socket-bot.js";

const admin = "U0ADMIN001";
const narc = "U0NARC0001";
const clock = () => new Date("2025-03-10T15:00:00Z"); // 11:00 in New York
const helpStart = "*Task Force Bot commands you can run*\n";
const FORM = "application/x-www-form-urlencoded";
const JSON_TYPE = "application/json";

interface Harness {
  driver: SlackDriver;
  emulator: SlackApiServer;
  database: TestDatabase;
  /** Socket Mode only: Slack's side of the WebSocket. */
  socket?: SocketModeServer;
  /** The bot's /metrics. */
  metricsUrl: string;
  stop(): Promise<void>;
}

describe.each(["http", "socket"] as const)(
  `Slack's own payloads replayed over %s (${testEngine})`,
  (transport) => {
    let t: Harness;
    const db = () => t.database.db.prisma;
    const reply = async (id: string) =>
      (await t.emulator.waitForResponse(id, 10_000)) as { response_type?: string; text?: string };
    const callsOf = (method: string) => t.emulator.calls.filter((c) => c.method === method);
    const lastViewId = () => [...t.emulator.views.keys()].at(-1) as string;

    beforeAll(async () => {
      const env = { TF_ADMINS: admin };
      if (transport === "http") {
        const bot = await startTestBot({ env, clock });
        t = { ...bot, metricsUrl: bot.url.replace("/slack/events", "/metrics") };
      } else {
        const bot = await startSocketTestBot({ env, clock });
        t = { ...bot, metricsUrl: `http://127.0.0.1:${bot.httpPort}/metrics` };
      }
      const assigned = await replayCommand(t, commands.publicChannel, {
        text: `assign <@${narc}> unit:sntf agency:CSP from:2025-01-01`,
        userId: admin,
      });
      expect((await reply(assigned.responseUrlId)).text).toBe(
        "Registered assignment A-1: <@U0NARC0001> to Statewide Narcotics Task Force (CSP), from 2025-01-01, open-ended.",
      );
    });
    afterAll(async () => {
      await t?.stop();
    });

    describe("slash commands", () => {
      it("records a seizure typed in a public channel, once, and answers it ephemerally", async () => {
        const before = await db().seizureReport.count();
        const sent = await replayCommand(t, commands.publicChannel, {
          text: "seizure guns:2 unit:vctf agency:HPD",
          userId: admin,
        });
        expect(sent.status).toBe(200);
        expect(await reply(sent.responseUrlId)).toMatchObject({
          response_type: "ephemeral",
          text: `Recorded seizure S-${before + 1} on 2025-03-10: Violent Crimes Task Force (HPD).`,
        });
        expect(await db().seizureReport.count()).toBe(before + 1);
      });

      it("answers in a private channel (privategroup) and a DM (directmessage) the bot is not in, through response_url", async () => {
        // Slack refuses the bot's own posts there (channel_not_found); the command's response_url works anywhere.
        for (const fixture of [commands.privateChannel, commands.directMessage]) {
          t.emulator.setChannel(fixture.channel_id, { isPrivate: true, isMember: false });
          const before = await db().seizureReport.count();
          const sent = await replayCommand(t, fixture, {
            text: "seizure guns:1 unit:vctf agency:HPD",
            userId: admin,
          });
          expect(sent.status).toBe(200);
          expect(await reply(sent.responseUrlId)).toMatchObject({
            response_type: "ephemeral",
            text: `Recorded seizure S-${before + 1} on 2025-03-10: Violent Crimes Task Force (HPD).`,
          });
          expect(await db().seizureReport.count()).toBe(before + 1);
        }
      });

      it("answers Slack's documented example, a Grid workspace install and a Grid org install", async () => {
        for (const fixture of [
          commands.documentedExample,
          commands.gridWorkspaceInstall,
          commands.gridOrgInstall,
        ]) {
          const sent = await replayCommand(t, fixture, { text: "help" });
          expect(sent.status).toBe(200);
          const answer = await reply(sent.responseUrlId);
          expect(answer.response_type).toBe("ephemeral");
          expect(answer.text?.startsWith(helpStart)).toBe(true);
          // The caller is (team_id, user_id): their org is not the bot's (its workspace is in none), so they
          // are keyed by their workspace, which no admin has mapped.
          expect(answer.text).toContain(
            `Your Slack workspace (\`${fixture.team_id}\`) is not mapped to a task force agency yet`,
          );
          const refused = await replayCommand(t, fixture, { text: "incidents 7d" });
          expect((await reply(refused.responseUrlId)).text).toContain(
            "You can't run `/tf incidents`. It needs the *leadership* role; you have no task force role yet.",
          );
          const audit = await db().auditEvent.findFirstOrThrow({
            where: { action: "incidents.denied" },
            orderBy: { seq: "desc" },
          });
          expect([audit.actorTeamId, audit.actorUserId]).toEqual([fixture.team_id, fixture.user_id]);
        }
      });

      it("answers a Slack Connect caller from a partner workspace", async () => {
        const sent = await replayCommand(t, commands.slackConnectPartner, { text: "help" });
        expect(sent.status).toBe(200);
        const answer = await reply(sent.responseUrlId);
        expect(answer.response_type).toBe("ephemeral");
        expect(answer.text?.startsWith(helpStart)).toBe(true);
        // T0PARTNER1 is neither the bot's workspace nor mapped: viewer at most, and the reply says why.
        expect(answer.text).toContain(
          "Your Slack workspace (`T0PARTNER1`) is not mapped to a task force agency yet, so you can read summaries at most.",
        );
        expect(answer.text).not.toContain("/tf seizure");
      });
    });

    describe("block actions", () => {
      const containers = [
        ["a channel message", interactions.blockActionFromMessage],
        ["an ephemeral message (no message object)", interactions.blockActionFromEphemeralMessage],
        ["a modal", interactions.blockActionFromModal],
        ["the Home tab", interactions.blockActionFromHomeTab],
      ] as const;

      it.each(containers)(
        "acknowledges a button it does not own, clicked in %s, and does nothing",
        async (_, fixture) => {
          const calls = t.emulator.calls.length;
          const sent = await replayBlockAction(t, fixture, { userId: narc });
          expect([sent.status, sent.body]).toEqual([200, ""]);
          expect(t.emulator.calls.slice(calls)).toEqual([]);
        },
      );

      it.each(containers)("opens the seizure form from its Home button clicked in %s", async (_, fixture) => {
        const opened = callsOf("views.open").length;
        const sent = await replayBlockAction(t, fixture, {
          userId: narc,
          action: { action_id: "home_open:seizure", value: "seizure", block_id: "home_commands" },
        });
        expect(sent.status).toBe(200);
        expect(sent.body).toBe("");
        const call = await t.emulator.waitForCall("views.open", 10_000);
        expect(call.ok).toBe(true);
        expect(call.args.trigger_id).toBe(sent.triggerId);
        expect((call.args.view as { callback_id: string }).callback_id).toBe("tf_seizure");
        expect(callsOf("views.open")).toHaveLength(opened + 1);
      });
    });

    describe("view submissions", () => {
      async function openForm(text: string, userId: string): Promise<string> {
        const sent = await replayCommand(t, commands.publicChannel, { text, userId });
        expect(sent.status).toBe(200);
        const call = await t.emulator.waitForCall("views.open", 10_000);
        expect(call.ok).toBe(true);
        return lastViewId();
      }

      it("records the seizure form with every element it has answered, as Slack nests them", async () => {
        const viewId = await openForm("seizure", narc);
        const before = await db().seizureReport.count();
        const sent = await replayView(t, interactions.viewSubmission, {
          viewId,
          userId: narc,
          answers: {
            guns: "3",
            "stolen-guns": "1",
            "ghost-guns": "1",
            "conversion-devices": "2",
            items: "fentanyl:25g pills:40du",
            cash: "$4,500",
            vehicles: "1",
            arrests: "2",
            warrants: "1",
            stops: "12",
            citations: "3",
            "parole-checks": "4",
            "parole-violations": "1",
            area: "frog-hollow",
            unit: "sntf",
            case: "24-00123",
            on: "2025-03-09",
            note: "Traffic stop on Park St.\nTwo in custody.",
          },
        });
        expect(sent.status).toBe(200);
        expect(sent.body).toBe("");
        const confirmation = await t.emulator.waitForCall("chat.postEphemeral", 10_000);
        expect(confirmation.args.text).toBe(
          `Recorded seizure S-${before + 1} on 2025-03-09: Statewide Narcotics Task Force (CSP), Frog Hollow, case 24-00123.`,
        );
        const report = await db().seizureReport.findUniqueOrThrow({
          where: { id: before + 1 },
          include: { narcotics: true, area: true, unit: true },
        });
        expect(report).toMatchObject({
          occurredOn: "2025-03-09",
          firearms: 3,
          stolenFirearms: 1,
          ghostGuns: 1,
          conversionDevices: 2,
          currencyCents: 450_000n,
          vehicles: 1,
          arrests: 2,
          warrants: 1,
          trafficStops: 12,
          citations: 3,
          paroleChecks: 4,
          paroleViolations: 1,
          caseRef: "24-00123",
          note: "Traffic stop on Park St.\nTwo in custody.",
          area: { code: "frog-hollow" },
          unit: { code: "sntf" },
        });
        expect(report.narcotics.map((n) => [n.drugName, n.massMg, n.dosageUnits])).toEqual([
          ["fentanyl", 25_000n, null],
          ["pills", null, 40],
        ]);
        expect(await db().seizureReport.count()).toBe(before + 1);
      });

      it("records the seizure form with only one field filled, the rest sent empty as Slack sends them", async () => {
        const viewId = await openForm("seizure", narc);
        const before = await db().seizureReport.count();
        const sent = await replayView(t, interactions.viewSubmission, {
          viewId,
          userId: narc,
          answers: { guns: "1" },
        });
        expect(sent.status).toBe(200);
        expect(sent.body).toBe("");
        const confirmation = await t.emulator.waitForCall("chat.postEphemeral", 10_000);
        expect(confirmation.args.text).toBe(
          `Recorded seizure S-${before + 1} on 2025-03-10: Statewide Narcotics Task Force (CSP).`,
        );
        expect(
          await db().seizureReport.findUniqueOrThrow({
            where: { id: before + 1 },
            select: { firearms: true, areaId: true, note: true, caseRef: true, occurredOn: true },
          }),
        ).toEqual({ firearms: 1, areaId: null, note: null, caseRef: null, occurredOn: "2025-03-10" });
      });

      it("registers an assignment from the form: users_select, selects, a multi-select and date pickers", async () => {
        const viewId = await openForm("assign", admin);
        const member = "U0DETECT01";
        const sent = await replayView(t, interactions.viewSubmission, {
          viewId,
          userId: admin,
          answers: {
            member,
            unit: "vctf",
            agency: "HPD",
            role: "Detective",
            area: ["frog-hollow", "south-end"],
            shift: "night",
            from: "2025-03-01",
            to: "2025-06-30",
          },
        });
        expect(sent.status).toBe(200);
        expect(sent.body).toBe("");
        const confirmation = await t.emulator.waitForCall("chat.postEphemeral", 10_000);
        expect(confirmation.args.text).toBe(
          "Registered assignment A-2: <@U0DETECT01> to Violent Crimes Task Force (HPD), 2025-03-01 to 2025-06-30.",
        );
        const assignment = await db().assignment.findFirstOrThrow({
          where: { member: { slackUserId: member } },
          include: { unit: true, agency: true, areas: { include: { area: true } } },
        });
        expect(assignment).toMatchObject({
          title: "Detective",
          shift: "night",
          startDate: "2025-03-01",
          endDate: "2025-06-30",
          unit: { code: "vctf" },
          agency: { code: "HPD" },
        });
        expect(assignment.areas.map((a) => a.area.code).sort()).toEqual(["frog-hollow", "south-end"]);
      });

      it("logs a shooting from the form submitted under a Grid org install (team null), with its time picker", async () => {
        const viewId = await openForm("shooting", narc);
        const before = await db().incident.count();
        const sent = await replayView(t, interactions.viewSubmissionOrgInstall, {
          viewId,
          userId: narc,
          answers: {
            fatal: "1",
            injured: "2",
            area: "south-end",
            date: "2025-03-09",
            time: "23:40",
            case: "25-0042",
          },
        });
        expect(sent.status).toBe(200);
        expect(sent.body).toBe("");
        const confirmation = await t.emulator.waitForCall("chat.postEphemeral", 10_000);
        expect(confirmation.args.text).toBe(
          "Recorded shooting I-1: 1 fatal, 2 injured, South End, 2025-03-09 23:40, case 25-0042.",
        );
        const incident = await db().incident.findFirstOrThrow({
          orderBy: { id: "desc" },
          include: { area: true },
        });
        expect(incident).toMatchObject({
          kind: "shooting",
          localDate: "2025-03-09",
          localTime: "23:40",
          fatalVictims: 1,
          injuredVictims: 2,
          caseNumber: "25-0042",
          area: { code: "south-end" },
        });
        expect(await db().incident.count()).toBe(before + 1);
        // The org install's team is null: the caller's workspace is user.team_id (moved to the bot's own).
        const reporter = await db().member.findUniqueOrThrow({ where: { id: incident.reporterId ?? -1 } });
        expect([reporter.teamId, reporter.slackUserId]).toEqual([t.emulator.team.id, narc]);
      });

      it.each([
        ["a private channel (privategroup)", commands.privateChannel],
        ["a DM (directmessage)", commands.directMessage],
      ])(
        "confirms a form opened in %s the bot is not in, through the command's response_url",
        async (_, fixture) => {
          // Slack refuses the bot's chat.postEphemeral there (channel_not_found): the bot is not a member.
          t.emulator.setChannel(fixture.channel_id, { isPrivate: true, isMember: false });
          const command = await replayCommand(t, fixture, { text: "seizure", userId: narc });
          expect((await t.emulator.waitForCall("views.open", 10_000)).ok).toBe(true);
          const before = await db().seizureReport.count();
          const sent = await replayView(t, interactions.viewSubmission, {
            viewId: lastViewId(),
            userId: narc,
            answers: { guns: "1" },
          });
          expect([sent.status, sent.body]).toEqual([200, ""]);
          expect(await reply(command.responseUrlId)).toMatchObject({
            response_type: "ephemeral",
            text: `Recorded seizure S-${before + 1} on 2025-03-10: Statewide Narcotics Task Force (CSP).`,
          });
          expect(await db().seizureReport.count()).toBe(before + 1);
        },
      );

      it("refuses a seizure form submitted from a Slack Connect partner workspace by someone with no role", async () => {
        const viewId = await openForm("seizure", narc);
        const before = await db().seizureReport.count();
        // As sent: the caller is (user.team_id T-other-side, W111), not the bot's own workspace.
        const sent = await replayView(t, interactions.viewSubmissionSlackConnect, {
          viewId,
          answers: { guns: "1" },
        });
        expect(sent.status).toBe(200);
        expect(sent.body).toEqual({
          response_action: "errors",
          errors: {
            guns:
              "You can't run `/tf seizure`. It needs the *member* role; you have no task force role yet.\n" +
              "Your Slack workspace (`T-other-side`) is not mapped to a task force agency yet, so you can read summaries at most. " +
              "An admin maps it with `/tf admin workspace T-other-side agency:<agency>`. " +
              "Ask a task force admin (@u0admin001) to grant you access. `/tf help` lists what you can run.",
          },
        });
        expect(await db().seizureReport.count()).toBe(before);
        const audit = await db().auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
        expect([audit.action, audit.actorTeamId, audit.actorUserId]).toEqual([
          "seizure.denied",
          "T-other-side",
          "W111",
        ]);
      });

      it("acknowledges a view_closed of its own form at once, writing nothing", async () => {
        const viewId = await openForm("seizure", narc);
        const before = await db().seizureReport.count();
        const sent = await replayView(t, interactions.viewClosed, { viewId, userId: narc });
        expect([sent.status, sent.body]).toEqual([200, ""]);
        expect(await db().seizureReport.count()).toBe(before);
      });
    });

    describe("events", () => {
      it("publishes the Home on a first open (no view in the event), once for a retried delivery", async () => {
        const user = "U0FIRST001";
        const eventId = "Ev0FIRSTOPEN";
        recordFixture(events.eventCallbackEnvelope);
        recordFixture(events.appHomeOpenedFirstTime);
        const body = { ...events.eventCallbackEnvelope, event: { ...events.appHomeOpenedFirstTime, user } };
        const first = await replayEvent(t, body, { eventId });
        const retried = await replayEvent(
          t,
          body,
          { eventId },
          { retry: { num: 2, reason: "http_timeout" } },
        );
        expect([first.status, retried.status]).toEqual([200, 200]);
        const published = await t.emulator.waitForCall("views.publish", 10_000);
        expect(published).toMatchObject({ ok: true, args: { user_id: user } });
        // The retry is acknowledged and counted as a duplicate; it never reaches the listener.
        const metrics = await eventually(
          async () => (await fetch(t.metricsUrl)).text(),
          (text) => /^tf_slack_duplicate_deliveries_total 1$/m.test(text),
        );
        expect(metrics).toMatch(/^tf_slack_duplicate_deliveries_total 1$/m);
        expect(await db().slackDelivery.count({ where: { key: `event:${eventId}` } })).toBe(1);
        expect(callsOf("views.publish").filter((c) => c.args.user_id === user)).toHaveLength(1);
      });

      it("publishes the Home again when the event carries the Home last published", async () => {
        const user = "U0AGAIN001";
        recordFixture(events.appHomeOpenedAgain);
        const sent = await replayEvent(t, {
          ...events.eventCallbackEnvelope,
          event: { ...events.appHomeOpenedAgain, user },
        });
        expect(sent.status).toBe(200);
        expect(await t.emulator.waitForCall("views.publish", 10_000)).toMatchObject({
          ok: true,
          args: { user_id: user },
        });
      });

      it("acknowledges the Messages tab, app_uninstalled, tokens_revoked and Slack Connect events, calling nothing", async () => {
        const calls = t.emulator.calls.length;
        const bodies = [
          events.appHomeOpenedOrgInstall,
          events.appUninstalled,
          events.tokensRevoked,
          events.slackConnectMessage,
          events.slackConnectMentionFromGridOrg,
        ];
        for (const [i, body] of bodies.entries()) {
          const sent = await replayEvent(t, body, { eventId: `Ev0QUIET00${i}` });
          expect(sent.status).toBe(200);
          expect(sent.body).toBe("");
        }
        // Bolt acknowledges an event before its middleware runs: wait until each has been through it.
        const seen = await eventually(
          () => db().slackDelivery.count({ where: { key: { startsWith: "event:Ev0QUIET" } } }),
          (n) => n === bodies.length,
        );
        expect(seen).toBe(bodies.length);
        // app_uninstalled and tokens_revoked of another installation (T_INSTALLED; another bot user) post
        // nothing; what the bot does about its own is in installation.test.ts.
        expect(t.emulator.calls.slice(calls)).toEqual([]);
      });
    });

    describe.runIf(transport === "socket")("Socket Mode envelopes, as Slack's SDKs receive them", () => {
      const delivered = (headers: Headers) =>
        t.socket?.delivered.find((d) => d.envelope.envelope_id === headers.get(envelopeIdHeader))?.envelope;
      const keysOf = (o: object) => Object.keys(o).sort();

      it("greets a connection with a hello shaped as Slack's", () => {
        recordFixture(socketMode.hello);
        const hello = t.socket?.connections[0]?.hello ?? {};
        expect(keysOf(hello)).toEqual(keysOf(socketMode.hello));
        expect(keysOf(hello.debug_info as object)).toEqual(keysOf(socketMode.hello.debug_info));
        expect(hello.connection_info).toEqual({ app_id: t.emulator.bot.appId });
      });

      it("wraps a slash command as Slack does: the form fields as strings, accepts_response_payload true", async () => {
        const sent = await replayCommand(t, commands.publicChannel, { text: "help", userId: admin });
        await reply(sent.responseUrlId);
        const envelope = delivered(sent.headers);
        recordFixture(socketMode.slashCommandsEnvelope);
        expect(keysOf(envelope ?? {})).toEqual(keysOf(socketMode.slashCommandsEnvelope));
        expect(envelope).toMatchObject({ type: "slash_commands", accepts_response_payload: true });
        expect(Object.values(envelope?.payload ?? {}).every((v) => typeof v === "string")).toBe(true);
      });

      it("wraps a retried event with its retry_attempt and retry_reason, accepts_response_payload false", async () => {
        const body = {
          ...events.eventCallbackEnvelope,
          event: { ...events.appHomeOpenedAgain, user: "U0ENVELOPE" },
        };
        const sent = await replayEvent(
          t,
          body,
          { eventId: "Ev0ENVELOPE" },
          { retry: { num: 2, reason: "timeout" } },
        );
        expect(sent.status).toBe(200);
        const envelope = delivered(sent.headers);
        recordFixture(socketMode.eventsApiEnvelope);
        recordFixture(events.retryHeaders);
        expect(keysOf(envelope ?? {})).toEqual(keysOf(socketMode.eventsApiEnvelope));
        expect(envelope).toMatchObject({
          type: "events_api",
          accepts_response_payload: false,
          retry_attempt: 2,
          retry_reason: "timeout",
        });
      });

      it("wraps a block action as Slack does: type interactive, accepts_response_payload false", async () => {
        const sent = await replayBlockAction(t, interactions.blockActionFromHomeTab, {
          userId: narc,
          action: { action_id: "home_open:seizure", value: "seizure", block_id: "home_commands" },
        });
        expect(sent.status).toBe(200);
        await t.emulator.waitForCall("views.open", 10_000);
        const envelope = delivered(sent.headers);
        recordFixture(socketMode.interactiveBlockActionsEnvelope);
        expect(keysOf(envelope ?? {})).toEqual(
          keysOf({ ...socketMode.interactiveBlockActionsEnvelope, payload: {} }),
        );
        expect(envelope).toMatchObject({
          type: socketMode.interactiveBlockActionsEnvelope.type,
          accepts_response_payload: socketMode.interactiveBlockActionsEnvelope.accepts_response_payload,
        });
      });
    });

    it("made no call that breaks Slack's contract and left every envelope acknowledged", async () => {
      expect(t.emulator.violations).toEqual([]);
      if (t.socket) expect(t.socket.delivered.filter((d) => d.late || !d.ack)).toEqual([]);
    });
  },
);

describe(`Slack's requests to a Request URL, HTTP mode (${testEngine})`, () => {
  let bot: Awaited<ReturnType<typeof startTestBot>>;
  const logs = captureLogs();
  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: admin }, clock, logger: logs.logger });
  });
  afterAll(async () => {
    await bot?.stop();
  });
  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(bot.url.replace("/slack/events", path), { method: "POST", headers, body });

  it("answers Slack's SSL check with 200 and an empty body, signed or not", async () => {
    recordFixture(sslCheck);
    const body = new URLSearchParams(sslCheck).toString();
    const unsigned = await post("/slack/events", body, { "content-type": FORM });
    expect([unsigned.status, await unsigned.text()]).toEqual([200, ""]);
    const signed = await bot.driver.post(body, FORM);
    expect([signed.status, signed.body]).toEqual([200, ""]);
  });

  it("echoes url_verification's challenge as JSON", async () => {
    recordFixture(events.urlVerification);
    const sent = await bot.driver.post(JSON.stringify(events.urlVerification), JSON_TYPE);
    expect(sent.status).toBe(200);
    expect(sent.headers.get("content-type")).toMatch(/^application\/json/);
    expect(sent.body).toEqual({ challenge: events.urlVerification.challenge });
  });

  it("answers 401 to a command or an event with a wrong or stale signature, and works on neither", async () => {
    const command = new URLSearchParams({
      ...commands.publicChannel,
      command: "/tf",
      text: "seizure guns:1 unit:vctf agency:HPD",
      user_id: admin,
      response_url: bot.emulator.responseUrl("unsigned-1"),
    }).toString();
    const before = await bot.database.db.prisma.seizureReport.count();
    expect((await bot.driver.post(command, FORM, { signature: "v0=0000" })).status).toBe(401);
    expect(
      (await bot.driver.post(command, FORM, { timestamp: Math.floor(Date.now() / 1000) - 600 })).status,
    ).toBe(401);
    const event = { ...events.eventCallbackEnvelope, event: events.appHomeOpenedFirstTime };
    expect((await bot.driver.post(JSON.stringify(event), JSON_TYPE, { signature: "v0=0000" })).status).toBe(
      401,
    );
    expect(await bot.database.db.prisma.seizureReport.count()).toBe(before);
    expect(bot.emulator.responses.get("unsigned-1")).toBeUndefined();
  });

  it("answers 404 on a path that is not Slack's endpoint", async () => {
    const body = new URLSearchParams({ ...commands.publicChannel, command: "/tf", text: "help" }).toString();
    const sent = await post("/slack/commands", body, { "content-type": FORM });
    expect(sent.status).toBe(404);
  });

  it("answers an empty body as Bolt does: 404 for an empty form (nothing to route), 400 for empty JSON", async () => {
    expect((await bot.driver.post("", FORM)).status).toBe(404);
    expect((await bot.driver.post("", JSON_TYPE)).status).toBe(400);
  });

  it("answers 413 to a body over Bolt's 4 MB limit (command, interaction or event), and 200 just under it", async () => {
    const over = "x".repeat(boltBodyLimitBytes + 1);
    expect((await bot.driver.post(`command=%2Ftf&text=${over}`, FORM)).status).toBe(413);
    expect((await bot.driver.post(`payload=${over}`, FORM)).status).toBe(413);
    expect(
      (await bot.driver.post(JSON.stringify({ type: "event_callback", pad: over }), JSON_TYPE)).status,
    ).toBe(413);
    const under = new URLSearchParams({
      ...commands.publicChannel,
      command: "/tf",
      text: `help ${"x".repeat(boltBodyLimitBytes - 1000)}`,
      response_url: bot.emulator.responseUrl("just-under-1"),
    }).toString();
    expect(Buffer.byteLength(under)).toBeLessThan(boltBodyLimitBytes);
    expect((await bot.driver.post(under, FORM)).status).toBe(200);
  });

  it("logs each refused request without what it carried", () => {
    const refusals = logs.lines.filter((line) => /"level":(40|50)/.test(line));
    expect(refusals.length).toBeGreaterThanOrEqual(3);
    expect(refusals.some((line) => /signature|authenticity/i.test(line))).toBe(true);
    for (const carried of ["guns:1", "xxxxxxxxxx", "app_home_opened"]) {
      expect(logs.lines.filter((line) => line.includes(carried))).toEqual([]);
    }
  });

  it("is still healthy and made no call that breaks Slack's contract", async () => {
    const health = await fetch(bot.url.replace("/slack/events", "/healthz"));
    expect(health.status).toBe(200);
    expect(bot.emulator.violations).toEqual([]);
  });
});
