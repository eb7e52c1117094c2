// The digest fan-out benchmark: N digest channels spread over every task force, all due at the same instant,
// posted by R bot replicas sharing one PostgreSQL database and one Slack emulator (rate limits on).
//
// We cannot wait for 07:00: the schedules are set to the next whole minute that leaves the replicas time to start,
// each task force's channels at that instant's local HH:MM in its own zone (`scheduled_local_times` says which).
// The replicas are the real bot (bench/servers/bot.ts with BENCH_SCHEDULER=on), each with its own replica id; Slack
// is bench/servers/digest-slack.ts, which records every message put in a channel. The figures come from that record
// and from the DigestRun table.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import type { FanoutRecord } from "../servers/digest-slack.js";
import { compiledDir, compileServers, type ServerProcess, startServer } from "./server-process.js";
import { percentile } from "./stats.js";

export interface DigestFanoutOptions {
  databaseUrl: string;
  channels: number;
  replicas: number;
  /** Where each process's log goes (slack.log, replica-N.log) and the emulator's record. */
  logDir: string;
  /** Seconds after the scheduled instant to give up waiting for the last channel; 240 by default. */
  timeoutSeconds?: number;
}

export interface DigestFanoutResult {
  channels: number;
  replicas: number;
  task_forces: number;
  /** The instant every schedule was due, and its local HH:MM in each task force's zone. */
  scheduled_at: string;
  scheduled_local_times: Array<{
    task_force: string;
    time_zone: string;
    local_time: string;
    channels: number;
  }>;
  /** Channels with exactly one top-level digest post. */
  posted_channels: number;
  /** Top-level digest posts beyond the first in a channel. */
  duplicate_posts: number;
  missing_channels: number;
  /** From the scheduled instant to the last channel's top-level post. */
  seconds_from_schedule_to_last_post: number | null;
  /** Median over channels of the seconds from the scheduled instant to that channel's post. */
  p50_seconds_to_post: number | null;
  /** From the scheduled instant to the last message of any kind (thread replies, chart files). */
  seconds_from_schedule_to_last_message: number | null;
  /** The most messages (posts, replies, file shares) any one channel received within any 1-second window. */
  max_messages_in_any_1s_per_channel: number;
  messages: number;
  /** HTTP 429s the emulator answered, in all and by method. */
  rate_limited_calls: number;
  rate_limited_by_method: Record<string, number>;
  /** DigestRun rows of the bench's channels whose status is not "posted". */
  failed_runs: number;
  run_statuses: Record<string, number>;
  replica_peak_rss_mb: { max: number; each: number[] };
  /** DigestRun rows each replica claimed (claimedBy). */
  claims_by_replica: Record<string, number>;
  contract_violations: string[];
  timed_out: boolean;
}

/** The bench's channel ids: their own prefix, so a rerun on the same database clears only its own rows. */
const CHANNEL_PREFIX = "CFANOUT";
const channelId = (i: number) => `${CHANNEL_PREFIX}${String(i + 1).padStart(4, "0")}`;
const BOT_TOKEN = "xoxb-bench-fanout";
/** How long before the scheduled minute the schedules must be in place (the replicas are already up then). */
const LEAD_MS = 5_000;

/** HH:MM of `instant` on the wall clock of `timeZone`. */
export function localTimeAt(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(instant);
}

