#!/usr/bin/env node
// Prints the Node options the production image starts the bot with: the arguments between "node"
// and the script in the Dockerfile's last CMD. The Dockerfile is their one home; the benchmark and
// the production smoke test run the bot with the same ones through this script.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export function productionNodeArgs() {
  const cmd = readFileSync(new URL("../Dockerfile", import.meta.url), "utf8")
    .split("\n")
    .filter((line) => /^CMD \[/.test(line))
    .at(-1);
  if (!cmd) throw new Error("the Dockerfile has no CMD [...] line");
  const argv = JSON.parse(cmd.slice("CMD ".length));
  if (argv[0] !== "node") throw new Error(`the Dockerfile's CMD does not start node: ${cmd}`);
  return argv.slice(1, -1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(productionNodeArgs().join(" "));
