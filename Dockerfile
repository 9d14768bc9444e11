# syntax=docker/dockerfile:1

# Base image: Node 22 (maintenance LTS; Node 20 left security support in April 2026), pinned by
# exact tag AND digest so a rebuild gets the same bytes. To update (see README, "Updating the
# pinned images"):
#   docker buildx imagetools inspect node:22-bookworm-slim     # newest 22.x: its tag and digest
# then replace both values below (one ARG, used by both stages) and rebuild.
ARG NODE_IMAGE=node:22.23.3-bookworm-slim@sha256:43ac6c60b8f89723f746e8a92ce91abd5017e627ce1ddfe4238355d3a30b772c

# ---- build: compile TypeScript with the dev toolchain ----
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Dependencies' install scripts are not needed: argon2 ships prebuilt binaries.
RUN PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY client ./client
# The API (tsc) and the browser client (esbuild, into dist/public).
RUN npm run build

# ---- runtime: production dependencies and the compiled code only ----
# test/deploy/runtime-stage.e2e-spec.ts reproduces this stage outside Docker (same files, same
# install command, unprivileged user, SIGTERM): keep the two in step.
FROM ${NODE_IMAGE} AS runtime
# tini as PID 1: it forwards SIGTERM to Node (which then shuts down gracefully) and reaps zombies.
# Running the image with `docker run --init` would do the same; tini in the image does not depend
# on every operator remembering the flag.
RUN apt-get update \
  && apt-get install -y --no-install-recommends tini \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY config ./config
# The AsyncAPI document, served at /asyncapi.json (read once at boot).
COPY docs/asyncapi.yaml ./docs/asyncapi.yaml
# The image's own unprivileged user; nothing in /app is writable by it.
USER node
EXPOSE 3000
# Liveness only (the process serves HTTP): a database outage must not get replicas restarted.
# Needs MONGODB_URI and a strong JWT_SECRET (at least 32 bytes); the app refuses to start without them.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/main.js"]
