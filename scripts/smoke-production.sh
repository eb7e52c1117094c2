#!/usr/bin/env bash
# What the Dockerfile's runtime stage holds, tested without a Docker engine: a production-only
# install (npm ci --omit=dev) plus the build output must start, migrate a fresh
# SQLite database, answer /healthz, and stop cleanly on SIGTERM.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap '[ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

cd "$root"
npm run build --silent
node_args="$(node scripts/production-node-args.mjs)"
cp -r package.json package-lock.json manifest.yml dist prisma bin "$work/"
mkdir -p "$work/scripts" && cp -r scripts/db "$work/scripts/"
cd "$work"
npm ci --omit=dev --omit=optional --no-audit --no-fund --loglevel=error
test ! -e node_modules/typescript || { echo "smoke: dev dependencies leaked into the production install"; exit 1; }

port="$(node -e "const s=require('net').createServer().listen(0,()=>{console.log(s.address().port);s.close()})")"
# Local mode: no Slack credentials, so the bot checks its token against, and talks to, the built-in
# emulator (also shipped in dist/) instead of slack.com, which CI cannot reach.
NODE_ENV=production PORT="$port" DATABASE_URL="file:$work/data/taskforce.db" LOG_LEVEL=warn \
  node $node_args dist/main.js </dev/null &
pid=$!
for _ in $(seq 1 60); do
  if curl -fsS "http://127.0.0.1:$port/healthz" >"$work/health.json" 2>/dev/null; then break; fi
  sleep 0.5
done
grep -q '"database":"up"' "$work/health.json" || { echo "smoke: /healthz did not answer 200 with the database up"; exit 1; }
# Local mode's browser console is served from files the build copies beside the compiled code.
curl -fsS "http://127.0.0.1:$port/console/console.js" >/dev/null \
  && curl -fsS "http://127.0.0.1:$port/" | grep -q "local console" \
  || { echo "smoke: the local console's page or script is missing from the build"; exit 1; }
kill -TERM "$pid"
wait "$pid" && status=0 || status=$?
pid=
[ "$status" -eq 0 ] || { echo "smoke: exit status $status after SIGTERM"; exit 1; }
echo "smoke: the production install started, answered /healthz ($(cat "$work/health.json")) and stopped cleanly"
