# syntax=docker/dockerfile:1

# Node 22 (maintenance LTS): Node 20 left security support in April 2026. The code runs on >= 20.19.
# ---- build: compile TypeScript with the dev toolchain ----
FROM node:22-bookworm-slim AS build
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
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY config ./config
# The image's own unprivileged user; nothing in /app is writable by it.
USER node
EXPOSE 3000
# Needs MONGODB_URI and a strong JWT_SECRET (at least 32 bytes); it refuses to start without them.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
