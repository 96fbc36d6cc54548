# syntax=docker/dockerfile:1
# One image recipe for every service. The build context is the repository root;
# WORKSPACE names the service's folder:
#   docker build --build-arg WORKSPACE=subgraphs/orders -t agora/orders .
#   docker build --build-arg WORKSPACE=router -t agora/router .
# The image serves with `node dist/main.js`; a PostgreSQL subgraph's migrations run
# as a separate one-shot command, `node dist/migrate.js`, and demo data (off unless
# SEED_DEMO_DATA=true) as `node dist/seed.js`. Serving never migrates or seeds.
ARG NODE_IMAGE=node:24-bookworm-slim

# Every package.json and the lockfile, in their folders: the npm layers below stay
# cached until one of these files changes, whatever else does.
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
  && find . -name package.json -not -path '*/node_modules/*' -exec cp --parents {} /manifests \; \
  && cp package-lock.json /manifests/

# All dependencies (dev included, install scripts off: tsc needs none), then the
# sources, compiled for the one workspace and the packages it references.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY --from=manifests /manifests ./
RUN --mount=type=cache,target=/root/.npm npm ci --ignore-scripts --no-audit --no-fund
COPY . .
ARG WORKSPACE
RUN test -n "$WORKSPACE" || { echo 'set --build-arg WORKSPACE=<folder>, e.g. subgraphs/orders' >&2; exit 1; }
RUN npx tsc -b "$WORKSPACE"

# Only this workspace's production dependencies and the workspace packages it
# depends on (linked under node_modules/@agora), not every workspace's.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY --from=manifests /manifests ./
ARG WORKSPACE
RUN --mount=type=cache,target=/root/.npm \
  npm ci --omit=dev --workspace "$WORKSPACE" --include-workspace-root=false --ignore-scripts --no-audit --no-fund

# What runs: those dependencies, plus each linked workspace's package.json, compiled
# JavaScript, SDL (src/schema.graphql) and migrations (drizzle/); no tests, sources,
# type declarations or source maps. The router also reads the repo-root supergraph.
FROM build AS bundle
COPY --from=deps /app /deps
RUN mkdir /bundle \
  && cp -a /deps/package.json /deps/node_modules supergraph.graphql /bundle/ \
  && for link in /bundle/node_modules/@agora/*; do \
       ws="$(readlink "$link")"; ws="${ws#../../}"; \
       tar -c --exclude=node_modules --exclude=test --exclude='*.ts' --exclude='*.map' \
         --exclude='*.tsbuildinfo' "$ws" | tar -x -C /bundle; \
       if [ -d "/deps/$ws/node_modules" ]; then cp -a "/deps/$ws/node_modules" "/bundle/$ws/"; fi; \
     done

FROM ${NODE_IMAGE}
ARG WORKSPACE
# Every service listens on 4000 in its container unless PORT says otherwise.
ENV NODE_ENV=production PORT=4000
COPY --from=bundle --chown=root:root /bundle /app
WORKDIR /app/${WORKSPACE}
# The image's `node` user (uid 1000); the files stay root's, read-only to it.
USER node
EXPOSE 4000
# Slim images have no curl: node's fetch asks /live on $PORT.
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
