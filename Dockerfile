# syntax=docker/dockerfile:1
# One image for the five processes of the distributed topology (docker-compose.yml):
# the gateway by default; a subgraph with `node --require ./ops/register-typescript.cjs
# subgraphs/main.ts` and SUBGRAPH=<catalog|entitlements|subscriptions|invoicing>. The
# TypeScript is transpiled by esbuild as it is loaded (ops/register-typescript.cjs), so
# there is no build output to keep in step.

# Stage 1: production dependencies only, from the committed lock.
FROM node:20.19-bookworm-slim AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# Stage 2: the runtime: no npm cache, no dev dependencies, not root.
FROM node:20.19-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=dependencies --chown=node:node /app/node_modules ./node_modules
COPY --chown=node:node package.json ./
COPY --chown=node:node schema ./schema
COPY --chown=node:node server ./server
COPY --chown=node:node gateway ./gateway
COPY --chown=node:node subgraphs ./subgraphs
COPY --chown=node:node ops ./ops
USER node
# The gateway listens on 4000; the subgraphs on 4001 to 4004 (each its own PORT).
EXPOSE 4000 4001 4002 4003 4004
# Every process answers GET /health on its PORT: a subgraph when its database answers,
# the gateway when every subgraph's does.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# A 32 MB young generation: every request allocates an answer tree (README, Design).
CMD ["node", "--max-semi-space-size=32", "--require", "./ops/register-typescript.cjs", "gateway/main.ts"]
