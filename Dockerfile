# idgraph server image. Build: `docker compose build` (or `docker build -t idgraph .`).
# Needs a Neo4j 5 reachable at NEO4J_URI; the image does not contain Neo4j (see docker-compose.yml).

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY cypher ./cypher
COPY scripts/build-web.ts ./scripts/build-web.ts
COPY web ./web
# `npm run build` compiles to dist/, builds the browser pages (web/ -> web/dist, with Vite) and
# copies cypher/ and web/dist into dist/.
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The node image's unprivileged user (uid 1000); the app writes nothing to disk.
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# A larger young generation: scavenges of the per-batch garbage take about a tenth less CPU (docs/DEPLOYMENT.md, "Ingest sizing").
CMD ["node", "--max-semi-space-size=64", "dist/src/app/main.js"]
