# syntax=docker/dockerfile:1
# The liquidity engine's image: one image for the engine (default command), the bank simulator and the demo feed
# (deploy/docker-compose.yml picks the command), with the command-line client `liq` on the PATH. TypeScript is
# compiled in the build stage (npm run build: deploy/build.sh), so the runtime stage has plain JavaScript,
# production dependencies only, and no tsx.
#   docker build -t liquidity-engine .
#   docker run --rm -p 127.0.0.1:50051:50051 liquidity-engine                           # embedded mode, not durable
#   docker run --rm liquidity-engine node dist/bin/bank-simulator.js                    # the bank simulator
#   docker compose -f deploy/docker-compose.yml exec engine liq --help                  # the client (docs/cli.md)
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Dependencies first, so a source change reuses this layer. No dependency needs its install scripts
# (package.json "allowScripts"), so none run.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY deploy/build.sh deploy/build.sh
COPY protos protos
COPY actors actors
COPY runtime runtime
COPY read-models read-models
COPY decisions decisions
COPY reconciliation reconciliation
COPY adapters adapters
COPY engine engine
COPY simulator simulator
COPY simulation simulation
COPY bin bin
COPY cli cli
RUN npm run build \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# package.json: "type": "module" makes Node load dist/**/*.js as ES modules.
COPY --from=build --chown=root:root /app/package.json ./package.json
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
# `liq` on the PATH: the compiled client's launcher (package.json "bin").
RUN ln -s /app/dist/bin/liq.js /usr/local/bin/liq
# The code is root's and read-only to the process, which runs as the image's unprivileged user `node` (uid 1000).
USER node
# gRPC API, admin HTTP (/metrics, /healthz, /readyz, bank callbacks), the bank simulator.
EXPOSE 50051 9464 7070
# Inside the container the engine must listen beyond loopback (the defaults are 127.0.0.1).
ENV LIQ_GRPC_HOST=0.0.0.0 \
    LIQ_ADMIN_HOST=0.0.0.0
# GET /readyz on the admin port (LIQ_ADMIN_PORT, 9464): healthy once the engine serves; or HEALTHCHECK_URL (the bank simulator sets it).
HEALTHCHECK --interval=10s --timeout=4s --start-period=30s --retries=6 CMD ["node", "dist/bin/healthcheck.js"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/bin/engine.js"]
