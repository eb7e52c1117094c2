// `npm run bench [-- --quick]`: every benchmark, side by side on this machine.
// So far: the importer against raw better-sqlite3 inserts (bench/import.ts). The ack-latency and
// CompStat-query comparisons of the benchmarks issue are to be added here.
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { quick: { type: "boolean", default: false } } });
const rows = values.quick ? "50000" : "1000000";
const result = spawnSync(process.execPath, ["--import", "tsx", "bench/import.ts", "--rows", rows], {
  stdio: "inherit",
});
process.exit(result.status ?? 1);
