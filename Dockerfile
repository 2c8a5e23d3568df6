# syntax=docker/dockerfile:1
#
# careerplan image: compiled JavaScript on the current Node LTS.
#   docker build -t careerplan .
#   docker run --env-file .env -p 3000:3000 careerplan                         # web + worker (ROLE all)
#   docker run --env-file .env careerplan node dist/main.js worker             # worker only
# Migrations run at start-up (serialised by an advisory lock), so there is no separate step.

ARG NODE_IMAGE=node:24-bookworm-slim

# --- deps: every dependency, for the TypeScript build -------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# --- build: tsc -p tsconfig.build.json → dist/ ------------------------------------------------
FROM deps AS build
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# --- runtime: production dependencies, dist/ and migrations/ only -----------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production PORT=3000
# The leaderboard's monthly chart is rendered to PNG on the server (resvg): its text needs a font.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-dejavu-core \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
# src/db/migrator.ts reads ../../migrations/ relative to itself: dist/db/ → /app/migrations.
COPY migrations ./migrations

# Files stay root-owned (read-only to the app); the process runs as the image's unprivileged user.
USER node
# 3000: PORT (Slack, /healthz, /readyz). 9100: OPS_PORT when set (/metrics, task API, queue view).
EXPOSE 3000 9100

# /healthz answers 200 while the process is up, in every role (the worker serves it on PORT too).
# Slim images have no curl, so use node's built-in fetch.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# node is PID 1 and handles SIGTERM itself (ordered shutdown, force-quit after SHUTDOWN_TIMEOUT_MS).
STOPSIGNAL SIGTERM
# Role as an argument: web | worker | all (default all, or the ROLE variable).
CMD ["node", "dist/main.js"]
