#!/usr/bin/env node
// `tf` command-line entry. In a checkout it runs the TypeScript sources through tsx; in the
// production image (no sources, no dev dependencies) it runs the compiled dist/.
import { existsSync } from "node:fs";

const source = new URL("../src/cli/main.ts", import.meta.url);
const compiled = new URL("../dist/cli/main.js", import.meta.url);

if (existsSync(source)) {
  const { register } = await import("tsx/esm/api");
  register();
  await import(source.href);
} else if (existsSync(compiled)) {
  await import(compiled.href);
} else {
  console.error("tf: neither src/cli/main.ts nor dist/cli/main.js exists; run `npm run build`.");
  process.exit(1);
}
