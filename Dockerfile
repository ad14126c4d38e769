# syntax=docker/dockerfile:1
# sql-eval: `sql-eval serve` (Slack and /healthz on $PORT) as a non-root user. Secrets come from the environment
# or from secret:// references at run time; none is baked into the image (see README "Docker").
#
#   docker build -t sql-eval .
#   docker run --rm -p 3000:3000 -e DATABASE_URL=secret://aws/prod/warehouse#url -e AWS_REGION=eu-west-1 … sql-eval

# Node 20 LTS on Debian bookworm, pinned to an exact release (pin the digest too: node:20.20.2-bookworm-slim@sha256:…).
ARG NODE_IMAGE=node:20.20.2-bookworm-slim

# Stage 1: production dependencies only, exactly as pnpm-lock.yaml records them.
FROM ${NODE_IMAGE} AS dependencies
WORKDIR /app
# pnpm from the npm registry (corepack cannot verify pnpm's signatures on every mirror).
RUN npm install --global pnpm@10.34.9 && npm cache clean --force
COPY package.json pnpm-lock.yaml ./
# Dependency build scripts run only for the packages package.json names in pnpm.onlyBuiltDependencies.
RUN pnpm install --frozen-lockfile --prod && pnpm store prune

# Stage 2: the runtime.
FROM ${NODE_IMAGE} AS runtime
# Fonts for chart rendering (vega → SVG → PNG with resvg).
RUN apt-get update \
  && apt-get install --yes --no-install-recommends fonts-dejavu-core \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production \
    PORT=3000 \
    SQL_EVAL_HOME=/var/lib/sql-eval
COPY --from=dependencies --chown=root:root /app/node_modules ./node_modules
COPY --chown=root:root package.json tsconfig.json ./
COPY --chown=root:root bin ./bin
COPY --chown=root:root src ./src
COPY --chown=root:root adapters ./adapters
COPY --chown=root:root configs ./configs
COPY --chown=root:root eval ./eval
COPY --chown=root:root manifests ./manifests
# The application files belong to root and are read-only to the process; only its home is writable.
RUN mkdir -p /var/lib/sql-eval && chown node:node /var/lib/sql-eval
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((response) => process.exit(response.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["node", "/app/bin/sql-eval.js"]
CMD ["serve"]
