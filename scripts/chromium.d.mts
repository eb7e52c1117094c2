/** The flags Chromium starts with here: headless, as root, offline (see chromium.mjs). */
export const chromiumArgs: string[];

/** CHROMIUM_PATH if it is an executable file, else the first `chromium` on PATH; else what is missing and how to fix it. */
export function findChromium(
  env?: NodeJS.ProcessEnv,
): { path: string; problem?: undefined } | { path?: undefined; problem: string };
