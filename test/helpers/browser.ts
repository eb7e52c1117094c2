// Debian's Chromium driven by playwright-core, which downloads no browser of its own. Without a
// Chromium the browser tests skip (scripts/test.mjs says so in its summary); in CI they must run,
// so there they fail with the reason instead.
import { type Browser, chromium } from "playwright-core";
import { describe } from "vitest";
import { chromiumArgs, findChromium } from "../../scripts/chromium.mjs";

const found = findChromium();
const inCI = process.env.CI === "true" || process.env.CI === "1";

export function browserAvailable(): boolean {
  return found.path !== undefined;
}

/** `describe` for tests that drive Chromium: skipped without one, except in CI, where they run and fail. */
export const describeInBrowser = describe.skipIf(!browserAvailable() && !inCI);

/** A headless Chromium; `close()` ends it and removes its profile. */
export async function launchBrowser(): Promise<Browser> {
  if (found.path === undefined) {
    throw new Error(inCI ? `browser tests are MANDATORY in CI: ${found.problem}` : found.problem);
  }
  return chromium.launch({ executablePath: found.path, args: chromiumArgs });
}
