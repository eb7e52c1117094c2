import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { testEngine } from "../helpers/database.js";

const admin = "U0ADMIN001";

/** As Slack would deliver them: it escapes &, < and > in command text itself. */
const slackEscape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const hostileValues = [
  "",
  "1e309",
  "NaN",
  "-1",
  "99999999999999999999",
  "2025-02-30",
  "x".repeat(5000),
  "\u202Eevil\u202C",
  "a\u200Bb\u2060c",
  "<!everyone>",
  "<https://evil.example|bank>",
  "__proto__",
  "constructor",
  '"unclosed',
];

const templates = [
  "{v}",
  "help {v}",
  "seizure guns:{v}",
  "seizure fentanyl:{v}",
  "seizure cash:{v} unit:vctf agency:HPD",
  'seizure guns:1 unit:vctf agency:HPD note:"{v}"',
  "assign <@U0TARGET01> unit:{v}",
  "roster on:{v}",
  "tally {v}",
  "trends asof:{v}",
  "shooting injured:{v} area:downtown",
  "stolen area:{v}",
  "void {v} reason:x",
  "admin audit {v}",
  "admin role <@U0TARGET01> {v}",
];

describe(`hostile input through signed requests (${testEngine})`, () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: admin } });
  });
  afterAll(async () => {
    await bot?.stop();
  });

  async function send(text: string) {
    const result = await bot.driver.command(slackEscape(text), { userId: admin });
    expect(result.status, text.slice(0, 80)).toBe(200);
    const reply = (await bot.emulator.waitForResponse(result.responseUrlId, 10_000)) as {
      response_type?: string;
      text: string;
      blocks?: unknown[];
    };
    const shown = `${reply.text} ${JSON.stringify(reply.blocks ?? [])}`;
    expect(reply.response_type, text.slice(0, 80)).toBe("ephemeral");
    expect(shown).not.toMatch(/<!(everyone|channel|here)>/);
    expect(shown).not.toContain("<https://evil.example");
    expect(shown).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B\u2060]/);
    return reply.text;
  }

  it("answers every subcommand with a hostile value: acked, ephemeral, escaped, never a server error", async () => {
    for (const template of templates) {
      for (const value of hostileValues) {
        const text = await send(template.replace("{v}", value));
        // Answered as bad input or done, never as a failure of the bot itself.
        expect(text, template).not.toMatch(/Something went wrong running|can't reach its database/);
      }
    }
    expect((await fetch(bot.url.replace("/slack/events", "/healthz"))).status).toBe(200);
    const metrics = await (await fetch(bot.url.replace("/slack/events", "/metrics"))).text();
    expect(metrics).not.toMatch(/^tf_command_outcomes_total\{[^}]*outcome="error"\}/m);
  });

  it("survives random printable noise after each subcommand name", async () => {
    const names = [
      "seizure",
      "assign",
      "roster",
      "tally",
      "trends",
      "shooting",
      "stolen",
      "void",
      "admin",
      "digest",
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        fc.string({ minLength: 1, maxLength: 200 }).filter((s) => s.trim() !== ""),
        async (name, noise) => {
          await send(`${name} ${noise}`);
        },
      ),
      { numRuns: 60 },
    );
    expect((await fetch(bot.url.replace("/slack/events", "/healthz"))).status).toBe(200);
    expect(bot.emulator.violations).toEqual([]);
  });

  it("recorded only what was valid: every hostile note is stored verbatim but stripped of controls", async () => {
    const notes = (await bot.database.db.prisma.seizureReport.findMany({ select: { note: true } })).map(
      (r) => r.note,
    );
    for (const note of notes) expect(note ?? "").not.toMatch(/[\u202A-\u202E\u200B\u2060]/);
    expect(notes).toContain("<!everyone>");
  });
});
