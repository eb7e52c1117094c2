# syntax=docker/dockerfile:1
# Task Force Bot: a small image that runs as a non-root user. Prisma clients are generated and
# TypeScript compiled in the build stage; the runtime stage has production dependencies only.
# Migrations apply at start through the bundled Wasm schema engine: nothing downloads at run time.

ARG NODE_IMAGE=node:20-bookworm-slim

# better-sqlite3 compiles its native addon when no prebuilt binary can be fetched.
FROM ${NODE_IMAGE} AS toolchain
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app

FROM toolchain AS build
COPY package.json package-lock.json prisma.config.ts tsconfig.json tsconfig.build.json ./
COPY scripts/db ./scripts/db
COPY prisma ./prisma
RUN npm ci --no-audit --no-fund
COPY src ./src
COPY scripts/copy-console-assets.mjs ./scripts/
RUN npm run build

FROM toolchain AS production-deps
COPY package.json package-lock.json ./
COPY scripts/db ./scripts/db
# @prisma/client lists the Prisma CLI and TypeScript as optional peers, which npm marks
# "devOptional" and installs even with --omit=dev; --omit=optional keeps them (and ~240 MB) out.
# postinstall then finds no Prisma CLI and skips generation: the clients come from the build stage.
RUN npm ci --omit=dev --omit=optional --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    PORT=3000 \
    DATABASE_URL=file:/data/taskforce.db
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core tini \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data && chown node:node /data
WORKDIR /app
COPY --from=production-deps --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --chown=root:root package.json manifest.yml ./
COPY --chown=root:root prisma ./prisma
COPY --chown=root:root bin ./bin
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# The heap's bounds keep the bot's resident memory under 200 MB at a 50-connection burst
# (npm run bench: peak RSS); its live heap is about 40 MB. The benchmark and the production smoke
# test read these options from here (scripts/production-node-args.mjs).
CMD ["node", "--max-old-space-size=128", "--max-semi-space-size=8", "dist/main.js"]
