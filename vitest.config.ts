import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Each file gets its own database, emulator and bot; a PostgreSQL database takes ~1 s to
    // create and migrate, so the defaults are too tight on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // A poll waits for what a page or the bot shows next; on a loaded 2-core machine a reply can
    // take seconds, and a poll that gives up at 1 s fails for no fault of the code.
    expect: { poll: { timeout: 15_000 } },
  },
});