/** The most timestamps (epoch ms) within any window of `windowMs`, a window starting at each timestamp. */
export function maxInWindow(times: readonly number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

const seconds = (ms: number) => Math.round(ms) / 1000;

export async function runDigestFanout(options: DigestFanoutOptions): Promise<DigestFanoutResult> {
  const { channels, replicas, logDir } = options;
  if (!Number.isInteger(channels) || channels < 1) throw new Error(`channels must be ≥ 1, not ${channels}`);
  if (!Number.isInteger(replicas) || replicas < 1) throw new Error(`replicas must be ≥ 1, not ${replicas}`);
  if (!existsSync(join(compiledDir, "bench", "servers", "digest-slack.js"))) compileServers();
  const sql = new pg.Client({ connectionString: options.databaseUrl });
  await sql.connect();
  const recordPath = join(logDir, "digest-slack-record.json");
  let slack: ServerProcess | undefined;
  const bots: ServerProcess[] = [];
  try {
    const forces = (
      await sql.query<{ id: number; code: string; timeZone: string }>(
        `SELECT "id", "code", "timeZone" FROM "TaskForce" ORDER BY "id"`,
      )
    ).rows;
    if (forces.length === 0) throw new Error("the database has no task force");
    await clearBenchChannels(sql);

    slack = await startServer("bench/servers/digest-slack.ts", {
      env: { BENCH_BOT_TOKEN: BOT_TOKEN, BENCH_FANOUT_RECORD: recordPath },
      logFile: join(logDir, "digest-slack.log"),
    });
    const apiUrl = String(slack.info.apiUrl);
    const replicaIds = Array.from({ length: replicas }, (_, i) => `replica-${i + 1}`);
    // One at a time: on a small machine, starting them together only makes each start slower.
    for (const id of replicaIds) {
      bots.push(
        await startServer("bench/servers/bot.ts", {
          env: {
            BENCH_DATABASE_URL: options.databaseUrl,
            BENCH_SLACK_API_URL: apiUrl,
            BENCH_BOT_TOKEN: BOT_TOKEN,
            BENCH_SCHEDULER: "on",
            BENCH_REPLICA_ID: id,
          },
          logFile: join(logDir, `${id}.log`),
        }),
      );
    }

    // The next whole minute at least LEAD_MS away: every replica ticks at the top of each minute.
    const scheduledAt = new Date(Math.ceil((Date.now() + LEAD_MS) / 60_000) * 60_000);
    const perForce = forces.map((force) => ({
      task_force: force.code,
      time_zone: force.timeZone,
      local_time: localTimeAt(scheduledAt, force.timeZone),
      channels: 0,
    }));
    const ids = Array.from({ length: channels }, (_, i) => channelId(i));
    const rows = ids.map((id, i) => {
      const slot = i % forces.length;
      const force = forces[slot];
      const local = perForce[slot];
      if (!force || !local) throw new Error("unreachable: round robin past the task forces");
      local.channels++;
      return [force.id, id, local.local_time, force.timeZone];
    });
    const column = (c: number) => rows.map((r) => r[c]);
    await sql.query(
      `INSERT INTO "DigestChannel" ("taskForceId", "channelId", "localTime", "timeZone", "createdBy", "createdAt")
       SELECT t, c, l, z, 'UBENCHFANOUT', now() FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS u(t, c, l, z)`,
      [column(0), column(1), column(2), column(3)],
    );

    // Done when every channel has a post and no run is still being posted, or at the timeout.
    const deadline = scheduledAt.getTime() + (options.timeoutSeconds ?? 240) * 1000;
    let timedOut = true;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      if (Date.now() < scheduledAt.getTime()) continue;
      const { counters } = await slack.stats();
      if ((counters.channelsPosted ?? 0) < channels) continue;
      const open = await sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "DigestRun" WHERE "channelId" LIKE '${CHANNEL_PREFIX}%' AND "status" = 'claimed'`,
      );
      if ((open.rows[0]?.n ?? 0) === 0) {
        timedOut = false;
        break;
      }
    }

    const rss = await Promise.all(bots.map(async (bot) => (await bot.stats()).maxRssMb));
    await Promise.all(bots.map((bot) => bot.stop()));
    bots.length = 0;
    await slack.stop();
    slack = undefined;
    const record = JSON.parse(readFileSync(recordPath, "utf8")) as FanoutRecord;

    const byChannel = new Map<string, { posts: number[]; all: number[] }>();
    for (const id of ids) byChannel.set(id, { posts: [], all: [] });
    for (const message of record.messages) {
      const entry = byChannel.get(message.channel);
      if (!entry) continue;
      entry.all.push(message.at);
      if (message.kind === "post") entry.posts.push(message.at);
    }
    const firstPosts: number[] = [];
    let duplicates = 0;
    let exactlyOnce = 0;
    let maxPerSecond = 0;
    let lastMessage: number | undefined;
    for (const { posts, all } of byChannel.values()) {
      if (posts.length === 1) exactlyOnce++;
      duplicates += Math.max(0, posts.length - 1);
      if (posts.length > 0) firstPosts.push(Math.min(...posts) - scheduledAt.getTime());
      maxPerSecond = Math.max(maxPerSecond, maxInWindow(all, 1000));
      for (const at of all) lastMessage = Math.max(lastMessage ?? at, at);
    }
    const lastPost = firstPosts.length > 0 ? Math.max(...firstPosts) : undefined;

    const statuses = await sql.query<{ status: string; n: number }>(
      `SELECT "status", count(*)::int AS n FROM "DigestRun" WHERE "channelId" LIKE '${CHANNEL_PREFIX}%' GROUP BY 1 ORDER BY 1`,
    );
    const claims = await sql.query<{ by: string; n: number }>(
      `SELECT "claimedBy" AS by, count(*)::int AS n FROM "DigestRun" WHERE "channelId" LIKE '${CHANNEL_PREFIX}%' GROUP BY 1 ORDER BY 1`,
    );
    const runStatuses = Object.fromEntries(statuses.rows.map((r) => [r.status, r.n]));
    const claimsByReplica = Object.fromEntries(replicaIds.map((id) => [id, 0]));
    for (const row of claims.rows) claimsByReplica[row.by] = row.n;
    return {
      channels,
      replicas,
      task_forces: forces.length,
      scheduled_at: scheduledAt.toISOString(),
      scheduled_local_times: perForce,
      posted_channels: exactlyOnce,
      duplicate_posts: duplicates,
      missing_channels: channels - firstPosts.length,
      seconds_from_schedule_to_last_post: lastPost === undefined ? null : seconds(lastPost),
      p50_seconds_to_post: firstPosts.length > 0 ? seconds(percentile(firstPosts, 50)) : null,
      seconds_from_schedule_to_last_message:
        lastMessage === undefined ? null : seconds(lastMessage - scheduledAt.getTime()),
      max_messages_in_any_1s_per_channel: maxPerSecond,
      messages: record.messages.length,
      rate_limited_calls: Object.values(record.rateLimited).reduce((a, b) => a + b, 0),
      rate_limited_by_method: record.rateLimited,
      failed_runs: statuses.rows.filter((r) => r.status !== "posted").reduce((a, r) => a + r.n, 0),
      run_statuses: runStatuses,
      replica_peak_rss_mb: { max: Math.max(...rss), each: rss },
      claims_by_replica: claimsByReplica,
      contract_violations: record.violations,
      timed_out: timedOut,
    };
  } finally {
    await Promise.all(bots.map((bot) => bot.stop().catch(() => undefined)));
    await slack?.stop().catch(() => undefined);
    await clearBenchChannels(sql).catch(() => undefined);
    await sql.end();
  }
}

/** Removes the bench's schedules and runs, so the database is left as it was found. */
async function clearBenchChannels(sql: pg.Client): Promise<void> {
  await sql.query(`DELETE FROM "DigestRun" WHERE "channelId" LIKE '${CHANNEL_PREFIX}%'`);
  await sql.query(`DELETE FROM "DigestChannel" WHERE "channelId" LIKE '${CHANNEL_PREFIX}%'`);
}
