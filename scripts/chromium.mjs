// How the browser tests and `npm run screenshots` find and start Chromium: CHROMIUM_PATH, else
// `chromium` on PATH (Debian's package). One home, so the test runner's SKIPPED notice and the
// tests agree on whether there is one.
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";

// This machine has no network but loopback: without the background-networking flags Chromium
// keeps dialling Google's hosts and logs each refusal. As root it only starts without its sandbox.
// Playwright gives every launch a fresh --user-data-dir (it refuses one here) and deletes it on close.
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

function isExecutableFile(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function missing(where) {
  return {
    problem: `no Chromium at ${where} (install it with apt-get install -y chromium or set CHROMIUM_PATH)`,
  };
}

export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) {
    return isExecutableFile(env.CHROMIUM_PATH) ? { path: env.CHROMIUM_PATH } : missing(env.CHROMIUM_PATH);
  }
  for (const dir of (env.PATH ?? "").split(delimiter)) {
    const candidate = join(dir, "chromium");
    if (dir !== "" && isExecutableFile(candidate)) return { path: candidate };
  }
  return missing('"chromium" on PATH');
}
