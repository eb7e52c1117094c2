// The local console in a real Chromium: what a newcomer does with the mouse and keyboard, and what
// they see. Each test reads the page as a person would (text, an image's size, an error under a
// field), against the real bot in local mode on the engine under test.

import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { createLogger } from "../../src/infra/logger.js";
import { slackDigestPublisher } from "../../src/slack/digest-publisher.js";
import { startTestBot, type TestBot } from "../helpers/bot.js";
import { describeInBrowser, launchBrowser } from "../helpers/browser.js";
import { testEngine } from "../helpers/database.js";

/** The part of an <img> the tests read (the tests compile without the DOM's types). */
type Picture = { complete: boolean; naturalWidth: number; naturalHeight: number };

const you = "ULOCAL0001";
const detective = "U0DETECT01";

describeInBrowser(`the local console in Chromium (${testEngine})`, () => {
  let bot: TestBot;
  let browser: Browser;
  let page: Page;
  const alerts: string[] = [];

  /** Types a command in the composer and sends it, as a person does. */
  async function type(command: string) {
    await page.fill("#command", command);
    await page.press("#command", "Enter");
  }
  const messages = () => page.locator("#messages");
  async function actAs(userId: string) {
    await page.selectOption("#person", userId);
    // The page redraws the list on each refresh; the choice must have stuck.
    await page.waitForFunction(
      (id) => (globalThis as { tfView?: { user: string } }).tfView?.user === id,
      userId,
    );
  }

  beforeAll(async () => {
    bot = await startTestBot({ env: { TF_ADMINS: you } });
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    page.on("dialog", (dialog) => {
      alerts.push(dialog.message());
      void dialog.accept();
    });
    await page.goto(bot.consoleUrl);
    await page.waitForSelector("#person option", { state: "attached" });
    await page.evaluate(
      ([id, name, team]) =>
        fetch("/console/people", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ user: id, name, team }),
        }),
      [detective, "detective", bot.emulator.team.id],
    );
    await page.reload();
    await page.waitForSelector(`#person option[value="${detective}"]`, { state: "attached" });
    await actAs(you);
  });
  // What the page showed when a test failed: the one thing that says why.
  afterEach(async ({ task }) => {
    if (task.result?.state !== "fail") return;
    const path = join(tmpdir(), `console-${testEngine}-${task.name.slice(0, 40).replace(/\W+/g, "-")}.png`);
    await page.screenshot({ path });
    console.log(`the page when "${task.name}" failed: ${path}`);
  });
  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
  });

  it("answers /tf help typed in the composer, to the one who typed it", async () => {
    await type("/tf help");
    await expect.poll(() => messages().innerText()).toContain("Task Force Bot commands you can run");
    const reply = messages().locator("article", { hasText: "commands you can run" });
    await expect.poll(() => reply.innerText()).toContain("Only visible to you");
    await expect.poll(() => reply.innerText()).toContain("/tf roster");
  });

  it("opens the assign form, shows the field errors under their inputs, then registers and lists the assignment", async () => {
    await type("/tf assign");
    const modal = page.locator("#modal form");
    await modal.waitFor();
    // Empty: Slack's own client refuses it, under each required field.
    await modal.locator(".sk-modal-submit").click();
    const errors = modal.locator(".sk-input-error");
    await expect
      .poll(() => errors.allInnerTexts())
      .toEqual(["Please complete this required field.", "Please complete this required field."]);
    // Filled, but ending before it starts: the bot's own refusal, under the field it is about.
    await modal.locator('select[data-type="users_select"]').selectOption(detective);
    await modal.locator('select[data-type="static_select"]').first().selectOption("vctf");
    await modal.locator('select[data-type="static_select"]').nth(1).selectOption("HPD");
    await modal.locator('input[data-type="datepicker"]').first().fill("2025-03-15");
    await modal.locator('input[data-type="datepicker"]').last().fill("2025-03-01");
    await modal.locator(".sk-modal-submit").click();
    const toError = modal.locator('.sk-input[data-block-id="to"] .sk-input-error');
    await expect.poll(() => toError.innerText()).toContain("is before");
    // What was typed is still there, as in Slack.
    expect(await modal.locator('select[data-type="users_select"]').inputValue()).toBe(detective);
    await modal.locator('input[data-type="datepicker"]').last().fill("");
    await modal.locator(".sk-modal-submit").click();
    await page.locator("#modal-layer").waitFor({ state: "hidden" });
    await expect
      .poll(() => messages().innerText())
      .toContain("Registered assignment A-1: @detective to Violent Crimes Task Force");
    await type("/tf roster");
    await expect.poll(() => messages().innerText()).toMatch(/@detective[^\n]*\(A-1\)/);
  });

  it("totals a seizure in grams in /tf tally 7d", async () => {
    await type("/tf seizure cocaine:1.5oz fentanyl:25g unit:vctf agency:HPD");
    await expect.poll(() => messages().innerText()).toContain("Recorded seizure S-1");
    await type("/tf tally 7d");
    // 1.5 oz is 42.524 g, shown to two decimals.
    await expect.poll(() => messages().innerText()).toContain("Cocaine (B): 42.52 g");
  });

  it("shows /tf trends all as the CompStat table, and its chart as a picture", async () => {
    await type("/tf trends all chart:yes");
    await expect.poll(() => messages().innerText()).toContain("Shooting incidents");
    const chart = messages().locator(".tf-file img").last();
    await chart.waitFor();
    await expect
      .poll(() => chart.evaluate((img: Picture) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    expect(await chart.evaluate((img: Picture) => [img.naturalWidth, img.naturalHeight])).toEqual([800, 400]);
  });

  it("shows a member their assignments on the Home, and its buttons open their forms", async () => {
    await actAs(detective);
    await page.click("#home-tab");
    const home = page.locator("#home");
    await expect.poll(() => home.innerText()).toContain("Violent Crimes Task Force");
    await home.locator("button[data-action-id]", { hasText: "Record seizure" }).click();
    const modal = page.locator("#modal form");
    await modal.waitFor();
    await expect.poll(() => modal.locator(".sk-modal-title").innerText()).toContain("seizure");
    await modal.locator('[data-view-action="close"]').first().click();
    await page.locator("#modal-layer").waitFor({ state: "hidden" });
    await page.click("#channels button");
  });

  it("lists for someone with no role only what they may run, and refuses the rest to them alone", async () => {
    await actAs("U0TEAMMATE");
    await type("/tf help");
    const help = messages().locator("article", { hasText: "You have no task force role yet" }).last();
    await help.waitFor();
    expect(await help.innerText()).not.toContain("/tf seizure");
    await type("/tf seizure guns:1");
    const refusal = messages().locator("article", { hasText: "You can't run /tf seizure" }).last();
    await refusal.waitFor();
    expect(await refusal.innerText()).toContain("Only visible to you");
    await actAs(you);
    await expect.poll(() => messages().innerText()).not.toContain("You can't run /tf seizure");
  });

  it("shows a scheduled digest in its channel the minute it posts, without a reload", async () => {
    await actAs(you);
    await type("/tf admin digest add <#C0COMMAND1|command-staff> at:07:00");
    await expect.poll(() => messages().innerText()).toContain("Scheduled the daily digest");
    await page.click("#channels button:has-text('command-staff')");
    await page.evaluate(() => {
      (globalThis as { notReloaded?: boolean }).notReloaded = true;
    });
    const due = new Date(Date.now() + 36 * 3600_000);
    due.setUTCHours(12, 0, 30); // 07:00:30 in New York
    await bot.bot.services.digests.runDue(
      due,
      slackDigestPublisher(bot.bot.slack.app.client, createLogger("silent")),
    );
    await expect.poll(() => messages().innerText(), { timeout: 10_000 }).toContain("Daily digest");
    expect(await page.evaluate(() => (globalThis as { notReloaded?: boolean }).notReloaded)).toBe(true);
    // Its charts are images at the end of the digest, drawn from the files the bot uploaded.
    const chart = messages().locator("img.sk-image-img").first();
    await chart.waitFor();
    await expect.poll(() => chart.evaluate((img: Picture) => img.complete && img.naturalWidth)).toBe(800);
    // One chart: the 8-week trend (this data has no shooting in an area, so no hot-spot chart).
    expect(await messages().locator("img.sk-image-img").count()).toBe(1);
    expect(await chart.getAttribute("alt")).toMatch(/^CompStat 8-week trend as of \d{4}-\d{2}-\d{2}$/);
  });

  it("shows hostile text in a note as text: no script runs, no mention fires", async () => {
    await page.click("#channels button:has-text('task-force')");
    const hostile = "<script>alert(1)</script> <!channel> <https://evil.test|x>";
    await type(`/tf seizure guns:1 unit:vctf agency:HPD note:"${hostile}"`);
    await expect.poll(() => messages().innerText()).toContain("Recorded seizure S-2");
    expect(await messages().innerText()).toContain(hostile);
    expect(alerts).toEqual([]);
    expect(await page.locator("#messages script").count()).toBe(0);
    expect(await page.locator("#messages a[href^='https://evil.test']").count()).toBe(0);
  });

  it("switches the Home to another task force from its dropdown, and shows that one next time", async () => {
    await actAs(you);
    await type('/tf admin taskforce add newhaven name:"New Haven Shooting Task Force"');
    await expect.poll(() => messages().innerText()).toContain("Created New Haven Shooting Task Force");
    await page.click("#home-tab");
    const home = page.locator("#home");
    const switcher = home.locator('select[data-action-id="home_taskforce"]');
    await expect.poll(() => home.innerText()).toContain("Showing Hartford Shooting Task Force (hartford)");
    expect(await switcher.inputValue()).toBe("hartford");
    // Choosing acts at once, as Slack's select does outside a form: the Home is redrawn there.
    await switcher.selectOption("newhaven");
    await expect.poll(() => home.innerText()).toContain("Showing New Haven Shooting Task Force (newhaven)");
    expect(await switcher.inputValue()).toBe("newhaven");
    await page.click("#channels button");
    await page.click("#home-tab");
    await expect.poll(() => home.innerText()).toContain("Showing New Haven Shooting Task Force (newhaven)");
  });
});
